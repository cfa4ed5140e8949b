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

    static String name(int state) {
        return HasyncFields.CONN_STATES.name(state);
    }
}
