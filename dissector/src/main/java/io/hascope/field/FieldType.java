package io.hascope.field;

/** How a field's value is held and printed. */
public enum FieldType {
    /** A protocol layer: a subtree, no value of its own. */
    PROTOCOL,
    /** A labelled subtree inside a protocol (one message, one VLAN tag). */
    GROUP,
    UINT,
    BOOL,
    MAC,
    /** An IPv4 or IPv6 address, by the length of its bytes. */
    IPADDR,
    BYTES,
    STRING,
    /** Nanoseconds since the epoch, printed as seconds with 9 decimals. */
    TIME_ABS,
    /** Nanoseconds, printed as seconds with 9 decimals. */
    TIME_REL,
    /** A frame number that links to another frame. */
    FRAMENUM;

    public boolean isInteger() {
        return this == UINT || this == BOOL || this == FRAMENUM;
    }

    public boolean isTime() {
        return this == TIME_ABS || this == TIME_REL;
    }
}
