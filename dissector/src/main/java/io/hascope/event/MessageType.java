package io.hascope.event;

/** Normalized message types. DASH flow-sync requests become STATE messages without a connection state. */
public enum MessageType {
    STATE, PACKET, CAPABILITIES, SNAPSHOT, UNKNOWN
}
