package io.hascope.gui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Packets held in flight over time, from the holds as the analysis settled them: a step line that rises at each
 * request and falls at its reply, expiry or the capture's end, so its highest step is the peak the scorecard gives.
 * A capture with more changes than a chart can draw is cut into equal spans, each drawn at the most held in it, so
 * no peak is lost between samples.
 */
final class HeldInFlight {
    private static final int PACKET_BITS = 16;
    private static final long PACKET_MASK = (1L << PACKET_BITS) - 1;

    private HeldInFlight() {
    }

    /** The steps as (seconds since firstNanos, packets held) points, at most about maxPoints of them. */
    static List<double[]> steps(List<HoldRecord> holds, long firstNanos, int maxPoints) {
        // starts and ends each sorted as primitives (time since the first frame, then packets, in one long): a
        // capture holds millions of holds, and this runs as it loads
        long[] starts = new long[holds.size()];
        long[] ends = new long[holds.size()];
        for (int i = 0; i < holds.size(); i++) {
            HoldRecord h = holds.get(i);
            starts[i] = pack(h.timeNanos() - firstNanos, h.packets());
            ends[i] = pack(Math.max(h.timeNanos(), h.endNanos()) - firstNanos, h.packets());
        }
        Arrays.sort(starts);
        Arrays.sort(ends);
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        if (starts.length == 0) {
            return points;
        }
        long last = ends[ends.length - 1] >>> PACKET_BITS;
        int spans = Math.max(1, maxPoints / 2);
        boolean binned = 2 * starts.length > spans;
        double spanNanos = Math.max(1, (double) last) / spans;
        long held = 0;
        int span = -1;
        long peakInSpan = 0;
        int s = 0;
        int e = 0;
        while (s < starts.length || e < ends.length) {
            // at equal times an end comes before a start, as the analysis counts its peak
            boolean end = s == starts.length
                    || e < ends.length && (ends[e] >>> PACKET_BITS) <= (starts[s] >>> PACKET_BITS);
            long event = end ? ends[e++] : starts[s++];
            long time = event >>> PACKET_BITS;
            long delta = end ? -(event & PACKET_MASK) : event & PACKET_MASK;
            if (!binned) {
                points.add(new double[] {time / 1e9, held});
                held += delta;
                points.add(new double[] {time / 1e9, held});
                continue;
            }
            int at = (int) Math.min(spans - 1, time / spanNanos);
            if (at != span) {
                if (span >= 0) {
                    addSpan(points, span, peakInSpan, spanNanos);
                }
                span = at;
                peakInSpan = held; // what was held as the span began
            }
            held += delta;
            peakInSpan = Math.max(peakInSpan, held);
        }
        if (binned) {
            addSpan(points, span, peakInSpan, spanNanos);
        }
        return points;
    }

    /**
     * Time since the first frame above, packets held (at most 65,535) below. Times past 2^47 ns (39 hours) are drawn
     * at 39 hours rather than wrapped around.
     */
    private static long pack(long sinceFirst, int packets) {
        long time = Math.min(Math.max(0, sinceFirst), (1L << (63 - PACKET_BITS)) - 1);
        return time << PACKET_BITS | Math.min(packets, PACKET_MASK);
    }

    private static void addSpan(List<double[]> points, int span, long peak, double spanNanos) {
        points.add(new double[] {span * spanNanos / 1e9, peak});
        points.add(new double[] {(span + 1) * spanNanos / 1e9, peak});
    }
}
