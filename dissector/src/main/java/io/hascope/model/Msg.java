package io.hascope.model;

/** One sync message as the sender built it (the model's own record of what the bytes say). */
final class Msg {
    static final int STATE_UPDATE = 1;
    static final int PACKET_UPDATE = 2;
    static final int CAPABILITIES = 3;
    static final int SNAPSHOT_MARK = 4;

    final int type;
    final Flow flow;
    final int op;
    final int state;
    final long version;
    final byte[] opaque;
    final byte[] encoded;
    final int snapshotPhase;
    final long snapshotRound;
    /** END: connections the round carried. */
    long snapshotCount;
    /** DASH: the customer frame the request carries (and its ACK brings back). */
    byte[] customerFrame;
    /** The TCP flags of the customer segment a PACKET_UPDATE or DASH request carries, or -1 (none, or not TCP). */
    int tcpFlags = -1;

    Msg(int type, Flow flow, int op, int state, long version, byte[] opaque, byte[] encoded, int snapshotPhase,
        long snapshotRound) {
        this.type = type;
        this.flow = flow;
        this.op = op;
        this.state = state;
        this.version = version;
        this.opaque = opaque;
        this.encoded = encoded;
        this.snapshotPhase = snapshotPhase;
        this.snapshotRound = snapshotRound;
    }
}
