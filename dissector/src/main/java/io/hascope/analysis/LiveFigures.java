package io.hascope.analysis;

import java.util.List;

/**
 * Running figures of an analysis as of the frame last fed, for a display that refreshes while a capture goes on:
 * counters only grow, so two of these a second apart give rates.
 */
public record LiveFigures(long frames, long firstTimeNanos, long lastTimeNanos, List<Side> dpus, int holdsInFlight,
                          int packetsHeld, long replies, long replyTimeMedianNanos, long replyTimeP99Nanos,
                          long findings) {

    /** The figures of the DPU at address, or null when it was not heard yet. */
    public Side side(String address) {
        for (Side s : dpus) {
            if (s.address().equals(address)) {
                return s;
            }
        }
        return null;
    }

    /** One DPU: what it sent as sender (requests, their messages) and receiver (replies), and its two tables. */
    public record Side(String address, String peer, int role, long requests, long messages, long replies, int own,
                       int peerCopies) {
    }
}
