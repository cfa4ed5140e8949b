package io.hascope.analysis;

import java.util.HashMap;
import java.util.Map;

/**
 * One direction of the reliable transport as the capture shows it: which DATA numbers were seen, the number the
 * receiver expects next (go-back-N: only that one is consumed), and the NACKs asked for each number.
 */
final class TransportChannel {
    private static final int SEQ_SPACE = 1 << 24;
    /**
     * The last {@value #RECENT} DATA numbers seen (seq + 1 per slot, 0 empty): a retransmission comes back within the
     * sender's window, and a bitmap of the whole 24-bit space would cost 2 MiB per channel.
     */
    private static final int RECENT = 4096;
    private int[] recent;
    int highest = -1;
    int expected = -1;
    final Map<Integer, Integer> nacks = new HashMap<>();
    boolean brokenReported;
    long lastData = Long.MIN_VALUE;
    /** The last transport frame of any type (DATA, KEEPALIVE, NACK) from this channel's sender. */
    long lastHeard = Long.MIN_VALUE;

    boolean seen(int seq) {
        return recent != null && recent[seq & (RECENT - 1)] == seq + 1;
    }

    void markSeen(int seq) {
        if (recent == null) {
            recent = new int[RECENT];
        }
        recent[seq & (RECENT - 1)] = seq + 1;
    }

    /** The number the receiver expects next, as a second tap sees the DATA arrive (-1 before the first). */
    private int expectedOnArrival = -1;

    /** DATA number seq arrived at the receiver (a second tap saw it): true when it consumes it, the next in order. */
    boolean consumeOnArrival(int seq) {
        if (expectedOnArrival < 0) {
            expectedOnArrival = seq;
        }
        if (seq == expectedOnArrival) {
            expectedOnArrival = (expectedOnArrival + 1) % SEQ_SPACE;
            return true;
        }
        return false; // go-back-N: out of order, dropped until the sender sends it again
    }

    /** The DATA number seq went by: true when the receiver consumes it (the next in order). */
    boolean consume(int seq) {
        if (expected < 0) {
            expected = seq; // the capture starts mid-stream: take the first number as the start
        }
        if (seq == expected) {
            expected = (expected + 1) % SEQ_SPACE;
            return true;
        }
        return false;
    }
}
