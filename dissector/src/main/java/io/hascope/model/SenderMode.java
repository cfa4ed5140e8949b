package io.hascope.model;

/** The sender strategies of the proposal (shared/seed) and Xsight v1. */
public enum SenderMode {
    /** Approach 1: the state-changing packet rides as a PACKET_UPDATE with Q; it reaches the endpoint on the reply. */
    PACKET,
    /** Approach 2: STATE_UPDATEs without replies, plus a periodic full resend bracketed by SNAPSHOT_MARKs. */
    STATE,
    /** Approach 3: hold the packet, send a STATE_UPDATE with Q and T, release on the reply. */
    HOLD,
    /** Xsight v1: CREATE / REFRESH / DELETE, refreshes on a timer, peers age entries out. */
    REFRESH
}
