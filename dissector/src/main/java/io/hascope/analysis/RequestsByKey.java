package io.hascope.analysis;

/**
 * Requests found by their matching keys (analysis.md §2) rather than by a walk of them all, oldest first: the
 * requests a {@link RequestWindow} holds, asked which a reply answers, whether a new request is a resend or a repeat,
 * and which answered request a second reply reaches. A walk cost time in proportion to the requests held, on every
 * frame: quadratic in the rate when a peer stops answering while its requester goes on sending (a failure not yet
 * judged, a one-way loss of replies), or when a tap misses requests whose replies it sees, exactly the captures
 * someone opens hascope for.
 * <p>
 * Each request is kept in chains of requests with the same key, in the order they were added: one by its rule-1
 * key (its opaque's hash, or its content's with the bodies when it has none), and, without an opaque, one by its
 * content without the bodies (for truncated replies). A chain is linked through fields of the request itself (no
 * object per link: the heap per live connection counts them), so adding allocates nothing once the index has grown.
 */
final class RequestsByKey {
    /** The chains a request can be in, each through fields of its own. */
    static final int BY_KEY = 0;
    static final int BY_HEADER = 1;

    private final Chains byKey = new Chains(BY_KEY);
    private final Chains byHeader = new Chains(BY_HEADER);
    private int size;

    /** Rule 1's key when the request has an opaque, else rule 2's with the bodies (see MatchingKeys.sameRequest). */
    static long keyOf(PendingRequest r) {
        return r.hasOpaque ? r.opaqueHash : r.fullHash;
    }

    int size() {
        return size;
    }

    /** Adds r behind every request already added; its keys must not change while it is held. */
    void add(PendingRequest r) {
        byKey.append(r);
        if (!r.hasOpaque) {
            byHeader.append(r);
        }
        size++;
    }

    /** Takes r out; false when it is not held. */
    boolean remove(PendingRequest r) {
        if (!Chains.in(r, BY_KEY)) {
            return false;
        }
        byKey.unlink(r);
        if (Chains.in(r, BY_HEADER)) {
            byHeader.unlink(r);
        }
        size--;
        return true;
    }

    /** The oldest request held whose rule-1 key (see keyOf) is key, or null; {@link #nextByKey} leads to younger. */
    PendingRequest oldestWithKey(long key) {
        return byKey.head(key);
    }

    /** The oldest request held without an opaque whose content without the bodies hashes to header, or null. */
    PendingRequest oldestWithHeader(long header) {
        return byHeader.head(header);
    }

    static PendingRequest nextByKey(PendingRequest r) {
        return r.nextByKey;
    }

    static PendingRequest nextByHeader(PendingRequest r) {
        return r.nextByHeader;
    }

    /**
     * Chains of one kind: an open-addressing index of each key's oldest and youngest request, filled to at most three
     * quarters, with backward-shift deletion as a chain empties; the requests link to each other.
     */
    private static final class Chains {
        private final int kind;
        private long[] keys = new long[16];
        private PendingRequest[] heads = new PendingRequest[16];
        private PendingRequest[] tails = new PendingRequest[16];
        private int count;

        Chains(int kind) {
            this.kind = kind;
        }

        static boolean in(PendingRequest r, int kind) {
            return (r.chained & (1 << kind)) != 0;
        }

        private long keyOf(PendingRequest r) {
            return kind == BY_HEADER ? r.headerHash : RequestsByKey.keyOf(r);
        }

        private PendingRequest next(PendingRequest r) {
            return kind == BY_KEY ? r.nextByKey : r.nextByHeader;
        }

        private PendingRequest prev(PendingRequest r) {
            return kind == BY_KEY ? r.prevByKey : r.prevByHeader;
        }

        private void next(PendingRequest r, PendingRequest next) {
            if (kind == BY_KEY) {
                r.nextByKey = next;
            } else {
                r.nextByHeader = next;
            }
        }

        private void prev(PendingRequest r, PendingRequest prev) {
            if (kind == BY_KEY) {
                r.prevByKey = prev;
            } else {
                r.prevByHeader = prev;
            }
        }

        PendingRequest head(long key) {
            int i = find(key);
            return i < 0 ? null : heads[i];
        }

        void append(PendingRequest r) {
            long key = keyOf(r);
            next(r, null);
            r.chained |= (byte) (1 << kind);
            int i = find(key);
            if (i >= 0) {
                prev(r, tails[i]);
                next(tails[i], r);
                tails[i] = r;
                return;
            }
            if ((count + 1) * 4 > heads.length * 3) {
                grow();
            }
            prev(r, null);
            i = slot(key, heads.length);
            while (heads[i] != null) {
                i = (i + 1) & (heads.length - 1);
            }
            keys[i] = key;
            heads[i] = r;
            tails[i] = r;
            count++;
        }

        void unlink(PendingRequest r) {
            r.chained &= (byte) ~(1 << kind);
            PendingRequest prev = prev(r);
            PendingRequest next = next(r);
            if (prev != null && next != null) {
                next(prev, next);
                prev(next, prev);
            } else {
                int i = find(keyOf(r));
                if (prev == null && next == null) {
                    closeGap(i);
                } else if (prev == null) {
                    heads[i] = next;
                    prev(next, null);
                } else {
                    tails[i] = prev;
                    next(prev, null);
                }
            }
            next(r, null);
            prev(r, null);
        }

        private int find(long key) {
            int mask = heads.length - 1;
            for (int i = slot(key, heads.length); heads[i] != null; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return i;
                }
            }
            return -1;
        }

        private static int slot(long key, int length) {
            long h = key * 0x9e3779b97f4a7c15L;
            return (int) (h ^ h >>> 32) & (length - 1);
        }

        /** Backward-shift deletion, as in ConnectionStore. */
        private void closeGap(int hole) {
            int mask = heads.length - 1;
            heads[hole] = null;
            tails[hole] = null;
            count--;
            for (int j = (hole + 1) & mask; heads[j] != null; j = (j + 1) & mask) {
                int home = slot(keys[j], heads.length);
                if (((j - home) & mask) >= ((j - hole) & mask)) {
                    keys[hole] = keys[j];
                    heads[hole] = heads[j];
                    tails[hole] = tails[j];
                    heads[j] = null;
                    tails[j] = null;
                    hole = j;
                }
            }
        }

        private void grow() {
            long[] oldKeys = keys;
            PendingRequest[] oldHeads = heads;
            PendingRequest[] oldTails = tails;
            int length = oldHeads.length * 2;
            keys = new long[length];
            heads = new PendingRequest[length];
            tails = new PendingRequest[length];
            for (int j = 0; j < oldHeads.length; j++) {
                if (oldHeads[j] != null) {
                    int i = slot(oldKeys[j], length);
                    while (heads[i] != null) {
                        i = (i + 1) & (length - 1);
                    }
                    keys[i] = oldKeys[j];
                    heads[i] = oldHeads[j];
                    tails[i] = oldTails[j];
                }
            }
        }
    }
}
