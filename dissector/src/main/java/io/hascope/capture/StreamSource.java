package io.hascope.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * A capture read front to back through a reused buffer: standard input, a pipe, or a file scanned from start to end.
 * The buffer keeps the bytes from the last requested position on, compacting and growing as records require; frames
 * are views into it. For a whole-file pass this beats memory-mapped windows on these machines (page faults on 4 KiB
 * pages cost more than the kernel's copy: 0.77 s against 0.90 s for an 860 MB capture).
 * <p>
 * The buffer is direct, so a file channel's read is the kernel's one copy; into a heap array the JDK reads through a
 * temporary direct buffer and copies again (some 3 % of an analysis' profile).
 */
public final class StreamSource implements ByteSource {
    /**
     * Small enough that what a read copies in is still in the core's cache when it is decoded, and evicts less of
     * what the analysis keeps there (4 MiB: analysis 2 % slower, decoding the same; interleaved runs).
     */
    private static final int BUFFER_SIZE = 256 << 10;
    private final ReadableByteChannel in;
    private final String name;
    private final long size;
    private ByteBuffer buffer;
    private long bufferStart;
    private int filled;
    private boolean eof;

    public StreamSource(InputStream in, String name) {
        this(new StreamChannel(in), name, -1);
    }

    /** A file read from its start to its end. */
    public StreamSource(FileChannel file, String name) throws IOException {
        this(file, name, file.size());
    }

    private StreamSource(ReadableByteChannel in, String name, long size) {
        this.in = in;
        this.name = name;
        this.size = size;
        // a small file needs no more than itself (and a test opening hundreds of captures no 4 MiB each)
        this.buffer = ByteBuffer.allocateDirect(size < 0 ? BUFFER_SIZE : (int) Math.max(4096, Math.min(BUFFER_SIZE, size)));
    }

    @Override
    public boolean ensure(long pos, int len) throws IOException {
        if (pos < bufferStart || len < 0) {
            throw new IllegalStateException("stream sources read forward only");
        }
        long end = pos + len;
        if (end <= bufferStart + filled) {
            return true;
        }
        discardBefore(pos);
        int need = (int) (end - bufferStart);
        if (need > buffer.capacity()) {
            ByteBuffer grown = ByteBuffer.allocateDirect(Math.max(need, buffer.capacity() * 2));
            grown.put(0, buffer, 0, filled);
            buffer = grown;
        }
        ByteBuffer target = buffer.duplicate().limit(buffer.capacity());
        while (filled < need && !eof) {
            int n = in.read(target.position(filled));
            if (n < 0) {
                eof = true;
            } else {
                filled += n;
            }
        }
        return filled >= need;
    }

    @Override
    public boolean skipTo(long pos) throws IOException {
        if (pos <= bufferStart + filled) {
            return true;
        }
        long toSkip = pos - (bufferStart + filled);
        bufferStart += filled;
        filled = 0;
        if (in instanceof FileChannel file) {
            long skipped = Math.max(0, Math.min(toSkip, file.size() - file.position()));
            file.position(file.position() + skipped);
            toSkip -= skipped;
            bufferStart += skipped;
            eof = toSkip > 0;
            return toSkip == 0;
        }
        ByteBuffer target = buffer.duplicate();
        while (toSkip > 0 && !eof) {
            int n = in.read(target.clear().limit((int) Math.min(target.capacity(), toSkip)));
            if (n < 0) {
                eof = true;
                break;
            }
            toSkip -= n;
            bufferStart += n;
        }
        return toSkip == 0;
    }

    private void discardBefore(long pos) {
        int drop = (int) Math.min(pos - bufferStart, filled);
        if (drop > 0) {
            buffer.put(0, buffer, drop, filled - drop); // overlapping: copied as if through a temporary
            filled -= drop;
            bufferStart += drop;
        }
    }

    @Override
    public ByteBuffer buffer() {
        return buffer;
    }

    @Override
    public int index(long pos) {
        return (int) (pos - bufferStart);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long available(long pos) {
        return Math.max(0, bufferStart + filled - pos);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * A stream (standard input, a pipe) as a channel that reads as much as the buffer has room for: the JDK's
     * adapter ({@code Channels.newChannel}) reads 8 KiB at a time, a pipe gives up to 64 KiB a read.
     */
    private static final class StreamChannel implements ReadableByteChannel {
        private final InputStream in;
        private final byte[] chunk = new byte[BUFFER_SIZE];
        private boolean open = true;

        StreamChannel(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            int n = in.read(chunk, 0, Math.min(chunk.length, target.remaining()));
            if (n > 0) {
                target.put(chunk, 0, n);
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            open = false;
            in.close();
        }
    }
}
