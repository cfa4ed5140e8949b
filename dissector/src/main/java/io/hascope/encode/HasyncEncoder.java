package io.hascope.encode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds hasync v1 packets (spec §3) and reliable-transport headers (spec §2). Messages are encoded one by one and
 * then framed into a packet, so tests can also build the malformed packets the spec says a decoder must survive.
 */
public final class HasyncEncoder {
    public static final int STATE_UPDATE = 1;
    public static final int PACKET_UPDATE = 2;
    public static final int CAPABILITIES = 3;
    public static final int SNAPSHOT_MARK = 4;

    private HasyncEncoder() {
    }

    /** A message: type, opaque and body, framed as spec §3.1. */
    public static byte[] message(int type, byte[] opaque, byte[] body) {
        return ByteBuffer.allocate(4 + opaque.length + body.length).put((byte) type).put((byte) opaque.length)
                .putShort((short) body.length).put(opaque).put(body).array();
    }

    public static byte[] stateUpdate(StateUpdate s, byte[] opaque) {
        return message(STATE_UPDATE, opaque, stateBody(s));
    }

    public static byte[] stateBody(StateUpdate s) {
        if (s.source().length != s.destination().length || (s.source().length != 4 && s.source().length != 16)) {
            throw new IllegalArgumentException("addresses must both be IPv4 or both IPv6");
        }
        int flags = (s.ipv6() ? 1 : 0) | (s.unidirectional() ? 2 : 0) | ((s.direction() & 3) << 2);
        ByteBuffer b = ByteBuffer.allocate(s.bodyLength());
        b.put((byte) s.op()).put((byte) s.state()).put((byte) flags).put((byte) s.protocol());
        putMac(b, s.eni());
        b.putShort((short) s.vnet()).putInt((int) s.version()).putInt((int) s.idleTimeoutMs());
        b.put(s.source()).put(s.destination()).putShort((short) s.sourcePort()).putShort((short) s.destinationPort());
        return b.array();
    }

    public static byte[] packetUpdate(PacketUpdate p, byte[] opaque) {
        ByteBuffer b = ByteBuffer.allocate(16 + p.frame().length);
        b.put((byte) ((p.direction() & 3) | (p.cut() ? 4 : 0))).put((byte) p.frameType())
                .putShort((short) p.originalLength());
        putMac(b, p.eni());
        b.putShort((short) p.vnet()).putInt((int) p.version()).put(p.frame());
        return message(PACKET_UPDATE, opaque, b.array());
    }

    public static byte[] capabilities(int maxMessages, int maxBytes, boolean truncates, boolean packetUpdates,
                                      byte[] opaque) {
        ByteBuffer b = ByteBuffer.allocate(8).putShort((short) maxMessages).putShort((short) maxBytes)
                .put((byte) ((truncates ? 1 : 0) | (packetUpdates ? 2 : 0)));
        return message(CAPABILITIES, opaque, b.array());
    }

    public static byte[] snapshotMark(int phase, long round, long count, byte[] opaque) {
        ByteBuffer b = ByteBuffer.allocate(12).put((byte) phase).put(new byte[3]).putInt((int) round)
                .putInt((int) count);
        return message(SNAPSHOT_MARK, opaque, b.array());
    }

    /** The message as a truncating receiver echoes it: header and opaque, body dropped (length kept). */
    public static byte[] truncated(byte[] message) {
        int opaqueLength = message[1] & 0xff;
        byte[] out = new byte[4 + opaqueLength];
        System.arraycopy(message, 0, out, 0, out.length);
        return out;
    }

    /** Packet header flags (spec §3). */
    public record Flags(boolean reply, boolean replyRequested, boolean truncateOk, boolean truncated) {
        public static final Flags REQUEST = new Flags(false, false, false, false);
        public static final Flags REQUEST_Q = new Flags(false, true, false, false);
        public static final Flags REQUEST_QT = new Flags(false, true, true, false);

        int bits() {
            return (reply ? 0x80 : 0) | (replyRequested ? 0x40 : 0) | (truncateOk ? 0x20 : 0) | (truncated ? 0x10 : 0);
        }

        /** The flags of the reply to a request with these flags; truncated when the receiver truncates. */
        public Flags reply(boolean truncating) {
            return new Flags(true, replyRequested, truncateOk, truncateOk && truncating);
        }
    }

    /** A whole packet: the count is the number of messages given. */
    public static byte[] packet(Flags flags, int role, int term, byte[] opaque, List<byte[]> messages) {
        return packet(flags, role, term, opaque, messages, messages.size());
    }

    /** A whole packet with an explicit message count (which may disagree with the messages, for tests). */
    public static byte[] packet(Flags flags, int role, int term, byte[] opaque, List<byte[]> messages, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(0x10);
        out.write(flags.bits());
        out.write(count >>> 8);
        out.write(count);
        out.write(opaque.length);
        out.write(role);
        out.write(term >>> 8);
        out.write(term);
        out.writeBytes(opaque);
        for (byte[] m : messages) {
            out.writeBytes(m);
        }
        return out.toByteArray();
    }

    /** The reply a receiver sends to request (spec §4 step 3): same packet, R set, bodies dropped if truncating. */
    public static byte[] reply(byte[] request, boolean truncating) {
        boolean truncate = truncating && (request[1] & 0x20) != 0;
        ByteBuffer in = ByteBuffer.wrap(request);
        int count = in.getShort(2) & 0xffff;
        int opaqueLength = request[4] & 0xff;
        if (!truncate) {
            byte[] out = request.clone();
            out[1] = (byte) (out[1] | 0x80);
            return out;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(request.length);
        out.write(request, 0, 8 + opaqueLength);
        int pos = 8 + opaqueLength;
        for (int i = 0; i < count; i++) {
            int mOpaque = request[pos + 1] & 0xff;
            int body = in.getShort(pos + 2) & 0xffff;
            out.write(request, pos, 4 + mOpaque);
            pos += 4 + mOpaque + body;
        }
        byte[] reply = out.toByteArray();
        reply[1] = (byte) (reply[1] | 0x80 | 0x10);
        return reply;
    }

    /** A reliable-transport header (spec §2): type, 24-bit SEQ, reserved zero, 24-bit ACK. */
    public static byte[] transport(int type, int seq, int ack, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length);
        b.putInt((type << 24) | (seq & 0xffffff)).putInt(ack & 0xffffff).put(data);
        return b.array();
    }

    public static List<byte[]> list(byte[]... messages) {
        return new ArrayList<>(List.of(messages));
    }

    static void putMac(ByteBuffer b, long mac) {
        b.putShort((short) (mac >>> 32)).putInt((int) mac);
    }
}
