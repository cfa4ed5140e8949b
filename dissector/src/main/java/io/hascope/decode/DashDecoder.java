package io.hascope.decode;

import io.hascope.capture.FrameBytes;

import static io.hascope.decode.Bytes.u16;
import static io.hascope.decode.Bytes.u24;
import static io.hascope.decode.Bytes.u32;
import static io.hascope.decode.Bytes.u48;
import static io.hascope.decode.Bytes.u8;

import io.hascope.event.Dialect;
import io.hascope.event.MessageType;
import io.hascope.event.PacketKind;
import io.hascope.event.SyncMessage;
import io.hascope.event.SyncPacket;
import io.hascope.field.DashFields;
import io.hascope.field.ExpertKind;
import io.hascope.field.FieldSink;

/**
 * The DASH flow-sync metadata header (spec §5), on raw Ethernet (0x876D) or the UDP DP channel. The length field
 * is trusted; the flow data and trailers are walked in order while it lasts, and a disagreement is flagged.
 */
final class DashDecoder {
    static final int META = 4;
    static final int KEY = 46;
    static final int DATA = 19;
    static final int OVERLAY = 75;
    static final int ENCAP = 26;
    static final int MAX_LENGTH = META + KEY + DATA + OVERLAY + 2 * ENCAP;
    static final int TYPE_SYNC_REQ = 1;
    static final int TYPE_SYNC_ACK = 2;
    static final int TYPE_PROBE_REQ = 3;
    static final int TYPE_PROBE_ACK = 4;

    private final Dissection d;
    private final CustomerFrame inner = new CustomerFrame();

    DashDecoder(Dissection d) {
        this.d = d;
    }

    /** Spec §6: type 0..4, subtype 0..3, source ≤ 3, length 4..196 and within the datagram. */
    boolean looksLikeDash(int at, int end) {
        if (end - at < META) {
            return false;
        }
        FrameBytes b = d.b;
        int typeByte = u8(b, at + 1);
        int length = u16(b, at + 2);
        return u8(b, at) <= 3 && (typeByte >>> 4) <= 4 && (typeByte & 15) <= 3 && length >= META
                && length <= MAX_LENGTH && length <= end - at;
    }

    void decodeRaw(int at, int end) {
        header(at, end);
    }

    void decodeDatagram(int at, int end, boolean byPort) {
        if (byPort && end - at >= META && !looksLikeDash(at, end) && !lengthPlausible(at)) {
            d.expert(ExpertKind.DASH_NOT_DASH, at, end - at, "datagram on the DP channel port is not DASH metadata "
                    + "(length field " + u16(d.b, at + 2) + " with " + (end - at) + " bytes present)");
            return;
        }
        header(at, end);
    }

    private boolean lengthPlausible(int at) {
        int length = u16(d.b, at + 2);
        return length >= META && length <= MAX_LENGTH;
    }

    private void header(int at, int end) {
        FrameBytes b = d.b;
        FieldSink f = d.fields;
        f.open(DashFields.DASH, at, Math.min(META, end - at));
        if (!d.need(at, META, end, ExpertKind.DASH_SHORT, "DASH metadata header")) {
            f.close(-1);
            return;
        }
        int source = u8(b, at);
        int typeByte = u8(b, at + 1);
        int type = typeByte >>> 4;
        int subtype = typeByte & 15;
        int length = u16(b, at + 2);
        f.uint(DashFields.SOURCE, at, 1, source);
        f.uint(DashFields.TYPE, at + 1, 1, type);
        f.uint(DashFields.SUBTYPE, at + 1, 1, subtype);
        f.uint(DashFields.LENGTH, at + 2, 2, length);
        if (source > 3) {
            d.expert(ExpertKind.DASH_UNKNOWN_TYPE, at, 1, "packet source " + source + " is not defined");
        }
        if (type > 4 || subtype > 3) {
            d.expert(ExpertKind.DASH_UNKNOWN_TYPE, at + 1, 1, "packet type " + type + " / subtype " + subtype
                    + " is not defined");
        }
        boolean carriesKey = subtype >= 1 && subtype <= 3;
        int headerEnd = at + length;
        if (length < META || (carriesKey && length < META + KEY)) {
            d.expert(ExpertKind.DASH_LENGTH_BELOW_KEY, at + 2, 2, "length " + length + " is below "
                    + (length < META ? "the 4-byte meta header" : "the flow key it must carry (50)"));
            headerEnd = Math.min(end, at + Math.max(META, length));
        } else if (headerEnd > end) {
            if (d.cutBySnaplen()) {
                d.snaplen(end);
            } else {
                d.expert(ExpertKind.DASH_LENGTH_OVERRUN, at + 2, 2, "length " + length + " runs past the "
                        + (end - at) + " bytes present");
            }
            headerEnd = end;
        }
        SyncMessage m = null;
        SyncPacket p = null;
        if (type >= TYPE_SYNC_REQ && type <= TYPE_PROBE_ACK) {
            p = d.slots.newPacket();
            fillPacket(p, type, at, end);
            m = d.slots.newClearedMessage(0);
        }
        int expertsBefore = d.expertCount;
        int pos = at + META;
        long actions = 0;
        boolean keyPresent = false;
        if (headerEnd - pos >= KEY && (carriesKey || length >= META + KEY)) {
            key(pos, m);
            keyPresent = true;
            pos += KEY;
            if (headerEnd - pos >= DATA) {
                actions = data(pos, m);
                pos += DATA;
                if (actions != 0 && headerEnd - pos >= OVERLAY) {
                    overlay(pos);
                    pos += OVERLAY;
                    if ((actions & 1) != 0 && headerEnd - pos >= ENCAP) {
                        encap(pos, true);
                        pos += ENCAP;
                    }
                    if ((actions & 2) != 0 && headerEnd - pos >= ENCAP) {
                        encap(pos, false);
                        pos += ENCAP;
                    }
                }
            }
        }
        if (pos != headerEnd && length >= META && headerEnd == at + length) {
            d.expert(ExpertKind.DASH_LENGTH_MISMATCH, pos, headerEnd - pos, "length " + length
                    + " disagrees with the trailers present, which end at " + (pos - at)
                    + (actions != 0 ? String.format(" (actions 0x%x)", actions) : ""));
        }
        f.close(headerEnd);
        if (headerEnd < end) {
            customerFrame(headerEnd, end, m);
        }
        if (p != null) {
            p.messageCount = keyPresent && type <= TYPE_SYNC_ACK ? 1 : 0;
            p.packetLength = end - at;
            p.malformed = d.expertCount > expertsBefore;
            d.events.onPacketStart(p);
            if (p.messageCount == 1) {
                d.events.onMessage(p, m);
            }
            d.events.onPacketEnd(p);
        }
    }

    private void fillPacket(SyncPacket p, int type, int at, int end) {
        p.frameNumber = d.frameNumber;
        p.timeNanos = d.timeNanos;
        p.wireLength = d.originalLength;
        p.datagramLength = end - at;
        p.dialect = Dialect.DASH;
        p.kind = switch (type) {
            case TYPE_SYNC_REQ -> PacketKind.REQUEST;
            case TYPE_SYNC_ACK -> PacketKind.REPLY;
            case TYPE_PROBE_REQ -> PacketKind.PROBE;
            default -> PacketKind.PROBE_REPLY;
        };
        p.replyRequested = type == TYPE_SYNC_REQ || type == TYPE_PROBE_REQ;
        d.readAddresses(p.source, p.destination);
        p.sourcePort = Math.max(0, d.srcPort);
        p.destinationPort = Math.max(0, d.dstPort);
        p.buffer = d.buffer;
        p.packetAt = at;
        p.opaqueAt = at; // DASH has no opaque: an empty range at the header
    }

    private void key(int at, SyncMessage m) {
        FrameBytes b = d.b;
        FieldSink f = d.fields;
        f.open(DashFields.KEY, at, KEY);
        int flags = u8(b, at + 45);
        boolean ipv6 = (flags & 1) != 0;
        int addrOffset = ipv6 ? 0 : 12;
        int addrLength = ipv6 ? 16 : 4;
        f.bytes(DashFields.KEY_ENI, at, 6);
        int vnet = u16(b, at + 6);
        f.uint(DashFields.KEY_VNET, at + 6, 2, vnet);
        f.bytes(DashFields.KEY_SRC, at + 8 + addrOffset, addrLength);
        f.bytes(DashFields.KEY_DST, at + 24 + addrOffset, addrLength);
        int sport = u16(b, at + 40);
        int dport = u16(b, at + 42);
        int proto = u8(b, at + 44);
        f.uint(DashFields.KEY_SRCPORT, at + 40, 2, sport);
        f.uint(DashFields.KEY_DSTPORT, at + 42, 2, dport);
        f.uint(DashFields.KEY_PROTO, at + 44, 1, proto);
        f.uint(DashFields.KEY_IPV6, at + 45, 1, ipv6 ? 1 : 0);
        if ((flags & 0xfe) != 0) {
            f.uint(DashFields.KEY_RESERVED, at + 45, 1, flags >>> 1);
            d.expert(ExpertKind.DASH_RESERVED_BITS, at + 45, 1, "reserved bits of the flow key are not zero");
        }
        if (!ipv6 && !(Bytes.allZero(b, at + 8, 12) && Bytes.allZero(b, at + 24, 12))) {
            d.expert(ExpertKind.DASH_RESERVED_BITS, at + 8, 32,
                    "an IPv4 key has non-zero bytes in front of its addresses");
        }
        f.close(-1);
        if (m != null) {
            m.type = MessageType.STATE;
            m.rawType = 1;
            m.op = u8(b, at - 3) & 15; // the subtype nibble of the meta header: FLOW_CREATE/UPDATE/DELETE = op 1/2/3
            m.eni = u48(b, at);
            m.vnet = vnet;
            m.ipv6 = ipv6;
            m.protocol = proto;
            m.source.read(b, at + 8 + addrOffset, addrLength);
            m.destination.read(b, at + 24 + addrOffset, addrLength);
            m.sourcePort = sport;
            m.destinationPort = dport;
            m.hasConnection = true;
            m.bodyPresent = true;
        }
    }

    private long data(int at, SyncMessage m) {
        FrameBytes b = d.b;
        FieldSink f = d.fields;
        f.open(DashFields.DATA, at, DATA);
        int first = u8(b, at);
        f.uint(DashFields.DATA_UNIDIRECTIONAL, at, 1, first & 1);
        if ((first & 0xfe) != 0) {
            f.uint(DashFields.DATA_RESERVED, at, 1, first >>> 1);
            d.expert(ExpertKind.DASH_RESERVED_BITS, at, 1, "reserved bits of the flow data are not zero");
        }
        int direction = u16(b, at + 1);
        f.uint(DashFields.DATA_DIRECTION, at + 1, 2, direction);
        long version = u32(b, at + 3);
        long actions = u32(b, at + 7);
        long meter = u32(b, at + 11);
        long idle = u32(b, at + 15);
        f.uint(DashFields.DATA_VERSION, at + 3, 4, version);
        f.uint(DashFields.DATA_ACTIONS, at + 7, 4, actions);
        f.uint(DashFields.DATA_METER_CLASS, at + 11, 4, meter);
        f.uint(DashFields.DATA_IDLE_TIMEOUT, at + 15, 4, idle);
        f.close(-1);
        if (m != null) {
            m.unidirectional = (first & 1) != 0;
            m.direction = direction;
            m.version = version;
            m.idleTimeoutMs = idle;
        }
        return actions;
    }

    private void overlay(int at) {
        FrameBytes b = d.b;
        FieldSink f = d.fields;
        f.open(DashFields.OVERLAY, at, OVERLAY);
        int flags = u8(b, at + 74);
        boolean ipv6 = (flags & 1) != 0;
        int off = ipv6 ? 0 : 12;
        int len = ipv6 ? 16 : 4;
        f.bytes(DashFields.OVERLAY_DMAC, at, 6);
        f.bytes(DashFields.OVERLAY_SIP, at + 6 + off, len);
        f.bytes(DashFields.OVERLAY_DIP, at + 22 + off, len);
        f.bytes(DashFields.OVERLAY_SIP_MASK, at + 38 + off, len);
        f.bytes(DashFields.OVERLAY_DIP_MASK, at + 54 + off, len);
        f.uint(DashFields.OVERLAY_SPORT, at + 70, 2, u16(b, at + 70));
        f.uint(DashFields.OVERLAY_DPORT, at + 72, 2, u16(b, at + 72));
        f.uint(DashFields.OVERLAY_IPV6, at + 74, 1, ipv6 ? 1 : 0);
        if ((flags & 0xfe) != 0) {
            d.expert(ExpertKind.DASH_RESERVED_BITS, at + 74, 1, "reserved bits of the overlay rewrite are not zero");
        }
        f.close(-1);
    }

    private void encap(int at, boolean first) {
        FrameBytes b = d.b;
        FieldSink f = d.fields;
        f.open(first ? DashFields.U0 : DashFields.U1, at, ENCAP);
        f.uint(first ? DashFields.U0_VNI : DashFields.U1_VNI, at, 3, u24(b, at));
        if (u8(b, at + 3) != 0) {
            d.expert(ExpertKind.DASH_RESERVED_BITS, at + 3, 1, "reserved byte of the underlay encap is not zero");
        }
        f.bytes(first ? DashFields.U0_SIP : DashFields.U1_SIP, at + 4, 4);
        f.bytes(first ? DashFields.U0_DIP : DashFields.U1_DIP, at + 8, 4);
        f.bytes(first ? DashFields.U0_SMAC : DashFields.U1_SMAC, at + 12, 6);
        f.bytes(first ? DashFields.U0_DMAC : DashFields.U1_DMAC, at + 18, 6);
        f.uint(first ? DashFields.U0_ENCAP : DashFields.U1_ENCAP, at + 24, 2, u16(b, at + 24));
        f.close(-1);
    }

    private void customerFrame(int at, int end, SyncMessage m) {
        FieldSink f = d.fields;
        f.open(DashFields.INNER, at, end - at);
        if (inner.parse(d.b, at, end, 1)) {
            HasyncDecoder.innerFields(d, inner, DashFields.INNER_SRC, DashFields.INNER_DST, DashFields.INNER_PROTO,
                    DashFields.INNER_SRCPORT, DashFields.INNER_DSTPORT, DashFields.INNER_TCP_FLAGS);
            if (m != null) {
                m.tcpFlags = inner.tcpFlags;
                m.frameAt = at;
                m.frameLength = end - at;
                m.originalFrameLength = end - at;
            }
        } else {
            d.expert(ExpertKind.INNER_MALFORMED, at, end - at, "customer frame: " + inner.problem);
        }
        f.close(-1);
    }
}
