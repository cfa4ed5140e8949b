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
    /** SunATM: each record starts with a 4-byte pseudo-header that was never on the wire. */
    public static final int SUNATM = 123;

    private LinkType() {
    }

    /**
     * Bytes at the start of each record that describe the frame rather than belong to it; readers leave them out of
     * the frame, as libpcap-based tools do.
     */
    public static int pseudoHeaderLength(int linkType) {
        return linkType == SUNATM ? 4 : 0;
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
            case SUNATM: return "SunATM";
            default: return "link type " + linkType;
        }
    }
}
