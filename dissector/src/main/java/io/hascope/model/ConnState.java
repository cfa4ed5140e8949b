package io.hascope.model;

import io.hascope.field.HasyncFields;

/** Connection states of spec §3.5, as numbers (the wire values). */
final class ConnState {
    static final int NONE = 0;
    static final int SYN_SENT = 1;
    static final int SYN_RECEIVED = 2;
    static final int ESTABLISHED = 3;
    static final int FIN_WAIT = 4;
    static final int CLOSING = 5;
    static final int CLOSED = 6;
    static final int RESET = 7;
    static final int ACTIVE = 8;

    private ConnState() {
    }

    static boolean isFinal(int state) {
        return state == CLOSED || state == RESET;
    }

    /**
     * The state a receiver gives its copy from a carried TCP segment's flags (spec §3.5, §4: "PACKET_UPDATE applies
     * the state that the frame implies"), knowing only the copy's state: a FIN is the first one unless the copy has
     * seen one, the ACK after both FINs closes it, and an ACK or data completes a handshake.
     */
    static int impliedBy(int copy, int tcpFlags) {
        if ((tcpFlags & 0x04) != 0) {
            return RESET;
        }
        if ((tcpFlags & 0x02) != 0) {
            return (tcpFlags & 0x10) != 0 ? SYN_RECEIVED : SYN_SENT;
        }
        if ((tcpFlags & 0x01) != 0) {
            return copy == FIN_WAIT || copy == CLOSING ? CLOSING : FIN_WAIT;
        }
        if (copy == NONE || copy == SYN_SENT || copy == SYN_RECEIVED) {
            return ESTABLISHED;
        }
        return copy == CLOSING && (tcpFlags & 0x10) != 0 ? CLOSED : copy;
    }

    static String name(int state) {
        return HasyncFields.CONN_STATES.name(state);
    }
}
