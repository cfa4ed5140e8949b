package io.hascope.analysis;

/**
 * A sender's requests to one peer still waiting for their replies, oldest first: a ring walked by index, since every
 * request and every reply looks through it and an iterator object each time was the analysis' garbage per frame.
 * Replies mostly answer the oldest, so removal is usually from the front.
 */
final class RequestQueue {
    private PendingRequest[] ring = new PendingRequest[16];
    private int head;
    private int size;

    int size() {
        return size;
    }

    /** The i-th oldest, 0 ≤ i &lt; size. */
    PendingRequest get(int i) {
        return ring[(head + i) & (ring.length - 1)];
    }

    void add(PendingRequest r) {
        if (size == ring.length) {
            PendingRequest[] grown = new PendingRequest[ring.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = get(i);
            }
            ring = grown;
            head = 0;
        }
        ring[(head + size) & (ring.length - 1)] = r;
        size++;
    }

    /** Takes r out, closing the gap from the nearer end; false when it is not queued. */
    boolean remove(PendingRequest r) {
        int mask = ring.length - 1;
        for (int i = 0; i < size; i++) {
            if (get(i) != r) {
                continue;
            }
            if (i < size / 2) {
                for (int j = i; j > 0; j--) {
                    ring[(head + j) & mask] = ring[(head + j - 1) & mask];
                }
                ring[head] = null;
                head = (head + 1) & mask;
            } else {
                for (int j = i; j < size - 1; j++) {
                    ring[(head + j) & mask] = ring[(head + j + 1) & mask];
                }
                ring[(head + size - 1) & mask] = null;
            }
            size--;
            return true;
        }
        return false;
    }
}
