package io.hascope.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file read through memory-mapped windows. One MappedByteBuffer cannot exceed 2 GiB, so a larger file is
 * walked window by window; a record that straddles a window's end causes a remap starting at that record.
 */
public final class MappedFileSource implements ByteSource {
    static final int DEFAULT_WINDOW = 256 << 20;
    private static final int PAGE = 4096;

    private final FileChannel channel;
    private final long size;
    private final String name;
    private final int windowSize;
    private ByteBuffer window;
    private long windowStart;
    private long windowEnd;

    public MappedFileSource(Path path) throws IOException {
        this(path, DEFAULT_WINDOW);
    }

    MappedFileSource(Path path, int windowSize) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
        this.name = path.toString();
        this.windowSize = windowSize;
        this.window = ByteBuffer.allocate(0);
    }

    @Override
    public boolean ensure(long pos, int len) throws IOException {
        long end = pos + len;
        if (pos >= windowStart && end <= windowEnd) {
            return true;
        }
        if (pos < 0 || len < 0 || end > size) {
            return false;
        }
        long start = pos - (pos % PAGE);
        long mapLen = Math.min(size - start, Math.max((long) windowSize, end - start));
        window = channel.map(FileChannel.MapMode.READ_ONLY, start, mapLen).order(ByteOrder.BIG_ENDIAN);
        windowStart = start;
        windowEnd = start + mapLen;
        return true;
    }

    @Override
    public boolean skipTo(long pos) {
        return pos <= size;
    }

    @Override
    public ByteBuffer buffer() {
        return window;
    }

    @Override
    public int index(long pos) {
        return (int) (pos - windowStart);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long available(long pos) {
        return Math.max(0, size - pos);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
