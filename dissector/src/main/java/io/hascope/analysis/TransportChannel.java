package io.hascope.analysis;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * One direction of the reliable transport as the capture shows it: which DATA numbers were seen, the number the
 * receiver expects next (go-back-N: only that one is consumed), and the NACKs asked for each number.
 */
final class TransportChannel {
    private static final int SEQ_SPACE = 1 << 24;
    final BitSet seen = new BitSet(SEQ_SPACE);
    int highest = -1;
    int expected = -1;
    final Map<Integer, Integer> nacks = new HashMap<>();
    boolean brokenReported;
    long lastData = Long.MIN_VALUE;
    /** The last transport frame of any type (DATA, KEEPALIVE, NACK) from this channel's sender. */
    long lastHeard = Long.MIN_VALUE;

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
