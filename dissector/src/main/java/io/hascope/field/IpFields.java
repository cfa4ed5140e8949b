package io.hascope.field;

import static io.hascope.field.Field.bool;
import static io.hascope.field.Field.enumerated;
import static io.hascope.field.Field.hex;
import static io.hascope.field.Field.of;
import static io.hascope.field.Field.uint;

/** IPv4 and IPv6 (the ip.* names serve both versions, as shared/spec/hasync-v1.md §8 has them), and UDP. */
public final class IpFields {
    public static final ValueNames PROTOCOLS = ValueNames.of(0, "HOPOPT", 1, "ICMP", 2, "IGMP", 4, "IPIP", 6, "TCP",
            17, "UDP", 41, "IPv6", 43, "IPv6-Route", 44, "IPv6-Frag", 47, "GRE", 50, "ESP", 51, "AH",
            58, "ICMPv6", 59, "IPv6-NoNxt", 60, "IPv6-Opts", 89, "OSPF", 132, "SCTP");

    public static final Field IP = Field.protocol("ip", "Internet Protocol", "IPv4 or IPv6 header");
    public static final Field VERSION = uint("ip.version", "Version", "4 or 6");
    public static final Field HDR_LEN = uint("ip.hdr_len", "Header Length", "IPv4 header bytes (with options)");
    public static final Field DSCP = uint("ip.dsfield.dscp", "Differentiated Services Codepoint",
            "DSCP of the IPv4 TOS or IPv6 traffic class");
    public static final Field ECN = uint("ip.dsfield.ecn", "Explicit Congestion Notification", "ECN bits");
    public static final Field LEN = uint("ip.len", "Total Length", "IPv4 total length, or IPv6 payload length + 40");
    public static final Field ID = hex("ip.id", "Identification", "IPv4 identification");
    public static final Field DF = bool("ip.flags.df", "Don't fragment", "IPv4 DF flag");
    public static final Field MF = bool("ip.flags.mf", "More fragments", "IPv4 MF flag, or IPv6 fragment header M");
    public static final Field FRAG_OFFSET = uint("ip.frag_offset", "Fragment Offset", "Fragment offset in bytes");
    public static final Field TTL = uint("ip.ttl", "Time to Live", "IPv4 TTL or IPv6 hop limit");
    public static final Field PROTO = enumerated("ip.proto", "Protocol", PROTOCOLS,
            "Upper-layer protocol (after IPv6 extension headers)");
    public static final Field CHECKSUM = hex("ip.checksum", "Header Checksum", "IPv4 header checksum (unverified)");
    public static final Field SRC = of("ip.src", "Source Address", FieldType.IPADDR, "Source address (IPv4 or IPv6)");
    public static final Field DST = of("ip.dst", "Destination Address", FieldType.IPADDR,
            "Destination address (IPv4 or IPv6)");
    public static final Field OPTIONS = of("ip.options", "Options", FieldType.BYTES, "IPv4 options, raw");
    public static final Field FLOW = hex("ipv6.flow", "Flow Label", "IPv6 flow label");
    public static final Field NXT = enumerated("ipv6.nxt", "Next Header", PROTOCOLS, "IPv6 next header of the fixed header");
    public static final Field EXT = Field.group("ipv6.ext", "Extension header", "One IPv6 extension header");
    public static final Field EXT_TYPE = enumerated("ipv6.ext.type", "Type", PROTOCOLS, "Extension header type");
    public static final Field EXT_LEN = uint("ipv6.ext.len", "Length", "Extension header bytes");

    public static final Field UDP = Field.protocol("udp", "User Datagram Protocol", "UDP header");
    public static final Field UDP_SRCPORT = uint("udp.srcport", "Source Port", "UDP source port");
    public static final Field UDP_DSTPORT = uint("udp.dstport", "Destination Port", "UDP destination port");
    public static final Field UDP_LENGTH = uint("udp.length", "Length", "UDP length field (header + payload)");
    public static final Field UDP_CHECKSUM = hex("udp.checksum", "Checksum", "UDP checksum (unverified)");

    public static final Field TCP = Field.protocol("tcp", "Transmission Control Protocol", "Outer TCP header");
    public static final Field TCP_SRCPORT = uint("tcp.srcport", "Source Port", "TCP source port");
    public static final Field TCP_DSTPORT = uint("tcp.dstport", "Destination Port", "TCP destination port");
    public static final Field TCP_FLAGS = hex("tcp.flags", "Flags", "TCP flags byte (FIN 0x01 … CWR 0x80)");

    static {
        IP.summarisedBy(SRC, DST);
        UDP.summarisedBy(UDP_SRCPORT, UDP_DSTPORT);
        TCP.summarisedBy(TCP_SRCPORT, TCP_DSTPORT);
    }

    private IpFields() {
    }

    static void load() {
    }
}
