package io.hascope.field;

import static io.hascope.field.Field.enumerated;
import static io.hascope.field.Field.of;
import static io.hascope.field.Field.uint;

/** Ethernet, 802.1Q/802.1ad tags, Linux cooked capture (v1 and v2) and BSD loopback. */
public final class LinkFields {
    public static final ValueNames ETHERTYPES = ValueNames.of(0x0800, "IPv4", 0x86dd, "IPv6", 0x0806, "ARP",
            0x8100, "802.1Q", 0x88a8, "802.1ad", 0x9100, "802.1QinQ", 0x876d, "DASH");

    public static final Field ETH = Field.protocol("eth", "Ethernet II", "Ethernet II header");
    public static final Field ETH_DST = of("eth.dst", "Destination", FieldType.MAC, "Destination MAC address");
    public static final Field ETH_SRC = of("eth.src", "Source", FieldType.MAC, "Source MAC address");
    public static final Field ETH_TYPE = new Field("eth.type", "Type", FieldType.UINT, true, ETHERTYPES,
            "EtherType of the payload (after any VLAN tags, the innermost one is vlan.etype)");

    public static final Field VLAN = Field.protocol("vlan", "802.1Q Virtual LAN", "One VLAN tag (802.1Q or 802.1ad)");
    public static final Field VLAN_PRIORITY = uint("vlan.priority", "Priority", "Priority code point (PCP)");
    public static final Field VLAN_DEI = Field.bool("vlan.dei", "DEI", "Drop eligible indicator");
    public static final Field VLAN_ID = uint("vlan.id", "ID", "VLAN identifier (one per tag, outer first)");
    public static final Field VLAN_ETYPE = new Field("vlan.etype", "Type", FieldType.UINT, true, ETHERTYPES,
            "EtherType following this tag");

    public static final Field SLL = Field.protocol("sll", "Linux cooked capture", "Linux cooked-mode header");
    public static final Field SLL_PKTTYPE = enumerated("sll.pkttype", "Packet type", ValueNames.of(
            0, "Unicast to us", 1, "Broadcast", 2, "Multicast", 3, "Unicast to another host", 4, "Sent by us"),
            "Direction and kind of packet as Linux saw it");
    public static final Field SLL_HATYPE = uint("sll.hatype", "Link-layer address type", "ARPHRD_ type");
    public static final Field SLL_HALEN = uint("sll.halen", "Link-layer address length", "Bytes of sll.src used");
    public static final Field SLL_SRC = of("sll.src", "Source", FieldType.BYTES, "Link-layer source address");
    public static final Field SLL_PROTOCOL = new Field("sll.etype", "Protocol", FieldType.UINT, true, ETHERTYPES,
            "EtherType of the payload");
    public static final Field SLL_IFINDEX = uint("sll.ifindex", "Interface index", "SLL2: interface index");

    public static final Field NULL = Field.protocol("null", "Null/Loopback", "BSD loopback header");
    public static final Field NULL_FAMILY = enumerated("null.family", "Family", ValueNames.of(
            2, "IP", 10, "IPv6 (Linux)", 24, "IPv6 (NetBSD/OpenBSD)", 28, "IPv6 (FreeBSD)", 30, "IPv6 (Darwin)"),
            "Address family of the payload");

    private LinkFields() {
    }

    static void load() {
    }
}
