package io.hascope.event;

/** What a sync packet is in the request/reply exchange (analysis.md §1). */
public enum PacketKind {
    REQUEST, REPLY, PROBE, PROBE_REPLY
}
