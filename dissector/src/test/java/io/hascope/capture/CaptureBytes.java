package io.hascope.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds capture files byte by byte, independently of the project's writers, for reader tests. */
final class CaptureBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;

    CaptureBytes(ByteOrder order) {
        this.order = order;
    }

    private ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    CaptureBytes pcapHeader(int magic, int snap, int linkType) {
        out.writeBytes(buf(24).putInt(magic).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(snap).putInt(linkType).array());
        return this;
    }

    CaptureBytes pcapRecord(long seconds, long fraction, byte[] data, int originalLength) {
        out.writeBytes(buf(16).putInt((int) seconds).putInt((int) fraction).putInt(data.length)
                .putInt(originalLength).array());
        out.writeBytes(data);
        return this;
    }

    CaptureBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    CaptureBytes sectionHeader(String comment) {
        byte[] opts = comment == null ? new byte[0] : options(1, comment.getBytes(StandardCharsets.UTF_8));
        return block(0x0A0D0D0A, buf(16 + opts.length).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                .putLong(-1).put(opts).array());
    }

    /** tsresol < 0 leaves the option out (µs); tsoffset 0 leaves it out. */
    CaptureBytes interfaceBlock(int linkType, int snap, int tsresol, long tsoffset, String name) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        if (name != null) {
            o.writeBytes(option(2, name.getBytes(StandardCharsets.UTF_8)));
        }
        if (tsresol >= 0) {
            o.writeBytes(option(9, new byte[] {(byte) tsresol}));
        }
        if (tsoffset != 0) {
            o.writeBytes(option(14, buf(8).putLong(tsoffset).array()));
        }
        if (o.size() > 0) {
            o.writeBytes(buf(4).array());
        }
        byte[] opts = o.toByteArray();
        return block(1, buf(8 + opts.length).putShort((short) linkType).putShort((short) 0).putInt(snap)
                .put(opts).array());
    }

    CaptureBytes enhanced(int iface, long ts, byte[] data, int originalLength, String comment) {
        byte[] opts = comment == null ? new byte[0] : options(1, comment.getBytes(StandardCharsets.UTF_8));
        return block(6, buf(20 + pad(data.length) + opts.length).putInt(iface).putInt((int) (ts >>> 32))
                .putInt((int) ts).putInt(data.length).putInt(originalLength).put(data)
                .position(20 + pad(data.length)).put(opts).array());
    }

    CaptureBytes simple(byte[] data, int originalLength) {
        return block(3, buf(4 + pad(data.length)).putInt(originalLength).put(data).array());
    }

    CaptureBytes obsolete(int iface, long ts, byte[] data) {
        return block(2, buf(20 + pad(data.length)).putShort((short) iface).putShort((short) 0)
                .putInt((int) (ts >>> 32)).putInt((int) ts).putInt(data.length).putInt(data.length).put(data).array());
    }

    CaptureBytes block(int type, byte[] body) {
        int length = 12 + pad(body.length);
        ByteBuffer b = buf(length).putInt(type).putInt(length).put(body);
        b.position(length - 4);
        b.putInt(length);
        out.writeBytes(b.array());
        return this;
    }

    private byte[] option(int code, byte[] value) {
        return buf(4 + pad(value.length)).putShort((short) code).putShort((short) value.length).put(value).array();
    }

    private byte[] options(int code, byte[] value) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(option(code, value));
        o.writeBytes(buf(4).array());
        return o.toByteArray();
    }

    static int pad(int n) {
        return (n + 3) & ~3;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
