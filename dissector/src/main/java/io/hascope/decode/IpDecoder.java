package io.hascope.decode;

import io.hascope.capture.FrameBytes;

import static io.hascope.decode.Bytes.u16;
import static io.hascope.decode.Bytes.u8;

import io.hascope.field.ExpertKind;
import io.hascope.field.FieldSink;
import io.hascope.field.IpFields;

/** IPv4 (with options) and IPv6 (walking hop-by-hop, routing, destination options, fragment and AH headers). */
final class IpDecoder {
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;
    private final Dissection d;
    private final UdpDecoder udp;

    IpDecoder(Dissection d, UdpDecoder udp) {
        this.d = d;
        this.udp = udp;
    }

    void decode(int at, int end) {
        if (!d.need(at, 1, end, ExpertKind.IP_SHORT, "IP header")) {
            return;
        }
        int version = u8(d.b, at) >>> 4;
        if (version == 4) {
            ipv4(at, end);
        } else if (version == 6) {
            ipv6(at, end);
        } else {
            d.fields.open(IpFields.IP, at, 1);
            d.fields.uint(IpFields.VERSION, at, 1, version);
            d.expert(ExpertKind.IP_BAD_VERSION, at, 1, "IP version " + version + " is neither 4 nor 6");
            d.fields.close(-1);
        }
    }

    /** Where the IP payload ends: the declared length, or the captured bytes when the snaplen cut the frame. */
    private int payloadEnd(int at, int declaredEnd, int end) {
        if (declaredEnd <= end) {
            return declaredEnd;
        }
        if (d.cutBySnaplen()) {
            d.snaplenClipped = true;
        } else {
            d.expert(ExpertKind.IP_LENGTH_OVERRUN, at, end - at, "IP length says the packet ends at offset "
                    + (declaredEnd - d.frameStart) + " but the frame ends at " + (end - d.frameStart));
        }
        return end;
    }

    private void ipv4(int at, int end) {
        FrameBytes b = d.b;
        FieldSink f = d.fields;
        f.open(IpFields.IP, at, 20);
        if (!d.need(at, 20, end, ExpertKind.IP_SHORT, "IPv4 header")) {
            f.close(-1);
            return;
        }
        int ihl = (u8(b, at) & 15) * 4;
        f.uint(IpFields.VERSION, at, 1, 4);
        f.uint(IpFields.HDR_LEN, at, 1, ihl);
        int tos = u8(b, at + 1);
        f.uint(IpFields.DSCP, at + 1, 1, tos >>> 2);
        f.uint(IpFields.ECN, at + 1, 1, tos & 3);
        int total = u16(b, at + 2);
        f.uint(IpFields.LEN, at + 2, 2, total);
        f.uint(IpFields.ID, at + 4, 2, u16(b, at + 4));
        int frag = u16(b, at + 6);
        f.uint(IpFields.DF, at + 6, 1, (frag >>> 14) & 1);
        f.uint(IpFields.MF, at + 6, 1, (frag >>> 13) & 1);
        int fragOffset = (frag & 0x1fff) * 8;
        f.uint(IpFields.FRAG_OFFSET, at + 6, 2, fragOffset);
        f.uint(IpFields.TTL, at + 8, 1, u8(b, at + 8));
        int proto = u8(b, at + 9);
        f.uint(IpFields.PROTO, at + 9, 1, proto);
        f.uint(IpFields.CHECKSUM, at + 10, 2, u16(b, at + 10));
        f.bytes(IpFields.SRC, at + 12, 4);
        f.bytes(IpFields.DST, at + 16, 4);
        d.ipVersion = 4;
        d.ipSrcAt = at + 12;
        d.ipDstAt = at + 16;
        d.ipAddrLength = 4;
        if (ihl < 20) {
            d.expert(ExpertKind.IP_BAD_HEADER_LENGTH, at, 1, "IPv4 header length " + ihl + " is below 20");
            f.close(-1);
            return;
        }
        if (!d.need(at, ihl, end, ExpertKind.IP_SHORT, "IPv4 header with options")) {
            f.close(-1);
            return;
        }
        if (ihl > 20) {
            f.bytes(IpFields.OPTIONS, at + 20, ihl - 20);
        }
        int payloadEnd;
        if (total < ihl) {
            d.expert(ExpertKind.IP_LENGTH_SHORT, at + 2, 2, "IPv4 total length " + total
                    + " is shorter than its header (" + ihl + ")");
            payloadEnd = end;
        } else {
            payloadEnd = payloadEnd(at, at + total, end);
        }
        f.close(at + ihl);
        boolean fragment = fragOffset != 0 || ((frag >>> 13) & 1) != 0;
        if (fragment) {
            d.expert(ExpertKind.IP_FRAGMENT, at + 6, 2, "IPv4 fragment at offset " + fragOffset
                    + (fragOffset == 0 ? " (first)" : "") + "; fragments are not reassembled");
        }
        if (fragOffset == 0) {
            transport(proto, at + ihl, payloadEnd, fragment);
        }
    }

    private void ipv6(int at, int end) {
        FrameBytes b = d.b;
        FieldSink f = d.fields;
        f.open(IpFields.IP, at, 40);
        if (!d.need(at, 40, end, ExpertKind.IP_SHORT, "IPv6 header")) {
            f.close(-1);
            return;
        }
        int first = b.getInt(at);
        f.uint(IpFields.VERSION, at, 1, 6);
        int trafficClass = (first >>> 20) & 0xff;
        f.uint(IpFields.DSCP, at, 2, trafficClass >>> 2);
        f.uint(IpFields.ECN, at, 2, trafficClass & 3);
        f.uint(IpFields.FLOW, at + 1, 3, first & 0xfffff);
        int payloadLength = u16(b, at + 4);
        f.uint(IpFields.LEN, at + 4, 2, payloadLength + 40L);
        int next = u8(b, at + 6);
        f.uint(IpFields.NXT, at + 6, 1, next);
        f.uint(IpFields.TTL, at + 7, 1, u8(b, at + 7));
        f.bytes(IpFields.SRC, at + 8, 16);
        f.bytes(IpFields.DST, at + 24, 16);
        d.ipVersion = 6;
        d.ipSrcAt = at + 8;
        d.ipDstAt = at + 24;
        d.ipAddrLength = 16;
        int payloadEnd = payloadLength == 0 ? end : payloadEnd(at, at + 40 + payloadLength, end);
        int pos = at + 40;
        int nextAt = at + 6;
        boolean fragment = false;
        boolean laterFragment = false;
        while (next == 0 || next == 43 || next == 44 || next == 51 || next == 60) {
            if (!d.need(pos, 2, payloadEnd, ExpertKind.IPV6_EXT_OVERRUN, "IPv6 extension header")) {
                f.close(-1);
                return;
            }
            int len = next == 44 ? 8 : next == 51 ? (u8(b, pos + 1) + 2) * 4 : (u8(b, pos + 1) + 1) * 8;
            f.open(IpFields.EXT, pos, len);
            f.uint(IpFields.EXT_TYPE, nextAt, 1, next);
            f.uint(IpFields.EXT_LEN, pos + 1, 1, len);
            if (!d.need(pos, len, payloadEnd, ExpertKind.IPV6_EXT_OVERRUN, "IPv6 extension header")) {
                f.close(-1);
                f.close(-1);
                return;
            }
            if (next == 44) {
                int offsetField = u16(b, pos + 2);
                int fragOffset = offsetField & 0xfff8;
                f.uint(IpFields.FRAG_OFFSET, pos + 2, 2, fragOffset);
                f.uint(IpFields.MF, pos + 3, 1, offsetField & 1);
                fragment = true;
                laterFragment = fragOffset != 0;
            }
            f.close(-1);
            nextAt = pos;
            next = u8(b, pos);
            pos += len;
        }
        f.uint(IpFields.PROTO, nextAt, 1, next);
        f.close(pos);
        if (fragment) {
            d.expert(ExpertKind.IP_FRAGMENT, at, 40, "IPv6 fragment; fragments are not reassembled");
        }
        if (!laterFragment) {
            transport(next, pos, payloadEnd, fragment);
        }
    }

    private void transport(int proto, int at, int end, boolean firstFragment) {
        if (proto == PROTO_UDP) {
            udp.decode(at, end, firstFragment);
        } else if (proto == PROTO_TCP) {
            tcp(at, end);
        }
    }

    private void tcp(int at, int end) {
        FieldSink f = d.fields;
        if (end - at < 14) {
            return; // too little to show ports and flags; listed as IP
        }
        f.open(IpFields.TCP, at, Math.min(20, end - at));
        f.uint(IpFields.TCP_SRCPORT, at, 2, u16(d.b, at));
        f.uint(IpFields.TCP_DSTPORT, at + 2, 2, u16(d.b, at + 2));
        f.uint(IpFields.TCP_FLAGS, at + 13, 1, u8(d.b, at + 13));
        f.close(-1);
    }
}
