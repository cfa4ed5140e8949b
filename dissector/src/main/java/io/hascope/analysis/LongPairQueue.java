package io.hascope.analysis;

/**
 * A first-in, first-out queue of pairs of longs, kept in two parallel arrays used as a ring that doubles when full:
 * no object per entry, where the analysis queues one for every request or frame.
 */
final class LongPairQueue {
    private long[] firsts = new long[64];
    private long[] seconds = new long[64];
    private int head;
    private int size;

    int size() {
        return size;
    }

    void add(long first, long second) {
        if (size == firsts.length) {
            grow();
        }
        int at = (head + size) & (firsts.length - 1);
        firsts[at] = first;
        seconds[at] = second;
        size++;
    }

    long headFirst() {
        return firsts[head];
    }

    long headSecond() {
        return seconds[head];
    }

    void removeHead() {
        head = (head + 1) & (firsts.length - 1);
        size--;
    }

    long tailFirst() {
        return firsts[(head + size - 1) & (firsts.length - 1)];
    }

    long tailSecond() {
        return seconds[(head + size - 1) & (firsts.length - 1)];
    }

    void clear() {
        head = 0;
        size = 0;
    }

    private void grow() {
        long[] f = new long[firsts.length * 2];
        long[] s = new long[firsts.length * 2];
        for (int i = 0; i < size; i++) {
            f[i] = firsts[(head + i) & (firsts.length - 1)];
            s[i] = seconds[(head + i) & (firsts.length - 1)];
        }
        firsts = f;
        seconds = s;
        head = 0;
    }
}
