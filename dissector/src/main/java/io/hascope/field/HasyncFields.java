package io.hascope.field;

import static io.hascope.field.Field.bool;
import static io.hascope.field.Field.enumerated;
import static io.hascope.field.Field.hex;
import static io.hascope.field.Field.of;
import static io.hascope.field.Field.uint;

/** The reliable UDP transport (spec §2) and hasync v1 (spec §3). */
public final class HasyncFields {
    public static final ValueNames RUDP_TYPES = ValueNames.of(0, "DATA", 1, "KEEPALIVE", 2, "NACK");
    public static final ValueNames ROLES = ValueNames.of(0, "DEAD", 1, "ACTIVE", 2, "STANDBY", 3, "STANDALONE",
            4, "SWITCHING_TO_ACTIVE");
    public static final ValueNames MSG_TYPES = ValueNames.of(1, "STATE_UPDATE", 2, "PACKET_UPDATE",
            3, "CAPABILITIES", 4, "SNAPSHOT_MARK");
    public static final ValueNames OPS = ValueNames.of(1, "CREATE", 2, "UPDATE", 3, "DELETE", 4, "REFRESH");
    public static final ValueNames CONN_STATES = ValueNames.of(0, "NONE", 1, "SYN_SENT", 2, "SYN_RECEIVED",
            3, "ESTABLISHED", 4, "FIN_WAIT", 5, "CLOSING", 6, "CLOSED", 7, "RESET", 8, "ACTIVE");
    public static final ValueNames DIRECTIONS = ValueNames.of(0, "UNKNOWN", 1, "OUTBOUND", 2, "INBOUND");
    public static final ValueNames FRAME_TYPES = ValueNames.of(1, "Ethernet", 2, "IP");
    public static final ValueNames PHASES = ValueNames.of(1, "BEGIN", 2, "END");

    public static final Field RUDP = Field.protocol("rudp", "Reliable UDP transport", "Xsight reliable transport header");
    public static final Field RUDP_TYPE = enumerated("rudp.type", "Type", RUDP_TYPES, "0 DATA, 1 KEEPALIVE, 2 NACK");
    public static final Field RUDP_SEQ = uint("rudp.seq", "Sequence number",
            "DATA: this packet's number; KEEPALIVE: the next new number; NACK: the missing number (24 bits)");
    public static final Field RUDP_RESERVED = hex("rudp.reserved", "Reserved", "Reserved byte (sent as zero)");
    public static final Field RUDP_ACK = uint("rudp.ack", "Acknowledgement number",
            "Packets received in order and consumed by this header's sender (24 bits)");

    public static final Field HASYNC = Field.protocol("hasync", "HA State Sync v1", "hasync v1 packet");
    public static final Field VERSION = uint("hasync.version", "Version", "Protocol version (1)");
    public static final Field RESERVED = hex("hasync.reserved", "Reserved", "Reserved bits of the header");
    public static final Field FLAGS_REPLY = bool("hasync.flags.reply", "Reply (R)",
            "This packet is a reply: the echo of a packet the peer sent");
    public static final Field FLAGS_REPLY_REQUESTED = bool("hasync.flags.reply_requested", "Reply requested (Q)",
            "The sender asks for a reply");
    public static final Field FLAGS_TRUNCATE_OK = bool("hasync.flags.truncate_ok", "Truncate OK (T)",
            "The reply may be truncated");
    public static final Field FLAGS_TRUNCATED = bool("hasync.flags.truncated", "Truncated (X)",
            "The receiver truncated this reply");
    public static final Field MSG_COUNT = uint("hasync.msg_count", "Message count", "Messages in the packet as sent");
    public static final Field OPAQUE_LEN = uint("hasync.opaque_len", "Opaque length", "Bytes of packet opaque");
    public static final Field ROLE = enumerated("hasync.role", "Sender role", ROLES,
            "HA role of the DPU that built the original packet");
    public static final Field TERM = uint("hasync.term", "Term", "The sender's HA term, modulo 2^16");
    public static final Field OPAQUE = of("hasync.opaque", "Packet opaque", FieldType.BYTES,
            "Sender-defined bytes echoed in the reply (present, possibly empty, on every packet)");

    public static final Field MSG = Field.group("hasync.msg", "Message", "One message of the packet");
    public static final Field MSG_TYPE = enumerated("hasync.msg.type", "Type", MSG_TYPES, "Message type");
    public static final Field MSG_OPAQUE_LEN = uint("hasync.msg.opaque_len", "Opaque length", "Bytes of message opaque");
    public static final Field MSG_BODY_LEN = uint("hasync.msg.body_len", "Body length",
            "Body bytes as originally sent (absent from a truncated reply)");
    public static final Field MSG_OPAQUE = of("hasync.msg.opaque", "Message opaque", FieldType.BYTES,
            "Sender-defined bytes of this message (present, possibly empty, on every message)");
    public static final Field MSG_EXTENSION = of("hasync.msg.extension", "Extension", FieldType.BYTES,
            "Body bytes past the known layout of the message type");
    public static final Field MSG_BODY = of("hasync.msg.body", "Body", FieldType.BYTES,
            "Body of a message of unknown type, raw");

    public static final Field STATE = Field.group("hasync.state", "State update", "STATE_UPDATE body");
    public static final Field STATE_OP = enumerated("hasync.state.op", "Op", OPS, "What happened to the connection");
    public static final Field STATE_CONN_STATE = enumerated("hasync.state.conn_state", "Connection state", CONN_STATES,
            "State the connection is now in (spec §3.5)");
    public static final Field STATE_FLAGS = hex("hasync.state.flags", "Flags", "Flags byte of the update");
    public static final Field STATE_IPV6 = bool("hasync.state.ipv6", "IPv6", "Addresses are IPv6");
    public static final Field STATE_UNIDIRECTIONAL = bool("hasync.state.unidirectional", "Unidirectional",
            "The connection is unidirectional");
    public static final Field STATE_DIRECTION = enumerated("hasync.state.direction", "Direction", DIRECTIONS,
            "DASH direction of the connection");
    public static final Field STATE_FLAGS_RESERVED = hex("hasync.state.flags_reserved", "Reserved flags",
            "Reserved bits 4-7 of the flags byte");
    public static final Field STATE_PROTO = enumerated("hasync.state.proto", "Protocol", IpFields.PROTOCOLS, "IP protocol");
    public static final Field STATE_ENI = of("hasync.state.eni", "ENI", FieldType.MAC, "ENI MAC address");
    public static final Field STATE_VNET = uint("hasync.state.vnet", "VNET", "VNET id");
    public static final Field STATE_VERSION = uint("hasync.state.version", "Flow version",
            "Per-connection version, increasing with every change");
    public static final Field STATE_IDLE_TIMEOUT = uint("hasync.state.idle_timeout", "Idle timeout (ms)",
            "The sender's idle timeout for the connection");
    public static final Field STATE_SRC = of("hasync.state.src", "Source", FieldType.IPADDR, "Connection source IP");
    public static final Field STATE_DST = of("hasync.state.dst", "Destination", FieldType.IPADDR,
            "Connection destination IP");
    public static final Field STATE_SRCPORT = uint("hasync.state.srcport", "Source port", "Source port (ICMP: identifier)");
    public static final Field STATE_DSTPORT = uint("hasync.state.dstport", "Destination port",
            "Destination port (ICMP: type << 8 | code)");

    public static final Field PKT = Field.group("hasync.pkt", "Packet update", "PACKET_UPDATE body");
    public static final Field PKT_FLAGS = hex("hasync.pkt.flags", "Flags", "Flags byte of the packet update");
    public static final Field PKT_DIRECTION = enumerated("hasync.pkt.direction", "Direction", DIRECTIONS,
            "Direction of the carried frame");
    public static final Field PKT_CUT = bool("hasync.pkt.cut", "Cut short", "The sender cut the carried frame short");
    public static final Field PKT_FRAME_TYPE = enumerated("hasync.pkt.frame_type", "Frame type", FRAME_TYPES,
            "1 Ethernet, 2 IP");
    public static final Field PKT_ORIG_LEN = uint("hasync.pkt.orig_len", "Original frame length",
            "Length of the customer frame before any cut");
    public static final Field PKT_ENI = of("hasync.pkt.eni", "ENI", FieldType.MAC, "ENI MAC address");
    public static final Field PKT_VNET = uint("hasync.pkt.vnet", "VNET", "VNET id");
    public static final Field PKT_VERSION = uint("hasync.pkt.version", "Flow version", "Per-connection version");
    public static final Field PKT_FRAME = of("hasync.pkt.frame", "Customer frame", FieldType.BYTES,
            "The customer frame carried in the update");
    public static final Field PKT_SRC = of("hasync.pkt.src", "Customer source", FieldType.IPADDR,
            "Source IP of the carried frame");
    public static final Field PKT_DST = of("hasync.pkt.dst", "Customer destination", FieldType.IPADDR,
            "Destination IP of the carried frame");
    public static final Field PKT_PROTO = enumerated("hasync.pkt.proto", "Customer protocol", IpFields.PROTOCOLS,
            "IP protocol of the carried frame");
    public static final Field PKT_SRCPORT = uint("hasync.pkt.srcport", "Customer source port",
            "TCP/UDP source port of the carried frame");
    public static final Field PKT_DSTPORT = uint("hasync.pkt.dstport", "Customer destination port",
            "TCP/UDP destination port of the carried frame");
    public static final Field PKT_TCP_FLAGS = hex("hasync.pkt.tcp_flags", "Customer TCP flags",
            "TCP flags of the carried frame");

    public static final Field CAP = Field.group("hasync.cap", "Capabilities", "CAPABILITIES body");
    public static final Field CAP_MAX_MSGS = uint("hasync.cap.max_msgs", "Max messages per packet",
            "N: the most messages the receiver accepts in one packet");
    public static final Field CAP_MAX_BYTES = uint("hasync.cap.max_bytes", "Max datagram bytes",
            "Largest UDP payload the receiver accepts (0: not stated)");
    public static final Field CAP_FLAGS = hex("hasync.cap.flags", "Flags", "Capability flags byte");
    public static final Field CAP_TRUNCATION = bool("hasync.cap.truncation", "Truncates replies",
            "The receiver truncates replies on request");
    public static final Field CAP_PACKET_UPDATES = bool("hasync.cap.packet_updates", "Accepts packet updates",
            "The receiver accepts PACKET_UPDATE");
    public static final Field CAP_RESERVED = hex("hasync.cap.reserved", "Reserved", "Reserved bytes");

    public static final Field SNAP = Field.group("hasync.snap", "Snapshot mark", "SNAPSHOT_MARK body");
    public static final Field SNAP_PHASE = enumerated("hasync.snap.phase", "Phase", PHASES, "1 BEGIN, 2 END");
    public static final Field SNAP_RESERVED = hex("hasync.snap.reserved", "Reserved", "Reserved bytes");
    public static final Field SNAP_ROUND = uint("hasync.snap.round", "Round id", "Identifier of the resend round");
    public static final Field SNAP_COUNT = uint("hasync.snap.count", "Connections sent",
            "Connections sent in the round (END; 0 in BEGIN)");

    static {
        RUDP.summarisedBy(RUDP_TYPE, RUDP_SEQ, RUDP_ACK);
        HASYNC.summarisedBy(MSG_COUNT, ROLE, TERM);
        MSG.summarisedBy(MSG_TYPE, MSG_BODY_LEN);
    }

    private HasyncFields() {
    }

    static void load() {
    }
}
