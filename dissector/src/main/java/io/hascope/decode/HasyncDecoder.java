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
import io.hascope.event.TransportEvent;
import io.hascope.field.ExpertKind;
import io.hascope.field.Field;
import io.hascope.field.FieldSink;
import io.hascope.field.HasyncFields;

/** The reliable UDP transport (spec §2) and hasync v1 packets with their four message types (spec §3). */
final class HasyncDecoder {
    static final int VERSION_BYTE = 0x10;
    static final int HEADER = 8;
    static final int TRANSPORT_HEADER = 8;
    static final int MSG_HEADER = 4;
    static final int STATE_V4 = 32;
    static final int STATE_V6 = 56;
    static final int PACKET_FIXED = 16;
    static final int CAPABILITIES = 8;
    static final int SNAPSHOT = 12;

    /** Message type byte to its normalized type (spec §3.1). */
    private static final MessageType[] MESSAGE_TYPES = {MessageType.UNKNOWN, MessageType.STATE, MessageType.PACKET,
        MessageType.CAPABILITIES, MessageType.SNAPSHOT};

    private final Dissection d;
    private final CustomerFrame inner = new CustomerFrame();

    HasyncDecoder(Dissection d) {
        this.d = d;
    }

    /** Spec §6: a bare packet starts 0x10, a transport header 0..2 followed by one (DATA) or nothing. */
    boolean looksLikeHasync(int at, int end) {
        FrameBytes b = d.b;
        int length = end - at;
        if (length < 1) {
            return false;
        }
        int first = u8(b, at);
        if (first <= 2) {
            if (length < TRANSPORT_HEADER || u8(b, at + 4) != 0) {
                return false;
            }
            if (length == TRANSPORT_HEADER) {
                return first != 0;
            }
            return first == 0 && plausiblePacket(at + TRANSPORT_HEADER, end);
        }
        return plausiblePacket(at, end);
    }

    private boolean plausiblePacket(int at, int end) {
        FrameBytes b = d.b;
        if (end - at < HEADER || u8(b, at) != VERSION_BYTE || (u8(b, at + 1) & 0x0f) != 0) {
            return false;
        }
        int count = u16(b, at + 2);
        int pos = at + HEADER + u8(b, at + 4);
        boolean truncated = (u8(b, at + 1) & 0x90) == 0x90;
        for (int i = 0; i < count; i++) {
            if (pos + MSG_HEADER > end) {
                return false;
            }
            pos += MSG_HEADER + u8(b, pos + 1) + (truncated ? 0 : u16(b, pos + 2));
            if (pos > end) {
                return false;
            }
        }
        return pos == end;
    }

    void decodeDatagram(int at, int end) {
        int first = u8(d.b, at);
        if (first <= 2) {
            transport(at, end);
        } else if ((first >>> 4) == 1) {
            packet(at, end, false, 0, 0);
        } else {
            d.expert(ExpertKind.HASYNC_NOT_HASYNC, at, end - at, String.format(
                    "first byte 0x%02x is neither a transport type (0-2) nor hasync version 1", first));
        }
    }

    private void transport(int at, int end) {
        FrameBytes b = d.b;
        FieldSink f = d.fields;
        f.open(HasyncFields.RUDP, at, TRANSPORT_HEADER);
        if (!d.need(at, TRANSPORT_HEADER, end, ExpertKind.RUDP_SHORT, "reliable-transport header")) {
            f.close(-1);
            return;
        }
        int type = u8(b, at);
        int seq = u24(b, at + 1);
        int reserved = u8(b, at + 4);
        int ack = u24(b, at + 5);
        f.uint(HasyncFields.RUDP_TYPE, at, 1, type);
        f.uint(HasyncFields.RUDP_SEQ, at + 1, 3, seq);
        f.uint(HasyncFields.RUDP_RESERVED, at + 4, 1, reserved);
        f.uint(HasyncFields.RUDP_ACK, at + 5, 3, ack);
        if (reserved != 0) {
            d.expert(ExpertKind.RUDP_RESERVED_BITS, at + 4, 1, "reserved transport byte is " + reserved);
        }
        int data = at + TRANSPORT_HEADER;
        f.close(-1);
        TransportEvent t = d.slots.transport;
        t.frameNumber = d.frameNumber;
        t.timeNanos = d.timeNanos;
        d.readAddresses(t.source, t.destination);
        t.sourcePort = d.srcPort;
        t.destinationPort = d.dstPort;
        t.type = type;
        t.seq = seq;
        t.ack = ack;
        d.events.onTransport(t);
        if (type == TransportEvent.DATA) {
            if (data >= end) {
                if (d.snaplenClipped) {
                    d.snaplen(data);
                } else {
                    d.expert(ExpertKind.RUDP_NO_DATA, at, TRANSPORT_HEADER, "DATA " + seq + " carries no hasync packet");
                }
            } else if (u8(b, data) >>> 4 == 1) {
                packet(data, end, true, seq, ack);
            } else {
                d.expert(ExpertKind.HASYNC_NOT_HASYNC, data, end - data, String.format(
                        "DATA %d carries 0x%02x where a hasync version 1 packet should start", seq, u8(b, data)));
            }
        } else if (data < end) {
            d.expert(ExpertKind.RUDP_UNEXPECTED_PAYLOAD, data, end - data,
                    (type == TransportEvent.KEEPALIVE ? "KEEPALIVE" : "NACK") + " carries " + (end - data)
                            + " bytes of data");
        }
    }

    private void packet(int at, int end, boolean hasTransport, int seq, int ack) {
        FrameBytes b = d.b;
        FieldSink f = d.fields;
        f.open(HasyncFields.HASYNC, at, end - at);
        if (!d.need(at, HEADER, end, ExpertKind.HASYNC_SHORT_HEADER, "hasync header")) {
            f.close(-1);
            return;
        }
        int b0 = u8(b, at);
        int b1 = u8(b, at + 1);
        int count = u16(b, at + 2);
        int opaqueLength = u8(b, at + 4);
        int role = u8(b, at + 5);
        int term = u16(b, at + 6);
        boolean reply = (b1 & 0x80) != 0;
        boolean replyRequested = (b1 & 0x40) != 0;
        boolean truncateOk = (b1 & 0x20) != 0;
        boolean truncated = (b1 & 0x10) != 0;
        int reserved = ((b0 & 0x0f) << 4) | (b1 & 0x0f);
        f.uint(HasyncFields.VERSION, at, 1, b0 >>> 4);
        f.uint(HasyncFields.RESERVED, at, 2, reserved);
        f.uint(HasyncFields.FLAGS_REPLY, at + 1, 1, reply ? 1 : 0);
        f.uint(HasyncFields.FLAGS_REPLY_REQUESTED, at + 1, 1, replyRequested ? 1 : 0);
        f.uint(HasyncFields.FLAGS_TRUNCATE_OK, at + 1, 1, truncateOk ? 1 : 0);
        f.uint(HasyncFields.FLAGS_TRUNCATED, at + 1, 1, truncated ? 1 : 0);
        f.uint(HasyncFields.MSG_COUNT, at + 2, 2, count);
        f.uint(HasyncFields.OPAQUE_LEN, at + 4, 1, opaqueLength);
        f.uint(HasyncFields.ROLE, at + 5, 1, role);
        f.uint(HasyncFields.TERM, at + 6, 2, term);
        if (reserved != 0) {
            d.expert(ExpertKind.HASYNC_RESERVED_BITS, at, 2, String.format("reserved header bits are 0x%02x", reserved));
        }
        if (role > 4) {
            d.expert(ExpertKind.HASYNC_UNKNOWN_VALUE, at + 5, 1, "sender role " + role + " is not defined");
        }
        if (truncated && !reply) {
            d.expert(ExpertKind.HASYNC_TRUNCATED_REQUEST, at + 1, 1, "TRUNCATED (X) is set on a request");
        }
        int pos = at + HEADER;
        boolean opaqueFits = d.need(pos, opaqueLength, end, ExpertKind.HASYNC_OPAQUE_OVERRUN, "packet opaque");
        f.bytes(HasyncFields.OPAQUE, pos, opaqueFits ? opaqueLength : 0);

        SyncPacket p = d.slots.newPacket();
        p.frameNumber = d.frameNumber;
        p.timeNanos = d.timeNanos;
        p.wireLength = d.originalLength;
        p.datagramLength = end - at + (hasTransport ? TRANSPORT_HEADER : 0);
        p.dialect = Dialect.HASYNC;
        p.kind = reply ? PacketKind.REPLY : PacketKind.REQUEST;
        d.readAddresses(p.source, p.destination);
        p.sourcePort = d.srcPort;
        p.destinationPort = d.dstPort;
        p.replyRequested = replyRequested;
        p.truncateOk = truncateOk;
        p.truncated = truncated;
        p.messageCount = count;
        p.buffer = d.buffer;
        p.opaqueAt = pos;
        p.opaqueLength = opaqueFits ? opaqueLength : 0;
        p.role = role;
        p.term = term;
        p.hasTransport = hasTransport;
        p.transportSeq = seq;
        p.transportAck = ack;
        p.packetAt = at;
        p.packetLength = end - at;
        int expertsBefore = d.expertCount;
        if (!opaqueFits) {
            p.malformed = true;
            d.events.onPacketStart(p);
            d.events.onPacketEnd(p);
            f.close(-1);
            return;
        }
        d.events.onPacketStart(p);
        pos += opaqueLength;
        boolean bodiesAbsent = reply && truncated;
        int i = 0;
        for (; i < count; i++) {
            if (pos >= end) {
                if (d.snaplenClipped) {
                    d.snaplen(pos);
                } else {
                    d.expert(ExpertKind.HASYNC_COUNT_MISMATCH, at + 2, 2, "message count says " + count
                            + " but the datagram holds " + i);
                }
                break;
            }
            int next = message(pos, end, i, bodiesAbsent, p);
            if (next < 0) {
                break;
            }
            pos = next;
        }
        if (i == count && pos < end) {
            d.expert(ExpertKind.HASYNC_TRAILING_BYTES, pos, end - pos, (end - pos)
                    + " bytes follow the last of " + count + " messages");
        }
        p.malformed = d.expertCount > expertsBefore;
        d.events.onPacketEnd(p);
        f.close(-1);
    }

    /** Decodes message i at pos; returns where the next one starts, or -1 when the rest cannot be framed. */
    private int message(int pos, int end, int index, boolean bodiesAbsent, SyncPacket p) {
        FrameBytes b = d.b;
        FieldSink f = d.fields;
        f.open(HasyncFields.MSG, pos, Math.min(MSG_HEADER, end - pos));
        if (!d.needInMessage(pos, MSG_HEADER, end, ExpertKind.HASYNC_MSG_HEADER_OVERRUN, "header", index)) {
            f.close(-1);
            return -1;
        }
        int header = b.getInt(pos); // type, opaque length, body length in one read: this is the hot path
        int type = header >>> 24;
        int opaqueLength = (header >>> 16) & 0xff;
        int bodyLength = header & 0xffff;
        f.uint(HasyncFields.MSG_TYPE, pos, 1, type);
        f.uint(HasyncFields.MSG_OPAQUE_LEN, pos + 1, 1, opaqueLength);
        f.uint(HasyncFields.MSG_BODY_LEN, pos + 2, 2, bodyLength);
        int opaqueAt = pos + MSG_HEADER;
        // the usual case in one comparison: the whole message lies within the datagram
        boolean fits = opaqueAt + opaqueLength + (bodiesAbsent ? 0 : bodyLength) <= end;
        if (!fits && !d.needInMessage(opaqueAt, opaqueLength, end, ExpertKind.HASYNC_MSG_OVERRUN, "opaque", index)) {
            f.bytes(HasyncFields.MSG_OPAQUE, opaqueAt, 0);
            f.close(end);
            return -1;
        }
        f.bytes(HasyncFields.MSG_OPAQUE, opaqueAt, opaqueLength);
        int bodyAt = opaqueAt + opaqueLength;
        SyncMessage m = d.slots.newMessage(index);
        m.rawType = type;
        m.type = type < MESSAGE_TYPES.length ? MESSAGE_TYPES[type] : MessageType.UNKNOWN;
        m.opaqueAt = opaqueAt;
        m.opaqueLength = opaqueLength;
        m.bodyLength = bodyLength;
        if (bodiesAbsent) {
            f.close(bodyAt);
            if (m.type == MessageType.UNKNOWN) {
                d.expert(ExpertKind.HASYNC_UNKNOWN_MSG_TYPE, pos, 1, "message type " + type + " is reserved");
            }
            d.events.onMessage(p, m);
            return bodyAt;
        }
        if (!fits && !d.needInMessage(bodyAt, bodyLength, end, ExpertKind.HASYNC_MSG_OVERRUN, "body", index)) {
            f.close(end);
            return -1;
        }
        int bodyEnd = bodyAt + bodyLength;
        m.bodyPresent = true;
        switch (m.type) {
            case STATE -> stateUpdate(bodyAt, bodyEnd, m);
            case PACKET -> packetUpdate(bodyAt, bodyEnd, m);
            case CAPABILITIES -> capabilities(bodyAt, bodyEnd, m);
            case SNAPSHOT -> snapshotMark(bodyAt, bodyEnd, m);
            default -> {
                d.expert(ExpertKind.HASYNC_UNKNOWN_MSG_TYPE, pos, 1, "message type " + type
                        + " is reserved; its " + bodyLength + " body bytes are skipped");
                f.bytes(HasyncFields.MSG_BODY, bodyAt, bodyLength);
            }
        }
        f.close(bodyEnd);
        d.events.onMessage(p, m);
        return bodyEnd;
    }

    private boolean bodyFits(int at, int end, int needed, String what) {
        if (end - at >= needed) {
            return true;
        }
        d.expert(ExpertKind.HASYNC_SHORT_BODY, at, end - at, what + " body needs " + needed + " bytes but has "
                + (end - at));
        d.fields.bytes(HasyncFields.MSG_BODY, at, end - at);
        return false;
    }

    private void extension(int at, int end, String what) {
        if (at < end) {
            d.fields.bytes(HasyncFields.MSG_EXTENSION, at, end - at);
            d.expert(ExpertKind.HASYNC_BODY_EXTENSION, at, end - at, what + " body has " + (end - at)
                    + " bytes past its layout (extensions, skipped)");
        }
    }

    private void enumValue(Field field, int at, int value, int max, String what) {
        d.fields.uint(field, at, 1, value);
        if (value > max || (value == 0 && field != HasyncFields.STATE_CONN_STATE)) {
            d.expert(ExpertKind.HASYNC_UNKNOWN_VALUE, at, 1, what + " " + value + " is not defined");
        }
    }

    private void stateUpdate(int at, int end, SyncMessage m) {
        FieldSink f = d.fields;
        FrameBytes b = d.b;
        f.open(HasyncFields.STATE, at, end - at);
        if (end - at < 3 || !bodyFits(at, end, (u8(b, at + 2) & 1) != 0 ? STATE_V6 : STATE_V4, "STATE_UPDATE")) {
            if (end - at < 3) {
                bodyFits(at, end, STATE_V4, "STATE_UPDATE");
            }
            f.close(-1);
            return;
        }
        // Wide reads (SBE-style): the 32- or 56-byte body in five or eight big-endian loads, fields split in registers.
        int word0 = b.getInt(at);
        int op = word0 >>> 24;
        int state = (word0 >>> 16) & 0xff;
        int flags = (word0 >>> 8) & 0xff;
        long eniVnet = b.getLong(at + 4);
        long versionIdle = b.getLong(at + 12);
        boolean ipv6 = (flags & 1) != 0;
        int addr = ipv6 ? 16 : 4;
        int srcAt = at + 20;
        int dstAt = srcAt + addr;
        int ports = b.getInt(dstAt + addr);
        if (op == 0 || op > 4 || state > 8 || (flags & 0xf0) != 0 || ((flags >>> 2) & 3) == 3 || d.recordsFields) {
            showStateUpdate(at, end, word0, eniVnet, versionIdle, srcAt, dstAt, ports);
        }
        extension(dstAt + addr + 4, end, "STATE_UPDATE");
        f.close(-1);
        m.op = op;
        m.connectionState = state;
        m.ipv6 = ipv6;
        m.unidirectional = (flags & 2) != 0;
        m.direction = (flags >>> 2) & 3;
        m.protocol = word0 & 0xff;
        m.eni = eniVnet >>> 16;
        m.vnet = (int) (eniVnet & 0xffff);
        m.version = versionIdle >>> 32;
        m.idleTimeoutMs = versionIdle & 0xffffffffL;
        if (ipv6) {
            m.source.read(b, srcAt, 16);
            m.destination.read(b, dstAt, 16);
        } else {
            long addresses = b.getLong(srcAt);
            m.source.setIpv4((int) (addresses >>> 32));
            m.destination.setIpv4((int) addresses);
        }
        m.sourcePort = ports >>> 16;
        m.destinationPort = ports & 0xffff;
        m.tcpFlags = -1;
        m.hasConnection = true;
    }

    /**
     * The fields and findings of a STATE_UPDATE body: for the tree, or whenever a value is out of range (findings
     * are filed on every path). The event path with a clean body skips this entirely.
     */
    private void showStateUpdate(int at, int end, int word0, long eniVnet, long versionIdle, int srcAt, int dstAt,
                                 int ports) {
        FieldSink f = d.fields;
        int op = word0 >>> 24;
        int state = (word0 >>> 16) & 0xff;
        int flags = (word0 >>> 8) & 0xff;
        int direction = (flags >>> 2) & 3;
        int addr = dstAt - srcAt;
        int portsAt = dstAt + addr;
        enumValue(HasyncFields.STATE_OP, at, op, 4, "op");
        enumValue(HasyncFields.STATE_CONN_STATE, at + 1, state, 8, "connection state");
        f.uint(HasyncFields.STATE_FLAGS, at + 2, 1, flags);
        f.uint(HasyncFields.STATE_IPV6, at + 2, 1, flags & 1);
        f.uint(HasyncFields.STATE_UNIDIRECTIONAL, at + 2, 1, (flags >>> 1) & 1);
        f.uint(HasyncFields.STATE_DIRECTION, at + 2, 1, direction);
        if (direction == 3) {
            d.expert(ExpertKind.HASYNC_UNKNOWN_VALUE, at + 2, 1, "direction 3 is not defined");
        }
        if ((flags & 0xf0) != 0) {
            f.uint(HasyncFields.STATE_FLAGS_RESERVED, at + 2, 1, flags >>> 4);
            d.expert(ExpertKind.HASYNC_RESERVED_BITS, at + 2, 1,
                    String.format("reserved flag bits of the update are 0x%02x", flags & 0xf0));
        }
        f.uint(HasyncFields.STATE_PROTO, at + 3, 1, word0 & 0xff);
        f.bytes(HasyncFields.STATE_ENI, at + 4, 6);
        f.uint(HasyncFields.STATE_VNET, at + 10, 2, eniVnet & 0xffff);
        f.uint(HasyncFields.STATE_VERSION, at + 12, 4, versionIdle >>> 32);
        f.uint(HasyncFields.STATE_IDLE_TIMEOUT, at + 16, 4, versionIdle & 0xffffffffL);
        f.bytes(HasyncFields.STATE_SRC, srcAt, addr);
        f.bytes(HasyncFields.STATE_DST, dstAt, addr);
        f.uint(HasyncFields.STATE_SRCPORT, portsAt, 2, ports >>> 16);
        f.uint(HasyncFields.STATE_DSTPORT, portsAt + 2, 2, ports & 0xffff);
    }

    private void packetUpdate(int at, int end, SyncMessage m) {
        FieldSink f = d.fields;
        FrameBytes b = d.b;
        f.open(HasyncFields.PKT, at, end - at);
        if (!bodyFits(at, end, PACKET_FIXED, "PACKET_UPDATE")) {
            f.close(-1);
            return;
        }
        int flags = u8(b, at);
        int direction = flags & 3;
        boolean cut = (flags & 4) != 0;
        int frameType = u8(b, at + 1);
        int originalLength = u16(b, at + 2);
        f.uint(HasyncFields.PKT_FLAGS, at, 1, flags);
        f.uint(HasyncFields.PKT_DIRECTION, at, 1, direction);
        f.uint(HasyncFields.PKT_CUT, at, 1, cut ? 1 : 0);
        if (direction == 3) {
            d.expert(ExpertKind.HASYNC_UNKNOWN_VALUE, at, 1, "direction 3 is not defined");
        }
        if ((flags & 0xf8) != 0) {
            d.expert(ExpertKind.HASYNC_RESERVED_BITS, at, 1,
                    String.format("reserved flag bits of the packet update are 0x%02x", flags & 0xf8));
        }
        enumValue(HasyncFields.PKT_FRAME_TYPE, at + 1, frameType, 2, "frame type");
        f.uint(HasyncFields.PKT_ORIG_LEN, at + 2, 2, originalLength);
        f.bytes(HasyncFields.PKT_ENI, at + 4, 6);
        int vnet = u16(b, at + 10);
        f.uint(HasyncFields.PKT_VNET, at + 10, 2, vnet);
        long version = u32(b, at + 12);
        f.uint(HasyncFields.PKT_VERSION, at + 12, 4, version);
        int frameAt = at + PACKET_FIXED;
        int frameLength = end - frameAt;
        f.bytes(HasyncFields.PKT_FRAME, frameAt, frameLength);
        if (frameLength > originalLength) {
            d.expert(ExpertKind.HASYNC_PKT_LENGTH, at + 2, 2, "carried frame has " + frameLength
                    + " bytes but its original length is " + originalLength);
        }
        m.op = 0;
        m.connectionState = -1;
        m.tcpFlags = -1;
        m.direction = direction;
        m.frameCut = cut;
        m.originalFrameLength = originalLength;
        m.eni = u48(b, at + 4);
        m.vnet = vnet;
        m.version = version;
        m.frameAt = frameAt;
        m.frameLength = frameLength;
        if (inner.parse(b, frameAt, end, frameType)) {
            innerFields(d, inner, HasyncFields.PKT_SRC, HasyncFields.PKT_DST, HasyncFields.PKT_PROTO,
                    HasyncFields.PKT_SRCPORT, HasyncFields.PKT_DSTPORT, HasyncFields.PKT_TCP_FLAGS);
            fillConnection(m);
        } else if (frameType == 1 || frameType == 2) {
            d.expert(ExpertKind.INNER_MALFORMED, frameAt, frameLength, "carried frame: " + inner.problem);
        }
        f.close(-1);
    }

    static void innerFields(Dissection d, CustomerFrame inner, Field src, Field dst, Field proto, Field sport,
                            Field dport, Field flags) {
        FieldSink f = d.fields;
        f.bytes(src, inner.srcAt, inner.addressLength);
        f.bytes(dst, inner.dstAt, inner.addressLength);
        f.uint(proto, inner.protocolAt, 1, inner.protocol);
        if (inner.srcPort >= 0) {
            f.uint(sport, inner.portsAt, 2, inner.srcPort);
            f.uint(dport, inner.portsAt + 2, 2, inner.dstPort);
        }
        if (inner.tcpFlags >= 0) {
            f.uint(flags, inner.tcpFlagsAt, 1, inner.tcpFlags);
        }
    }

    private void fillConnection(SyncMessage m) {
        FrameBytes b = d.b;
        m.ipv6 = inner.addressLength == 16;
        m.protocol = inner.protocol;
        m.source.read(b, inner.srcAt, inner.addressLength);
        m.destination.read(b, inner.dstAt, inner.addressLength);
        m.sourcePort = Math.max(0, inner.srcPort);
        m.destinationPort = Math.max(0, inner.dstPort);
        m.tcpFlags = inner.tcpFlags;
        m.unidirectional = false;
        m.idleTimeoutMs = 0;
        m.hasConnection = true;
    }

    private void capabilities(int at, int end, SyncMessage m) {
        FieldSink f = d.fields;
        FrameBytes b = d.b;
        f.open(HasyncFields.CAP, at, end - at);
        if (!bodyFits(at, end, CAPABILITIES, "CAPABILITIES")) {
            f.close(-1);
            return;
        }
        int maxMessages = u16(b, at);
        long maxBytes = u16(b, at + 2);
        int flags = u8(b, at + 4);
        f.uint(HasyncFields.CAP_MAX_MSGS, at, 2, maxMessages);
        if (maxMessages == 0) {
            d.expert(ExpertKind.HASYNC_UNKNOWN_VALUE, at, 2, "max messages per packet is 0 (N must be at least 1)");
        }
        f.uint(HasyncFields.CAP_MAX_BYTES, at + 2, 2, maxBytes);
        f.uint(HasyncFields.CAP_FLAGS, at + 4, 1, flags);
        f.uint(HasyncFields.CAP_TRUNCATION, at + 4, 1, flags & 1);
        f.uint(HasyncFields.CAP_PACKET_UPDATES, at + 4, 1, (flags >>> 1) & 1);
        f.uint(HasyncFields.CAP_RESERVED, at + 5, 3, u24(b, at + 5));
        if ((flags & 0xfc) != 0 || u24(b, at + 5) != 0) {
            d.expert(ExpertKind.HASYNC_RESERVED_BITS, at + 4, 4, "reserved capability bits are not zero");
        }
        extension(at + CAPABILITIES, end, "CAPABILITIES");
        f.close(-1);
        m.maxMessages = maxMessages;
        m.maxBytes = maxBytes;
        m.truncates = (flags & 1) != 0;
        m.acceptsPacketUpdates = (flags & 2) != 0;
    }

    private void snapshotMark(int at, int end, SyncMessage m) {
        FieldSink f = d.fields;
        FrameBytes b = d.b;
        f.open(HasyncFields.SNAP, at, end - at);
        if (!bodyFits(at, end, SNAPSHOT, "SNAPSHOT_MARK")) {
            f.close(-1);
            return;
        }
        int phase = u8(b, at);
        enumValue(HasyncFields.SNAP_PHASE, at, phase, 2, "snapshot phase");
        int reserved = u24(b, at + 1);
        f.uint(HasyncFields.SNAP_RESERVED, at + 1, 3, reserved);
        if (reserved != 0) {
            d.expert(ExpertKind.HASYNC_RESERVED_BITS, at + 1, 3, "reserved snapshot bytes are not zero");
        }
        long round = u32(b, at + 4);
        long count = u32(b, at + 8);
        f.uint(HasyncFields.SNAP_ROUND, at + 4, 4, round);
        f.uint(HasyncFields.SNAP_COUNT, at + 8, 4, count);
        extension(at + SNAPSHOT, end, "SNAPSHOT_MARK");
        f.close(-1);
        m.snapshotPhase = phase;
        m.snapshotRound = round;
        m.snapshotCount = count;
    }
}
