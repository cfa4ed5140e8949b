package io.hascope.analysis;

/**
 * The copies one tap took on trust over an rUDP channel: with one tap, a request without Q counts as delivered as
 * its DATA leaves in order (analysis.md §4: nothing shows it lost yet). Its receiver's ACK decides later — go-back-N
 * drops a DATA the network delivered ahead of the one before it, and the sender sends it again after the NACK, unless
 * it fails first. So each copy change made on trust is kept, with the copy as it was before, until the receiver's ACK
 * passes its DATA; at a failover, those its ACK never passed tell what the survivor really held (a DATA never taken
 * and never sent again is the "transport gap that was never retransmitted" of §4).
 * <p>
 * Entries, oldest first, five longs each in a ring: DATA number and store record, the copy's word before the change,
 * the copy's frame before it, the record's key hash (the record may since hold another connection), and when the
 * DATA left.
 */
final class TrustedCopies {
    private static final int STRIDE = 5;
    /**
     * A receiver's header sent this long after a DATA left shows whether it took it: one tap does not measure the
     * one-way time, and 10 ms is more than the link between two paired DPUs takes.
     */
    static final long WAIT = 10_000_000L;
    /** Entries kept at most: a sender's window of DATA, each of up to 128 messages, and more. */
    private static final int MOST = 1 << 16;

    private long[] ring = new long[16 * STRIDE];
    private int head;
    private int size;

    /**
     * A message of DATA number seq, which left at time, changed record rec's copy on trust; before and beforeFrame:
     * the copy till then.
     */
    void add(TransportChannel channel, int seq, long time, int rec, long before, long beforeFrame, int hash) {
        while (size > 0 && (channel.acknowledges(seqAt(0)) || size == MOST)) {
            head = (head + 1) & (capacity() - 1);
            size--;
        }
        if (size == capacity()) {
            grow();
        }
        int at = ((head + size) & (capacity() - 1)) * STRIDE;
        ring[at] = (long) seq << 32 | (rec & 0xffffffffL);
        ring[at + 1] = before;
        ring[at + 2] = beforeFrame;
        ring[at + 3] = hash;
        ring[at + 4] = time;
        size++;
    }

    /**
     * The copies as the receiver holds them by its ACK: for each record whose copy a DATA changed on trust that the
     * receiver's latest ACK, sent well after that DATA could have arrived, does not pass, the copy before the earliest
     * such change, as {word, frame}. Records whose key hash (hashOf, by record) no longer matches are left out.
     */
    java.util.Map<Integer, long[]> untaken(TransportChannel channel, java.util.function.IntUnaryOperator hashOf) {
        java.util.Map<Integer, long[]> before = new java.util.HashMap<>();
        for (int i = 0; i < size; i++) {
            int at = ((head + i) & (capacity() - 1)) * STRIDE;
            int rec = (int) ring[at];
            if (channel.acknowledgedAt == Long.MIN_VALUE || channel.acknowledgedAt - ring[at + 4] < WAIT) {
                break; // the receiver has not spoken since this DATA could have arrived, nor since the later ones
            }
            if (channel.acknowledges((int) (ring[at] >>> 32)) || hashOf.applyAsInt(rec) != (int) ring[at + 3]) {
                continue;
            }
            before.putIfAbsent(rec, new long[] {ring[at + 1], ring[at + 2]});
        }
        return before;
    }

    /** Entries kept now. */
    int size() {
        return size;
    }

    private int seqAt(int i) {
        return (int) (ring[((head + i) & (capacity() - 1)) * STRIDE] >>> 32);
    }

    /** Entries the ring holds: always a power of two. */
    private int capacity() {
        return ring.length / STRIDE;
    }

    private void grow() {
        long[] bigger = new long[ring.length * 2];
        for (int i = 0; i < size; i++) {
            System.arraycopy(ring, ((head + i) & (capacity() - 1)) * STRIDE, bigger, i * STRIDE, STRIDE);
        }
        ring = bigger;
        head = 0;
    }
}
