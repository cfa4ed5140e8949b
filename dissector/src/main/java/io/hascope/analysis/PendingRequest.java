package io.hascope.analysis;

/** A request seen on the wire: what it said, its resends, its reply, and the holds it opened. */
final class PendingRequest {
    final long frame;
    final long time;
    final DpuState from;
    final DpuState to;
    final boolean replyRequested;
    final boolean truncateOk;
    final long opaqueHash;
    final boolean hasOpaque;
    /** Rule 2 keys: the packet without its flags, with and without the message bodies. */
    long fullHash;
    long headerHash;
    final int wireLength;
    /** What its messages said; given back (NONE) once answered: the window then keeps it only for its keys. */
    SaidMessages said;
    /** Where its connections are kept: the sender's store of what it reports to the receiver. */
    final ConnectionStore store;
    /**
     * For message i, the record it found or made when it was sent (-1: none): at the reply, applying it to the peer
     * needs no second lookup for those still holding their key.
     */
    int[] recordsAtSend;
    /** Kept when the messages are dropped after the reply, to name the connection of a later duplicate reply. */
    Connection firstKey;
    boolean firstReversed;
    long lastSend;
    int resends;
    long replyFrame = -1;
    long replyTime = -1;
    int replies;
    boolean finalized;
    /** The peer got it (its reply was seen, or nothing shows it lost); its messages then apply to the peer's table. */
    boolean applied;

    PendingRequest(long frame, long time, DpuState from, DpuState to, boolean replyRequested, boolean truncateOk,
                   boolean hasOpaque, long opaqueHash, int wireLength, ConnectionStore store, SaidMessages said) {
        this.frame = frame;
        this.time = time;
        this.lastSend = time;
        this.from = from;
        this.to = to;
        this.replyRequested = replyRequested;
        this.truncateOk = truncateOk;
        this.hasOpaque = hasOpaque;
        this.opaqueHash = opaqueHash;
        this.wireLength = wireLength;
        this.store = store;
        this.said = said;
    }

    boolean answered() {
        return replyFrame >= 0;
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
