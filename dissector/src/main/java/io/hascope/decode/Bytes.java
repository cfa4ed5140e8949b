package io.hascope.decode;

import io.hascope.capture.FrameBytes;

/** Unsigned big-endian reads at absolute positions. */
final class Bytes {
    private Bytes() {
    }

    static int u8(FrameBytes b, int at) {
        return b.get(at) & 0xff;
    }

    static int u16(FrameBytes b, int at) {
        return b.getShort(at) & 0xffff;
    }

    static int u24(FrameBytes b, int at) {
        return ((b.get(at) & 0xff) << 16) | (b.getShort(at + 1) & 0xffff);
    }

    static long u32(FrameBytes b, int at) {
        return b.getInt(at) & 0xffffffffL;
    }

    static long u48(FrameBytes b, int at) {
        return ((long) (b.getShort(at) & 0xffff) << 32) | (b.getInt(at + 2) & 0xffffffffL);
    }

    static boolean allZero(FrameBytes b, int at, int length) {
        for (int i = 0; i < length; i++) {
            if (b.get(at + i) != 0) {
                return false;
            }
        }
        return true;
    }
}
