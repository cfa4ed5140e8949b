package io.hascope.capture;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A flyweight over the bytes of a capture buffer (mapped window or heap), read big-endian at absolute indexes, as
 * Agrona's UnsafeBuffer does: every read is checked against the buffer's capacity (so a decoder bug raises
 * IndexOutOfBoundsException, never reads outside the buffer), and then done with one unaligned load instead of
 * ByteBuffer's per-call machinery — about three times cheaper on the decoder's hot path (measured: 0.25 against
 * 0.72 ns per sequential read). Where sun.misc.Unsafe is not available it reads through the ByteBuffer.
 */
public final class FrameBytes {
    private static final sun.misc.Unsafe UNSAFE;
    private static final long BUFFER_ADDRESS;
    private static final long BYTE_ARRAY_BASE;
    private static final boolean FAST;
    private static final boolean SWAP = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    static {
        sun.misc.Unsafe unsafe = null;
        long address = -1;
        long arrayBase = -1;
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            unsafe = (sun.misc.Unsafe) f.get(null);
            address = unsafe.objectFieldOffset(Buffer.class.getDeclaredField("address"));
            arrayBase = unsafe.arrayBaseOffset(byte[].class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unsafe = null;
        }
        UNSAFE = unsafe;
        BUFFER_ADDRESS = address;
        BYTE_ARRAY_BASE = arrayBase;
        FAST = unsafe != null;
    }

    private ByteBuffer buffer;
    private Object base;
    private long baseOffset;
    private int capacity;

    /** Points this view at buffer (no copy). Cheap when it is the same buffer as before. */
    public FrameBytes wrap(ByteBuffer buffer) {
        if (buffer == this.buffer) {
            return this;
        }
        this.buffer = buffer;
        this.capacity = buffer.capacity();
        if (FAST) {
            if (buffer.isDirect()) {
                base = null;
                baseOffset = UNSAFE.getLong(buffer, BUFFER_ADDRESS);
            } else if (buffer.hasArray()) {
                base = buffer.array();
                baseOffset = BYTE_ARRAY_BASE + buffer.arrayOffset();
            } else {
                // a read-only heap buffer hides its array: read a private copy (nothing on the hot path makes one)
                byte[] copy = new byte[capacity];
                buffer.get(0, copy);
                base = copy;
                baseOffset = BYTE_ARRAY_BASE;
            }
        }
        return this;
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /** One branch for both ends: negative when index < 0 or index + size > capacity. */
    private void check(int index, int size) {
        if ((index | (capacity - size - index)) < 0) {
            throw new IndexOutOfBoundsException("read of " + size + " bytes at " + index + " in a buffer of " + capacity);
        }
    }

    public byte get(int index) {
        if (FAST) {
            check(index, 1);
            return UNSAFE.getByte(base, baseOffset + index);
        }
        return buffer.get(index);
    }

    public short getShort(int index) {
        if (FAST) {
            check(index, 2);
            short v = UNSAFE.getShort(base, baseOffset + index);
            return SWAP ? Short.reverseBytes(v) : v;
        }
        return buffer.getShort(index);
    }

    public int getInt(int index) {
        if (FAST) {
            check(index, 4);
            int v = UNSAFE.getInt(base, baseOffset + index);
            return SWAP ? Integer.reverseBytes(v) : v;
        }
        return buffer.getInt(index);
    }

    public long getLong(int index) {
        if (FAST) {
            check(index, 8);
            long v = UNSAFE.getLong(base, baseOffset + index);
            return SWAP ? Long.reverseBytes(v) : v;
        }
        return buffer.getLong(index);
    }
}
