package io.hascope.analysis;

/**
 * A request seen on the wire: what it said, its resends, its reply, and the holds it opened. Reused once nothing can
 * reach it any more ({@link #reset} sets every field), so a request frame allocates nothing.
 */
final class PendingRequest {
    long frame;
    long time;
    DpuState from;
    DpuState to;
    boolean replyRequested;
    boolean truncateOk;
    long opaqueHash;
    boolean hasOpaque;
    /** Rule 2 keys: the packet without its flags, with and without the message bodies. */
    long fullHash;
    long headerHash;
    int wireLength;
    /**
     * What its messages said. Once applied to the peer only the first that names a connection is kept (to name it in
     * a finding about a later resend or duplicate reply), and that goes back to the pool when the window lets go.
     */
    SaidMessages said;
    /** Where its connections are kept: the sender's store of what it reports to the receiver. */
    ConnectionStore store;
    long lastSend;
    int resends;
    long replyFrame;
    /**
     * With two taps, the frame that carried away from the replier the reply that answers it, when it has no opaque:
     * each reply seen leaving goes to the oldest identical copy (spec §2's oldest unmatched request) that the replier
     * had been seen to take and had not answered yet (which copy arrived, and which reply answers which, the taps
     * tell apart when the copies' IP packets differ, as their IP IDs make them); -1: none yet.
     */
    long replyLeftIn;
    long replyTime;
    int replies;
    boolean finalized;
    /** The peer got it (its reply was seen, or nothing shows it lost); its messages then apply to the peer's table. */
    boolean applied;
    /** Its messages were cut to the first that names a connection (see {@link #said}): no longer all it said. */
    boolean cutToFirst;
    /** Kept by the frame that carried it (byDeparture) after the request left: never pooled, left to the collector. */
    boolean keptByFrame;
    /** Over rUDP: the channel and number of the DATA that carried it (null and -1 without the transport). */
    TransportChannel dataChannel;
    int dataSeq;
    /** The first DATA number it rode on that channel: an ACK past any DATA from there to dataSeq shows it arrived. */
    int firstDataSeq;
    /** The DATA number it rode before dataSeq (its sender sent it again in dataSeq), or -1. */
    int prevDataSeq;
    /** Since when none of the receiver's DATA has been in flight (no reply can be on its way), or -1. */
    long receiverIdleSince;
    /** The receiver's highest DATA when a request of a later DATA was first seen answered, or -1. */
    int passedBy;
    /** Its place in the order requests entered the window (RequestWindow). */
    long order;
    /** It left the window unanswered over rUDP, and waits for its DATA's fate (RequestWindow). */
    boolean awaiting;
    /**
     * Its places among the requests its window holds, found by their matching keys (RequestsByKey): by its rule-1
     * key, and without an opaque by its content without the bodies. Fields rather than link objects: they are part
     * of the heap each live connection is charged with.
     */
    PendingRequest nextByKey;
    PendingRequest prevByKey;
    PendingRequest nextByHeader;
    PendingRequest prevByHeader;
    /** The chains it is in, a bit per RequestsByKey kind. */
    byte chained;

    /**
     * Over rUDP: it rides DATA number seq of channel (a resend rides a DATA of its own), so what it waits for is that
     * DATA's delivery, and with Q the channel keeps it by that number until the receiver acknowledges it.
     */
    void ridesData(TransportChannel channel, int seq) {
        if (firstDataSeq < 0 || channel != dataChannel) {
            firstDataSeq = seq;
            prevDataSeq = -1;
        } else {
            prevDataSeq = dataSeq;
        }
        this.dataChannel = channel;
        this.dataSeq = seq;
        this.receiverIdleSince = -1;
        this.passedBy = -1;
        if (replyRequested) {
            channel.awaitsReply(seq, this);
        }
    }

    PendingRequest reset(long frame, long time, DpuState from, DpuState to, boolean replyRequested, boolean truncateOk,
                         boolean hasOpaque, long opaqueHash, int wireLength, ConnectionStore store, SaidMessages said) {
        assert chained == 0 : "a request reused while it is still found by its keys";
        this.frame = frame;
        this.time = time;
        this.from = from;
        this.to = to;
        this.replyRequested = replyRequested;
        this.truncateOk = truncateOk;
        this.hasOpaque = hasOpaque;
        this.opaqueHash = opaqueHash;
        this.fullHash = 0;
        this.headerHash = 0;
        this.wireLength = wireLength;
        this.said = said;
        this.store = store;
        this.lastSend = time;
        this.resends = 0;
        this.replyFrame = -1;
        this.replyLeftIn = -1;
        this.replyTime = -1;
        this.replies = 0;
        this.finalized = false;
        this.applied = false;
        this.cutToFirst = false;
        this.keptByFrame = false;
        this.dataChannel = null;
        this.dataSeq = -1;
        this.firstDataSeq = -1;
        this.prevDataSeq = -1;
        this.receiverIdleSince = -1;
        this.passedBy = -1;
        this.order = 0;
        this.awaiting = false;
        this.holds = -1;
        return this;
    }

    /** Whether it rode DATA number seq of its channel: its first DATA, its latest, or one between (a resend's). */
    boolean rode(int seq) {
        return firstDataSeq >= 0 && !TransportChannel.ahead(firstDataSeq, seq) && !TransportChannel.ahead(seq, dataSeq);
    }

    boolean answered() {
        return replyFrame >= 0;
    }

    /** The first connection it names, which names the request in a finding or a hold (null: it names none). */
    Connection firstConnection() {
        return said.firstNamed();
    }

    /** Asked for a reply, and neither answered nor given up: what a reply or a resend may still reach. */
    boolean waitsForReply() {
        return replyRequested && !answered() && !finalized;
    }

    /** Counted once its messages are all in (holdCount is first asked at the packet's end). */
    private int holds = -1;

    /** Messages that hold a customer packet until the reply (analysis.md §3). */
    int holdCount() {
        if (holds < 0) {
            holds = countHolds();
        }
        return holds;
    }

    private int countHolds() {
        if (!replyRequested) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < said.size(); i++) {
            int type = said.type(i);
            if (type == 1 || type == 2) {
                n++;
            }
        }
        return n;
    }
}
