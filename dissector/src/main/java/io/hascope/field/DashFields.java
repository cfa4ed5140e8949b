package io.hascope.field;

import static io.hascope.field.Field.bool;
import static io.hascope.field.Field.enumerated;
import static io.hascope.field.Field.hex;
import static io.hascope.field.Field.of;
import static io.hascope.field.Field.uint;

/** The DASH flow-sync metadata header, EtherType 0x876D (spec §5). */
public final class DashFields {
    public static final ValueNames SOURCES = ValueNames.of(0, "EXTERNAL", 1, "PIPELINE", 2, "DPAPP", 3, "PEER");
    public static final ValueNames TYPES = ValueNames.of(0, "REGULAR", 1, "FLOW_SYNC_REQ", 2, "FLOW_SYNC_ACK",
            3, "DP_PROBE_REQ", 4, "DP_PROBE_ACK");
    public static final ValueNames SUBTYPES = ValueNames.of(0, "NONE", 1, "FLOW_CREATE", 2, "FLOW_UPDATE",
            3, "FLOW_DELETE");
    public static final ValueNames DIRECTIONS = ValueNames.of(0, "INVALID", 1, "OUTBOUND", 2, "INBOUND");
    public static final ValueNames ENCAPS = ValueNames.of(0, "INVALID", 1, "VXLAN", 2, "NVGRE");

    public static final Field DASH = Field.protocol("dashmeta", "DASH flow-sync metadata",
            "DASH metadata header (EtherType 0x876D or the UDP DP channel)");
    public static final Field SOURCE = enumerated("dashmeta.source", "Packet source", SOURCES,
            "0 EXTERNAL, 1 PIPELINE, 2 DPAPP, 3 PEER");
    public static final Field TYPE = enumerated("dashmeta.type", "Packet type", TYPES, "Packet type (high nibble)");
    public static final Field SUBTYPE = enumerated("dashmeta.subtype", "Packet subtype", SUBTYPES,
            "Packet subtype (low nibble)");
    public static final Field LENGTH = uint("dashmeta.length", "Length",
            "Bytes of the whole DASH header (meta and every flow header present)");

    public static final Field KEY = Field.group("dashmeta.key", "Flow key", "DASH flow key");
    public static final Field KEY_ENI = of("dashmeta.key.eni", "ENI", FieldType.MAC, "ENI MAC address");
    public static final Field KEY_VNET = uint("dashmeta.key.vnet", "VNET", "VNET id");
    public static final Field KEY_SRC = of("dashmeta.key.src", "Source", FieldType.IPADDR, "Flow source IP");
    public static final Field KEY_DST = of("dashmeta.key.dst", "Destination", FieldType.IPADDR, "Flow destination IP");
    public static final Field KEY_SRCPORT = uint("dashmeta.key.srcport", "Source port", "Flow source port");
    public static final Field KEY_DSTPORT = uint("dashmeta.key.dstport", "Destination port", "Flow destination port");
    public static final Field KEY_PROTO = enumerated("dashmeta.key.proto", "Protocol", IpFields.PROTOCOLS, "IP protocol");
    public static final Field KEY_IPV6 = bool("dashmeta.key.ipv6", "IPv6", "The key's addresses are IPv6");
    public static final Field KEY_RESERVED = hex("dashmeta.key.reserved", "Reserved", "Reserved bits of the key");

    public static final Field DATA = Field.group("dashmeta.data", "Flow data", "DASH flow data");
    public static final Field DATA_UNIDIRECTIONAL = bool("dashmeta.data.unidirectional", "Unidirectional",
            "The flow is unidirectional");
    public static final Field DATA_RESERVED = hex("dashmeta.data.reserved", "Reserved", "Reserved bits of the flow data");
    public static final Field DATA_DIRECTION = enumerated("dashmeta.data.direction", "Direction", DIRECTIONS,
            "0 INVALID, 1 OUTBOUND, 2 INBOUND");
    public static final Field DATA_VERSION = uint("dashmeta.data.version", "Version", "Flow version");
    public static final Field DATA_ACTIONS = hex("dashmeta.data.actions", "Actions",
            "Actions bitmap (bit 0 ENCAP_U0, bit 1 ENCAP_U1; non-zero adds the overlay rewrite)");
    public static final Field DATA_METER_CLASS = uint("dashmeta.data.meter_class", "Meter class", "Meter class");
    public static final Field DATA_IDLE_TIMEOUT = uint("dashmeta.data.idle_timeout", "Idle timeout (ms)",
            "Flow idle timeout");

    public static final Field OVERLAY = Field.group("dashmeta.overlay", "Overlay rewrite", "Overlay rewrite data");
    public static final Field OVERLAY_DMAC = of("dashmeta.overlay.dmac", "Destination MAC", FieldType.MAC, "Rewrite DMAC");
    public static final Field OVERLAY_SIP = of("dashmeta.overlay.sip", "Source IP", FieldType.IPADDR, "Rewrite SIP");
    public static final Field OVERLAY_DIP = of("dashmeta.overlay.dip", "Destination IP", FieldType.IPADDR, "Rewrite DIP");
    public static final Field OVERLAY_SIP_MASK = of("dashmeta.overlay.sip_mask", "Source IP mask", FieldType.IPADDR,
            "Rewrite SIP mask");
    public static final Field OVERLAY_DIP_MASK = of("dashmeta.overlay.dip_mask", "Destination IP mask",
            FieldType.IPADDR, "Rewrite DIP mask");
    public static final Field OVERLAY_SPORT = uint("dashmeta.overlay.sport", "Source port", "Rewrite source port");
    public static final Field OVERLAY_DPORT = uint("dashmeta.overlay.dport", "Destination port", "Rewrite destination port");
    public static final Field OVERLAY_IPV6 = bool("dashmeta.overlay.ipv6", "IPv6", "Rewrite addresses are IPv6");

    public static final Field U0 = Field.group("dashmeta.u0", "Underlay 0 encap", "Underlay 0 encapsulation data");
    public static final Field U0_VNI = uint("dashmeta.u0.vni", "VNI", "Underlay 0 VNI");
    public static final Field U0_SIP = of("dashmeta.u0.sip", "Source IP", FieldType.IPADDR, "Underlay 0 source IP");
    public static final Field U0_DIP = of("dashmeta.u0.dip", "Destination IP", FieldType.IPADDR, "Underlay 0 destination IP");
    public static final Field U0_SMAC = of("dashmeta.u0.smac", "Source MAC", FieldType.MAC, "Underlay 0 source MAC");
    public static final Field U0_DMAC = of("dashmeta.u0.dmac", "Destination MAC", FieldType.MAC, "Underlay 0 destination MAC");
    public static final Field U0_ENCAP = enumerated("dashmeta.u0.encap", "Encapsulation", ENCAPS, "1 VXLAN, 2 NVGRE");
    public static final Field U1 = Field.group("dashmeta.u1", "Underlay 1 encap", "Underlay 1 encapsulation data");
    public static final Field U1_VNI = uint("dashmeta.u1.vni", "VNI", "Underlay 1 VNI");
    public static final Field U1_SIP = of("dashmeta.u1.sip", "Source IP", FieldType.IPADDR, "Underlay 1 source IP");
    public static final Field U1_DIP = of("dashmeta.u1.dip", "Destination IP", FieldType.IPADDR, "Underlay 1 destination IP");
    public static final Field U1_SMAC = of("dashmeta.u1.smac", "Source MAC", FieldType.MAC, "Underlay 1 source MAC");
    public static final Field U1_DMAC = of("dashmeta.u1.dmac", "Destination MAC", FieldType.MAC, "Underlay 1 destination MAC");
    public static final Field U1_ENCAP = enumerated("dashmeta.u1.encap", "Encapsulation", ENCAPS, "1 VXLAN, 2 NVGRE");

    public static final Field INNER = Field.group("dashmeta.inner", "Customer frame", "The customer frame after the header");
    public static final Field INNER_SRC = of("dashmeta.inner.src", "Source", FieldType.IPADDR, "Customer source IP");
    public static final Field INNER_DST = of("dashmeta.inner.dst", "Destination", FieldType.IPADDR, "Customer destination IP");
    public static final Field INNER_PROTO = enumerated("dashmeta.inner.proto", "Protocol", IpFields.PROTOCOLS,
            "IP protocol of the customer frame");
    public static final Field INNER_SRCPORT = uint("dashmeta.inner.srcport", "Source port", "Customer source port");
    public static final Field INNER_DSTPORT = uint("dashmeta.inner.dstport", "Destination port", "Customer destination port");
    public static final Field INNER_TCP_FLAGS = hex("dashmeta.inner.tcp_flags", "TCP flags", "Customer TCP flags");

    static {
        DASH.summarisedBy(TYPE, SUBTYPE, LENGTH);
        KEY.summarisedBy(KEY_SRC, KEY_SRCPORT, KEY_DST, KEY_DSTPORT);
    }

    private DashFields() {
    }

    static void load() {
    }
}
