package io.hascope.analysis;

/**
 * Requests found by their matching keys (analysis.md §2) rather than by a walk of them all, oldest first: a sender's
 * requests to one peer still waiting for their replies (is a new request a resend? which does a reply answer?), and
 * the answered ones a second reply may still reach ({@link RequestWindow}). A walk cost time in proportion to the
 * requests held, on every frame: quadratic when a peer stops answering while its requester goes on sending (a
 * failure not yet judged, a one-way loss of replies), or when a tap misses requests whose replies it sees, exactly
 * the captures someone opens hascope for.
 * <p>
 * Each request is kept in chains of requests with the same key, in the order they were added: one by its rule-1
 * key (its opaque's hash, or its content's with the bodies when it has none), and, without an opaque, one by its
 * content without the bodies (for truncated replies). A chain is linked through the request's own links, made once
 * per request object (requests are reused), so a request is in one such set at a time, and adding allocates nothing
 * once the index has grown.
 */
final class RequestsByKey {
    /** A request's place in one chain. */
    static final class Link {
        final PendingRequest request;
        Link next;
        Link prev;
        long key;
        boolean queued;

        Link(PendingRequest request) {
            this.request = request;
        }
    }

    private final Chains byKey = new Chains();
    private final Chains byHeader = new Chains();
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
        byKey.append(r.byKey, keyOf(r));
        if (!r.hasOpaque) {
            byHeader.append(r.byHeader, r.headerHash);
        }
        size++;
    }

    /** Takes r out; false when it is not held. */
    boolean remove(PendingRequest r) {
        if (!r.byKey.queued) {
            return false;
        }
        byKey.unlink(r.byKey);
        if (r.byHeader.queued) {
            byHeader.unlink(r.byHeader);
        }
        size--;
        return true;
    }

    /** The oldest request held whose rule-1 key (see keyOf) is key, or null; {@link Link#next} leads to younger. */
    Link oldestWithKey(long key) {
        return byKey.head(key);
    }

    /** The oldest request held without an opaque whose content without the bodies hashes to header, or null. */
    Link oldestWithHeader(long header) {
        return byHeader.head(header);
    }

    /**
     * Chains by key: an open-addressing index of each key's oldest and youngest link, filled to at most three
     * quarters, with backward-shift deletion as a chain empties.
     */
    static final class Chains {
        private long[] keys = new long[16];
        private Link[] heads = new Link[16];
        private Link[] tails = new Link[16];
        private int count;

        Link head(long key) {
            int i = find(key);
            return i < 0 ? null : heads[i];
        }

        void append(Link link, long key) {
            link.key = key;
            link.next = null;
            link.queued = true;
            int i = find(key);
            if (i >= 0) {
                link.prev = tails[i];
                tails[i].next = link;
                tails[i] = link;
                return;
            }
            if ((count + 1) * 4 > heads.length * 3) {
                grow();
            }
            link.prev = null;
            i = slot(key, heads.length);
            while (heads[i] != null) {
                i = (i + 1) & (heads.length - 1);
            }
            keys[i] = key;
            heads[i] = link;
            tails[i] = link;
            count++;
        }

        void unlink(Link link) {
            link.queued = false;
            if (link.prev != null && link.next != null) {
                link.prev.next = link.next;
                link.next.prev = link.prev;
            } else {
                int i = find(link.key);
                if (link.prev == null && link.next == null) {
                    closeGap(i);
                } else if (link.prev == null) {
                    heads[i] = link.next;
                    link.next.prev = null;
                } else {
                    tails[i] = link.prev;
                    link.prev.next = null;
                }
            }
            link.next = null;
            link.prev = null;
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
            Link[] oldHeads = heads;
            Link[] oldTails = tails;
            int length = oldHeads.length * 2;
            keys = new long[length];
            heads = new Link[length];
            tails = new Link[length];
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
