package io.hascope.analysis;

import io.hascope.capture.CaptureReader;
import io.hascope.capture.ForwardingCaptureReader;
import io.hascope.capture.Frame;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Two taps recognised from a capture (analysis.md §0) show themselves at the first frame seen arriving, yet
 * both were capturing from the first frame each interface shows: a frame that left after that and was lost in the
 * channel never arrives, and judging it as with one tap would deliver it. So before handing on the first frame,
 * this reads ahead to that first arrival (at most {@link #SPAN} of capture time, {@link #MAX_FRAMES} frames or
 * {@link #MAX_BYTES} bytes, kept as copies), says from which frame on both taps were seen capturing, and then hands
 * the frames on in order as read. On a live interface it also waits at most {@link #SPAN} of wall time for the
 * line, so a quiet line delays the analysis of the first frames by that much, never longer.
 */
final class TapLookahead extends ForwardingCaptureReader {
    static final long SPAN = CaptureAnalysis.ARRIVAL_WINDOW;
    static final int MAX_FRAMES = 65_536;
    static final long MAX_BYTES = 64L << 20;

    private final ArrayDeque<Frame> ahead = new ArrayDeque<>();
    private boolean lookedAhead;
    private boolean innerEnded;
    private long bothTapsFrom = Long.MAX_VALUE;

    TapLookahead(CaptureReader inner) {
        super(inner);
    }

    /**
     * The frame from which both taps were seen capturing, the two being those of the first frame seen arriving;
     * Long.MAX_VALUE when none arrived within the look ahead (one tap, or taps still to be recognised as before).
     * Known once the first frame has been read.
     */
    long bothTapsFrom() {
        return bothTapsFrom;
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        if (!lookedAhead) {
            lookedAhead = true;
            if (!inner.next(frame)) {
                return false;
            }
            if (inner.interfaces().size() < 2) {
                return true; // one interface: nothing to recognise, nothing kept
            }
            lookAhead(frame.detached());
        }
        if (!ahead.isEmpty()) {
            frame.viewOf(ahead.pollFirst());
            return true;
        }
        return !innerEnded && inner.next(frame);
    }

    private void lookAhead(Frame first) throws IOException {
        ArrivalCopies arrivals = new ArrivalCopies(CaptureAnalysis.ARRIVAL_WINDOW);
        Map<Integer, Long> firstFrameOn = new HashMap<>();
        long bytes = 0;
        Frame f = first;
        Frame reading = new Frame();
        long giveUpWaitingAt = System.nanoTime() + SPAN;
        while (true) {
            ahead.addLast(f);
            bytes += f.capturedLength();
            firstFrameOn.putIfAbsent(f.interfaceId(), f.number());
            if (arrivals.classify(f, NamedTaps.UNNAMED) == ArrivalCopies.FIRST_ARRIVAL) {
                int leftOn = interfaceOfFrameAhead(arrivals.departureFrame());
                bothTapsFrom = leftOn < 0 ? f.number() // not met: the departure is always among the frames ahead
                        : Math.max(firstFrameOn.get(leftOn), firstFrameOn.get(f.interfaceId()));
                return;
            }
            if (ahead.size() >= MAX_FRAMES || bytes >= MAX_BYTES) {
                return;
            }
            int read = inner.nextBy(reading, giveUpWaitingAt);
            if (read == NOT_YET) {
                return; // a quiet line: what was read goes on, the rest comes as it comes
            }
            if (read == ENDED) {
                innerEnded = true;
                return;
            }
            if (reading.timeNanos() - first.timeNanos() > SPAN) {
                ahead.addLast(reading.detached()); // handed on, not looked at
                return;
            }
            f = reading.detached();
        }
    }

    private int interfaceOfFrameAhead(long number) {
        for (Frame f : ahead) {
            if (f.number() == number) {
                return f.interfaceId();
            }
        }
        return -1;
    }
}
