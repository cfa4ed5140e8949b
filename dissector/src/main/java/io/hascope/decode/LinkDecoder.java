package io.hascope.decode;

import io.hascope.capture.FrameBytes;

import static io.hascope.decode.Bytes.u16;
import static io.hascope.decode.Bytes.u8;

import io.hascope.capture.LinkType;
import io.hascope.field.ExpertKind;
import io.hascope.field.FieldSink;
import io.hascope.field.LinkFields;

/** Ethernet II with 802.1Q/802.1ad tags, Linux cooked capture v1 and v2, BSD loopback, raw IP. */
final class LinkDecoder {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int ETHERTYPE_DASH = 0x876d;
    private final Dissection d;
    private final IpDecoder ip;
    private final DashDecoder dash;

    LinkDecoder(Dissection d, IpDecoder ip, DashDecoder dash) {
        this.d = d;
        this.ip = ip;
        this.dash = dash;
    }

    void decode(int linkType) {
        int at = d.frameStart;
        switch (linkType) {
            case LinkType.ETHERNET -> ethernet(at);
            case LinkType.LINUX_SLL -> sll(at);
            case LinkType.LINUX_SLL2 -> sll2(at);
            case LinkType.NULL, LinkType.LOOP -> loopback(at, linkType == LinkType.LOOP);
            case LinkType.RAW -> ip.decode(at, d.capEnd);
            case LinkType.IPV4, LinkType.IPV6 -> ip.decode(at, d.capEnd);
            default -> {
                // listed with its frame fields only
            }
        }
    }

    private void ethernet(int at) {
        FrameBytes b = d.b;
        FieldSink f = d.fields;
        f.open(LinkFields.ETH, at, 14);
        if (!d.need(at, 14, d.capEnd, ExpertKind.LINK_SHORT, "Ethernet header")) {
            f.close(-1);
            return;
        }
        f.bytes(LinkFields.ETH_DST, at, 6);
        f.bytes(LinkFields.ETH_SRC, at + 6, 6);
        int type = u16(b, at + 12);
        f.uint(LinkFields.ETH_TYPE, at + 12, 2, type);
        f.close(-1);
        at += 14;
        while (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
            f.open(LinkFields.VLAN, at, 4);
            if (!d.need(at, 4, d.capEnd, ExpertKind.LINK_SHORT, "VLAN tag")) {
                f.close(-1);
                return;
            }
            int tci = u16(b, at);
            f.uint(LinkFields.VLAN_PRIORITY, at, 2, tci >>> 13);
            f.uint(LinkFields.VLAN_DEI, at, 2, (tci >>> 12) & 1);
            f.uint(LinkFields.VLAN_ID, at, 2, tci & 0xfff);
            type = u16(b, at + 2);
            f.uint(LinkFields.VLAN_ETYPE, at + 2, 2, type);
            f.close(-1);
            at += 4;
        }
        etherType(type, at);
    }

    private void etherType(int type, int at) {
        switch (type) {
            case ETHERTYPE_IPV4, ETHERTYPE_IPV6 -> ip.decode(at, d.capEnd);
            case ETHERTYPE_DASH -> {
                if (d.decodeSyncLayers) {
                    dash.decodeRaw(at, d.capEnd);
                }
            }
            default -> {
                // other EtherTypes are listed, not dissected
            }
        }
    }

    private void sll(int at) {
        FieldSink f = d.fields;
        f.open(LinkFields.SLL, at, 16);
        if (!d.need(at, 16, d.capEnd, ExpertKind.LINK_SHORT, "Linux cooked header")) {
            f.close(-1);
            return;
        }
        FrameBytes b = d.b;
        f.uint(LinkFields.SLL_PKTTYPE, at, 2, u16(b, at));
        f.uint(LinkFields.SLL_HATYPE, at + 2, 2, u16(b, at + 2));
        int halen = u16(b, at + 4);
        f.uint(LinkFields.SLL_HALEN, at + 4, 2, halen);
        f.bytes(LinkFields.SLL_SRC, at + 6, Math.min(halen, 8));
        int type = u16(b, at + 14);
        f.uint(LinkFields.SLL_PROTOCOL, at + 14, 2, type);
        f.close(-1);
        etherType(type, at + 16);
    }

    private void sll2(int at) {
        FieldSink f = d.fields;
        f.open(LinkFields.SLL, at, 20);
        if (!d.need(at, 20, d.capEnd, ExpertKind.LINK_SHORT, "Linux cooked v2 header")) {
            f.close(-1);
            return;
        }
        FrameBytes b = d.b;
        int type = u16(b, at);
        f.uint(LinkFields.SLL_PROTOCOL, at, 2, type);
        f.uint(LinkFields.SLL_IFINDEX, at + 4, 4, Bytes.u32(b, at + 4));
        f.uint(LinkFields.SLL_HATYPE, at + 8, 2, u16(b, at + 8));
        f.uint(LinkFields.SLL_PKTTYPE, at + 10, 1, u8(b, at + 10));
        int halen = u8(b, at + 11);
        f.uint(LinkFields.SLL_HALEN, at + 11, 1, halen);
        f.bytes(LinkFields.SLL_SRC, at + 12, Math.min(halen, 8));
        f.close(-1);
        etherType(type, at + 20);
    }

    private void loopback(int at, boolean networkOrder) {
        FieldSink f = d.fields;
        f.open(LinkFields.NULL, at, 4);
        if (!d.need(at, 4, d.capEnd, ExpertKind.LINK_SHORT, "loopback header")) {
            f.close(-1);
            return;
        }
        int family = d.b.getInt(at);
        if (!networkOrder && (family & 0xffff0000) != 0) {
            family = Integer.reverseBytes(family); // DLT_NULL is in the capturing host's byte order
        }
        f.uint(LinkFields.NULL_FAMILY, at, 4, family & 0xffffffffL);
        f.close(-1);
        switch (family) {
            case 2, 10, 24, 28, 30 -> ip.decode(at + 4, d.capEnd);
            default -> {
            }
        }
    }
}
