package io.hascope.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One customer connection and its two endpoints: the packets they send in order (a TCP handshake, a close by FIN or
 * RST, or a UDP flow that ages out), each retransmitted after the endpoint's RTO until the DPU forwards it.
 */
final class Flow {
    /** A packet of the script: which endpoint sends it, its TCP flags, and the state it takes the connection to. */
    record Step(boolean fromClient, int tcpFlags, int state) {
    }

    static final Step[] TCP_FIN = {
        new Step(true, 0x02, ConnState.SYN_SENT), new Step(false, 0x12, ConnState.SYN_RECEIVED),
        new Step(true, 0x10, ConnState.ESTABLISHED), new Step(true, 0x11, ConnState.FIN_WAIT),
        new Step(false, 0x11, ConnState.CLOSING), new Step(true, 0x10, ConnState.CLOSED)};
    static final Step[] TCP_RST = {
        new Step(true, 0x02, ConnState.SYN_SENT), new Step(false, 0x12, ConnState.SYN_RECEIVED),
        new Step(true, 0x10, ConnState.ESTABLISHED), new Step(true, 0x04, ConnState.RESET)};
    static final Step[] UDP = {new Step(true, -1, ConnState.ACTIVE)};
    /** The step after which the connection lives its lifetime before the next one is sent. */
    static final int ESTABLISHED_STEP = 2;

    final int id;
    final ConnKey key;
    final Dpu owner;
    /** The script; a live replay appends to it as the real endpoints send. */
    Step[] steps;
    final long lifetime;
    /** Index of the next step the endpoints send, and of the last one the owner applied. */
    int nextStep;
    int appliedStep = -1;
    /** The step an endpoint has sent and is waiting to see forwarded (its RTO is running), or -1. */
    int inFlight = -1;
    /** Approach 1: a change whose PACKET_UPDATE was never answered, so the next packet must carry it again. */
    boolean unsynced;
    int retransmissions;
    final List<long[]> ownHistory = new ArrayList<>();
    final List<long[]> peerHistory = new ArrayList<>();
    long closedAt = -1;
    Dpu closedBy;
    /** The version its owner closed it at, and the first frame that carried that close (-1: none yet). */
    long closedVersion = -1;
    long closeFrame = -1;
    /**
     * Its owner's state as the owner's sync frames show it, and the version that showed it: a carried segment
     * implies a state only from what came before it (a final ACK closes only after both FINs went out).
     */
    int wireState = ConnState.NONE;
    long wireVersion = -1;
    /** The connection died with its DPU (no copy on the survivor): its endpoints send nothing more. */
    boolean aborted;
    /** The owner changed at a failover. */
    Dpu ownerNow;
    /** Its server-to-client packets land on the DPU that does not own it. */
    boolean asymmetric;
    /** Driven by a real capture: steps come at their recorded times, not from a script with RTOs. */
    boolean replayed;

    Flow(int id, ConnKey key, Dpu owner, Step[] steps, long lifetime) {
        this.id = id;
        this.key = key;
        this.owner = owner;
        this.steps = steps;
        this.lifetime = lifetime;
        this.ownerNow = owner;
    }

    boolean tcp() {
        return key.protocol() == 6;
    }
}
