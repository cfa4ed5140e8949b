package io.hascope.live;

import io.hascope.capture.Frame;
import io.hascope.capture.FrameStore;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The frames of a live capture as a viewer sees them, appended by one thread (the session's file writer, so the
 * numbers are the file's) and read by another: a frame is visible once {@link #size()} counts it. Memory grows
 * with the capture; the file holds the same frames for when the capture is over.
 */
public final class LiveFrames implements FrameStore {
    private volatile byte[][] bytes = new byte[4096][];
    private volatile long[] times = new long[4096];
    private volatile int[] originalLengths = new int[4096];
    private final int linkType;
    private volatile int size;

    public LiveFrames(int linkType) {
        this.linkType = linkType;
    }

    /** Writer side: the next frame (number size + 1). */
    public void add(byte[] frame, long timeNanos, int originalLength) {
        int n = size;
        if (n == times.length) {
            // grow into new arrays and publish them before the size that makes the frame visible
            bytes = Arrays.copyOf(bytes, n * 2);
            times = Arrays.copyOf(times, n * 2);
            originalLengths = Arrays.copyOf(originalLengths, n * 2);
        }
        bytes[n] = frame;
        times[n] = timeNanos;
        originalLengths[n] = originalLength;
        size = n + 1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long timeNanos(int number) {
        return times[number - 1];
    }

    @Override
    public int capturedLength(int number) {
        return bytes[number - 1].length;
    }

    @Override
    public int originalLength(int number) {
        return originalLengths[number - 1];
    }

    @Override
    public Frame read(int number, Frame into) {
        byte[] b = bytes[number - 1];
        return into.set(ByteBuffer.wrap(b), 0, b.length, originalLengths[number - 1], times[number - 1], linkType,
                number);
    }
}
