package io.hascope.analysis;

/**
 * Holds one tap released on trust over an rUDP channel: a reply whose DATA leaves in order releases its request's
 * holds as it leaves (analysis.md §3), but the network may deliver that DATA ahead of the one before it, and the
 * requester's go-back-N drops it; the replier sends it again after the NACK, unless it fails first. So each release on
 * trust is kept, with what a lost reply would report, until the requester's ACK passes the reply's DATA; when the
 * replier fails silent, the releases its ACK never passed were expiries (see {@link TrustedCopies}, the same for the
 * copies a request without Q makes).
 * <p>
 * Entries, oldest first, in a ring of reused entries: no object per release once the ring has grown. Each keeps a
 * copy of the request's messages, from the analysis' pool, given back when the entry goes.
 */
final class TrustedReplies {
    /** Entries kept at most: a replier's window of DATA and more. */
    private static final int MOST = 1 << 12;

    /**
     * One release on trust: the reply's DATA and when it left, what an expiry of the request reports, and what the
     * release had counted (its reply time, the holds' end) for the expiry to take back.
     */
    static final class Release {
        int seq;
        long left;
        long replyFrame;
        long replyTime;
        long requestFrame;
        long requestTime;
        long lastSend;
        int resends;
        int holds;
        DpuState requester;
        DpuState replier;
        SaidMessages said;
    }

    private Release[] ring = newRing(16);
    private int head;
    private int size;

    /** What the analysis does with a release its requester never took; the entry is reused after. */
    interface Expiry {
        void expired(Release release);
    }

    /**
     * The reply in frame replyFrame, DATA number seq of channel (replier to requester), which left at time, released
     * on trust the holds of request r, replyTime after its first send; messages: a copy of r's messages, owned by this
     * from now on.
     */
    void add(TransportChannel channel, int seq, long replyFrame, long time, long replyTime, PendingRequest r,
             int released, SaidMessages messages, SaidMessages.Pool pool) {
        while (size > 0 && (channel.acknowledges(ring[head].seq) || size == MOST)) {
            drop(pool);
        }
        if (size == ring.length) {
            grow();
        }
        Release e = ring[(head + size) & (ring.length - 1)];
        e.seq = seq;
        e.left = time;
        e.replyFrame = replyFrame;
        e.replyTime = replyTime;
        e.requestFrame = r.frame;
        e.requestTime = r.time;
        e.lastSend = r.lastSend;
        e.resends = r.resends;
        e.holds = released;
        e.requester = r.from;
        e.replier = r.to;
        e.said = messages;
        size++;
    }

    /**
     * The replier fell silent for good: each release whose DATA the requester's ACK never passed, though the requester
     * spoke at least {@link TrustedCopies#WAIT} after it left, goes to expiry; every entry goes.
     */
    void settle(TransportChannel channel, Expiry expiry, SaidMessages.Pool pool) {
        while (size > 0) {
            Release e = ring[head];
            boolean judged = channel.acknowledgedAt != Long.MIN_VALUE
                    && channel.acknowledgedAt - e.left >= TrustedCopies.WAIT;
            if (judged && !channel.acknowledges(e.seq)) {
                expiry.expired(e);
            }
            drop(pool);
        }
    }

    int size() {
        return size;
    }

    private void drop(SaidMessages.Pool pool) {
        Release e = ring[head];
        pool.give(e.said);
        e.said = null;
        e.requester = null;
        e.replier = null;
        head = (head + 1) & (ring.length - 1);
        size--;
    }

    /** Called when full: the entries in order, then fresh ones. */
    private void grow() {
        Release[] bigger = newRing(ring.length * 2);
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
    }

    private static Release[] newRing(int n) {
        Release[] r = new Release[n];
        for (int i = 0; i < n; i++) {
            r[i] = new Release();
        }
        return r;
    }
}
