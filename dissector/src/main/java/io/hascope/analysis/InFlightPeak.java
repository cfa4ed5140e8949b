package io.hascope.analysis;

import java.util.PriorityQueue;

/**
 * The most holds in flight at any one time, computed as the capture streams by. A hold's start is known when its
 * request is seen; its end (reply, expiry, or the end of the capture) is never earlier than one matching window
 * before the moment it becomes known, so events older than that window are final and can be swept in time order.
 * Memory: the events of one matching window, not of the whole capture.
 */
final class InFlightPeak {
    private final PriorityQueue<long[]> pending = new PriorityQueue<>((x, y) -> x[0] != y[0]
            ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1])); // at equal times, ends before starts
    private long settledUpTo = Long.MIN_VALUE;
    private long live;
    private long peak;

    void start(long time, int holds) {
        pending.add(new long[] {time, holds});
    }

    /**
     * An end older than what is already swept (a request that outlived the window behind a resent one) counts at the
     * sweep's edge: that hold is counted in flight a little longer than it was, never dropped.
     */
    void end(long time, int holds) {
        pending.add(new long[] {Math.max(time, settledUpTo), -holds});
    }

    /** Sweeps every event before horizon: none can still arrive earlier than that. */
    void settle(long horizon) {
        settledUpTo = Math.max(settledUpTo, horizon);
        while (!pending.isEmpty() && pending.peek()[0] < horizon) {
            long[] e = pending.poll();
            live += e[1];
            peak = Math.max(peak, live);
        }
    }

    long peak() {
        settle(Long.MAX_VALUE);
        return peak;
    }
}
