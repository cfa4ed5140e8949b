package io.hascope.analysis;

/**
 * What each connection's last close left to know, kept past the entries and the store's record: for an owner, the
 * version at which it closed the connection; for a receiver over rUDP, the DATA number its copy's removal rode.
 * <p>
 * The owner's: a message of the owner's with a version no higher says what it held before it closed, not a new
 * state. Over rUDP a resend the sender built before its reply came can wait behind a window a cut link has filled,
 * and leave seconds after the close (after the matching window, so it is no longer known as the same request); its
 * PACKET_UPDATE or UPDATE would otherwise open the owner's entry again, and hide the zombie its copy makes at the
 * peer.
 * <p>
 * The receiver's: it takes DATA in order, so a request whose DATA all came before its copy's removal was taken
 * before the removal, however late its reply or its receiver's ACK proves it taken (after the rUDP restart tie read
 * as a restart, its reply came after the DELETE's arrival, seed 1940); applied then, it would make the copy again.
 * <p>
 * Four-way set-associative and lossy, like a cache: a close takes a free way of its bucket or, all four full, one
 * in turn (an owner's versions say nothing of which close came first), so one bucket read per close and per
 * question, and a close forgotten is only taken as before. A removal over rUDP takes the way of the oldest removal
 * instead, its DATA number furthest behind, or none when it is older than all four: a request shown taken late is
 * judged against the latest removals, and a burst of removals of old numbers (a restart tie's requests applied at
 * once by a reply) had pushed out, in turn, a newer one that its connection's old create needed (one-way seed
 * 8090, run 3ef8b0dc: a copy made again, a zombie the truth does not have). A slot holds
 * the fingerprint's high 32 bits beside the value; its low bits chose the bucket. Sized by the store's index (the
 * owner's closes a quarter of its slots; the copies' removals, which come in bursts after a cut link, as many), so
 * the memory follows the live connections, not the capture's length.
 */
final class CloseMarks {
    /** Marks per bucket: a close takes a free one, or the four in turn, so a burst of closes loses few. */
    private static final int WAYS = 4;
    private long[] slots;
    /** Which way of a full bucket the next mark takes, in turn. */
    private int victim;

    CloseMarks(int capacity) {
        slots = new long[lengthFor(capacity)];
    }

    /** The owner closed the connection with this fingerprint at this version (0: none carried, nothing kept). */
    void closed(long fingerprint, long version) {
        if (version > 0) {
            mark(fingerprint, version);
        }
    }

    /** Whether a message at this version (0: none) is one the owner sent before it last closed the connection. */
    boolean closedSince(long fingerprint, long version) {
        return version > 0 && version <= markOf(fingerprint);
    }

    /** The receiver's copy of the connection went with a request that rode DATA numbers from seq on. */
    void removedIn(long fingerprint, int seq) {
        long high = fingerprint & ~0xffffffffL;
        int bucket = bucketOf(fingerprint, slots.length);
        int way = ownOrFreeWay(bucket, high);
        if (way < 0) {
            way = oldestRemoval(bucket);
            if (TransportChannel.ahead(removalSeq(slots[bucket + way]), seq)) {
                return; // older than every removal kept: the least likely to be asked about
            }
        }
        slots[bucket + way] = high | (seq + 1L);
    }

    /** The way of a full bucket whose removal rode the DATA number furthest behind. */
    private int oldestRemoval(int bucket) {
        int oldest = 0;
        for (int w = 1; w < WAYS; w++) {
            if (TransportChannel.ahead(removalSeq(slots[bucket + oldest]), removalSeq(slots[bucket + w]))) {
                oldest = w;
            }
        }
        return oldest;
    }

    private static int removalSeq(long slot) {
        return (int) (slot & 0xffffffffL) - 1;
    }

    /**
     * Whether a request whose last DATA was number seq came no later than the first DATA its copy's last removal
     * rode: taken in order, it was taken before the removal.
     */
    boolean removedAfter(long fingerprint, int seq) {
        long mark = markOf(fingerprint);
        return mark > 0 && !TransportChannel.ahead(seq, removalSeq(mark));
    }

    private void mark(long fingerprint, long value) {
        long high = fingerprint & ~0xffffffffL;
        int bucket = bucketOf(fingerprint, slots.length);
        int way = ownOrFreeWay(bucket, high);
        if (way < 0) {
            way = victim++ & (WAYS - 1);
        }
        slots[bucket + way] = high | (value & 0xffffffffL);
    }

    /** The way of the bucket that holds the connection's own mark (to replace), else its first free one, else -1. */
    private int ownOrFreeWay(int bucket, long high) {
        int free = -1;
        for (int way = 0; way < WAYS; way++) {
            long slot = slots[bucket + way];
            if (slot != 0 && (slot & ~0xffffffffL) == high) {
                return way;
            }
            if (slot == 0 && free < 0) {
                free = way;
            }
        }
        return free;
    }

    /** The value kept for the connection with this fingerprint, or 0. */
    private long markOf(long fingerprint) {
        long high = fingerprint & ~0xffffffffL;
        int bucket = bucketOf(fingerprint, slots.length);
        for (int way = 0; way < WAYS; way++) {
            long slot = slots[bucket + way];
            if (slot != 0 && (slot & ~0xffffffffL) == high) {
                return slot & 0xffffffffL;
            }
        }
        return 0;
    }

    /** More slots, the closes remembered so far kept. */
    void grow(int capacity) {
        int length = lengthFor(capacity);
        if (length <= slots.length) {
            return;
        }
        long[] old = slots;
        slots = new long[length];
        // the low bits of the fingerprint are not kept: the old bucket number gives those the old mask took, and
        // each higher bit the new mask takes could be either, so each bucket goes to every bucket it may be asked at
        for (int bucket = 0; bucket < length; bucket += WAYS) {
            System.arraycopy(old, bucket & (old.length - 1), slots, bucket, WAYS);
        }
    }

    int capacity() {
        return slots.length;
    }

    private static int lengthFor(int capacity) {
        return Math.max(WAYS, Integer.highestOneBit(Math.max(1, capacity)));
    }

    private static int bucketOf(long fingerprint, int length) {
        return ((int) fingerprint & (length / WAYS - 1)) * WAYS;
    }
}
