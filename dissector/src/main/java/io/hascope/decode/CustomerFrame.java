package io.hascope.decode;

import static io.hascope.decode.Bytes.u16;
import static io.hascope.decode.Bytes.u8;

import io.hascope.capture.FrameBytes;

/**
 * Reads the customer frame carried by a PACKET_UPDATE or behind a DASH header: addresses, protocol, ports and
 * TCP flags, in place. Reused; {@link #parse} returns false when the frame is not Ethernet/IP it can read.
 */
final class CustomerFrame {
    int addressLength;
    int srcAt;
    int dstAt;
    int protocol;
    int protocolAt;
    int srcPort = -1;
    int dstPort = -1;
    int portsAt;
    int tcpFlags = -1;
    int tcpFlagsAt;
    String problem;

    /** frameType 1 Ethernet, 2 IP. */
    boolean parse(FrameBytes b, int at, int end, int frameType) {
        addressLength = 0;
        srcPort = -1;
        dstPort = -1;
        tcpFlags = -1;
        problem = null;
        if (frameType == 1) {
            if (end - at < 14) {
                return fail("Ethernet header needs 14 bytes, " + (end - at) + " present");
            }
            int type = u16(b, at + 12);
            at += 14;
            while ((type == 0x8100 || type == 0x88a8) && end - at >= 4) {
                type = u16(b, at + 2);
                at += 4;
            }
            if (type != LinkDecoder.ETHERTYPE_IPV4 && type != LinkDecoder.ETHERTYPE_IPV6) {
                return fail(String.format("EtherType 0x%04x is not IP", type));
            }
        } else if (frameType != 2) {
            return fail("frame type " + frameType + " is neither Ethernet (1) nor IP (2)");
        }
        if (end - at < 1) {
            return fail("no IP header");
        }
        int version = u8(b, at) >>> 4;
        int l4;
        if (version == 4) {
            if (end - at < 20) {
                return fail("IPv4 header needs 20 bytes, " + (end - at) + " present");
            }
            int ihl = (u8(b, at) & 15) * 4;
            if (ihl < 20 || end - at < ihl) {
                return fail("IPv4 header length " + ihl + " is invalid");
            }
            addressLength = 4;
            srcAt = at + 12;
            dstAt = at + 16;
            protocol = u8(b, at + 9);
            protocolAt = at + 9;
            l4 = (u16(b, at + 6) & 0x1fff) == 0 ? at + ihl : -1;
        } else if (version == 6) {
            if (end - at < 40) {
                return fail("IPv6 header needs 40 bytes, " + (end - at) + " present");
            }
            addressLength = 16;
            srcAt = at + 8;
            dstAt = at + 24;
            protocol = u8(b, at + 6);
            protocolAt = at + 6;
            l4 = at + 40;
            while ((protocol == 0 || protocol == 43 || protocol == 60) && end - l4 >= 8) {
                protocolAt = l4;
                protocol = u8(b, l4);
                l4 += (u8(b, l4 + 1) + 1) * 8;
            }
        } else {
            return fail("IP version " + version);
        }
        if (l4 >= 0 && (protocol == IpDecoder.PROTO_TCP || protocol == IpDecoder.PROTO_UDP) && end - l4 >= 4) {
            portsAt = l4;
            srcPort = u16(b, l4);
            dstPort = u16(b, l4 + 2);
            if (protocol == IpDecoder.PROTO_TCP && end - l4 >= 14) {
                tcpFlagsAt = l4 + 13;
                tcpFlags = u8(b, l4 + 13);
            }
        }
        return true;
    }

    private boolean fail(String why) {
        problem = why;
        return false;
    }
}
