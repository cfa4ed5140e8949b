package io.hascope.capture;

/** The link-layer header types hascope dissects (LINKTYPE_* numbers of pcap and pcapng). */
public final class LinkType {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int RAW = 101;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    public static String name(int linkType) {
        switch (linkType) {
            case NULL: return "BSD loopback";
            case ETHERNET: return "Ethernet";
            case RAW: return "Raw IP";
            case LOOP: return "OpenBSD loopback";
            case LINUX_SLL: return "Linux cooked (SLL)";
            case IPV4: return "Raw IPv4";
            case IPV6: return "Raw IPv6";
            case LINUX_SLL2: return "Linux cooked v2 (SLL2)";
            default: return "link type " + linkType;
        }
    }
}
