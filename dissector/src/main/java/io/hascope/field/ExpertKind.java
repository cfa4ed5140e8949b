package io.hascope.field;

/**
 * Every named finding the dissector can raise about a frame (Wireshark's ei_ table). Each kind is also a field,
 * {@code expert.<name>}, so a filter such as {@code expert.hasync.msg_overrun} selects the frames that carry it.
 */
public enum ExpertKind {
    DISSECTOR_BUG("frame.dissector_bug", Severity.ERROR, "The dissector failed on this frame"),
    TIMESTAMP_OUT_OF_RANGE("frame.timestamp_out_of_range", Severity.WARN, "Timestamp fraction out of range"),
    SNAPLEN_CUT("frame.snaplen_cut", Severity.WARN, "Frame cut by the snaplen"),
    LINK_SHORT("link.short", Severity.ERROR, "Link-layer header cut short"),
    IP_SHORT("ip.short", Severity.ERROR, "IP header cut short"),
    IP_BAD_VERSION("ip.bad_version", Severity.ERROR, "IP version is neither 4 nor 6"),
    IP_BAD_HEADER_LENGTH("ip.bad_header_length", Severity.ERROR, "IPv4 header length below 20"),
    IP_LENGTH_OVERRUN("ip.length_overrun", Severity.ERROR, "IP length runs past the frame"),
    IP_LENGTH_SHORT("ip.length_short", Severity.ERROR, "IP length shorter than its header"),
    IP_FRAGMENT("ip.fragment", Severity.NOTE, "IP fragment, not reassembled"),
    IPV6_EXT_OVERRUN("ipv6.ext_overrun", Severity.ERROR, "IPv6 extension header runs past the packet"),
    UDP_SHORT("udp.short", Severity.ERROR, "UDP header cut short"),
    UDP_BAD_LENGTH("udp.bad_length", Severity.ERROR, "UDP length disagrees with the IP payload"),
    UDP_EMPTY("udp.empty", Severity.WARN, "Empty datagram on an HA port"),
    RUDP_SHORT("rudp.short", Severity.ERROR, "Reliable-transport header cut short"),
    RUDP_RESERVED_BITS("rudp.reserved_bits", Severity.WARN, "Reserved transport bits are not zero"),
    RUDP_UNEXPECTED_PAYLOAD("rudp.unexpected_payload", Severity.WARN, "KEEPALIVE or NACK carries data"),
    RUDP_NO_DATA("rudp.no_data", Severity.ERROR, "DATA packet carries no hasync packet"),
    HASYNC_NOT_HASYNC("hasync.garbage", Severity.ERROR, "Datagram on the hasync port is not hasync"),
    HASYNC_SHORT_HEADER("hasync.short_header", Severity.ERROR, "hasync header cut short"),
    HASYNC_RESERVED_BITS("hasync.reserved_bits", Severity.WARN, "Reserved bits are not zero"),
    HASYNC_OPAQUE_OVERRUN("hasync.opaque_overrun", Severity.ERROR, "Packet opaque runs past the datagram"),
    HASYNC_MSG_HEADER_OVERRUN("hasync.msg_header_overrun", Severity.ERROR, "Message header runs past the datagram"),
    HASYNC_MSG_OVERRUN("hasync.msg_overrun", Severity.ERROR, "Message runs past the datagram"),
    HASYNC_COUNT_MISMATCH("hasync.count_mismatch", Severity.ERROR, "Fewer messages than the message count"),
    HASYNC_TRAILING_BYTES("hasync.trailing_bytes", Severity.WARN, "Bytes after the last counted message"),
    HASYNC_UNKNOWN_MSG_TYPE("hasync.unknown_msg_type", Severity.WARN, "Message type is reserved"),
    HASYNC_SHORT_BODY("hasync.short_body", Severity.ERROR, "Message body shorter than its layout"),
    HASYNC_BODY_EXTENSION("hasync.body_extension", Severity.NOTE, "Message body longer than its layout"),
    HASYNC_UNKNOWN_VALUE("hasync.unknown_value", Severity.WARN, "Field value not defined by the spec"),
    HASYNC_TRUNCATED_REQUEST("hasync.truncated_request", Severity.WARN, "TRUNCATED set on a packet that is not a reply"),
    HASYNC_PKT_LENGTH("hasync.pkt_length", Severity.WARN, "Carried frame longer than its original length"),
    INNER_MALFORMED("inner.malformed", Severity.NOTE, "Customer frame could not be parsed"),
    DASH_NOT_DASH("dashmeta.garbage", Severity.ERROR, "Datagram on the DP channel port is not DASH metadata"),
    DASH_SHORT("dashmeta.short", Severity.ERROR, "DASH header cut short"),
    DASH_LENGTH_BELOW_KEY("dashmeta.length_below_key", Severity.ERROR, "DASH length below its flow key"),
    DASH_LENGTH_OVERRUN("dashmeta.length_overrun", Severity.ERROR, "DASH length runs past the frame"),
    DASH_LENGTH_MISMATCH("dashmeta.length_mismatch", Severity.WARN, "DASH length disagrees with its trailers"),
    DASH_UNKNOWN_TYPE("dashmeta.unknown_type", Severity.WARN, "DASH packet type or subtype is reserved"),
    DASH_RESERVED_BITS("dashmeta.reserved_bits", Severity.WARN, "Reserved DASH bits are not zero");

    private final String shortName;
    private final Severity severity;
    private final String summary;
    private final Field field;

    ExpertKind(String shortName, Severity severity, String summary) {
        this.shortName = shortName;
        this.severity = severity;
        this.summary = summary;
        this.field = Field.group("expert." + shortName, summary, summary + " (" + severity.label() + ")");
    }

    /** "hasync.msg_overrun": the name used in reports. */
    public String shortName() {
        return shortName;
    }

    public Severity severity() {
        return severity;
    }

    public String summary() {
        return summary;
    }

    /** The field "expert.&lt;name&gt;" that marks a frame carrying this finding. */
    public Field field() {
        return field;
    }
}
