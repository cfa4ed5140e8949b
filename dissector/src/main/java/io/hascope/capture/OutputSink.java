package io.hascope.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A large write buffer in front of an output stream. When it writes a file it writes "NAME.partial" and renames it
 * on close, so a reader never sees half a capture under the final name. The buffer only ever holds whole records,
 * so when a write fails (a full disk) the file can still be cut back to its last whole record and published.
 */
public final class OutputSink {
    private final OutputStream out;
    private final FileChannel file;
    private final Path partial;
    private final Path target;
    final ByteBuffer buffer;
    /** Bytes and frame records known to be in the file. */
    private long durableBytes;
    private long durableRecords;
    private long bufferedRecords;
    /** Where each frame record in the buffer ends (for salvage: a failed write may have stored some of them). */
    private int[] recordEnds = new int[4096];

    OutputSink(OutputStream out, ByteOrder order) {
        this.out = out;
        this.file = null;
        this.partial = null;
        this.target = null;
        this.buffer = ByteBuffer.allocate(1 << 20).order(order);
    }

    OutputSink(Path target, ByteOrder order) throws IOException {
        this.target = target.toAbsolutePath();
        this.partial = this.target.resolveSibling(this.target.getFileName() + ".partial");
        this.file = openPartial(partial, this.target);
        this.out = Channels.newOutputStream(file);
        this.buffer = ByteBuffer.allocate(1 << 20).order(order);
    }

    /**
     * Opens NAME.partial for writing; a failure names the file asked for and why, not the temporary name (the
     * folder missing, no right to write there).
     */
    public static FileChannel openPartial(Path partial, Path target) throws IOException {
        try {
            return FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(target + ": its folder does not exist", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException(target + ": no permission to write there", e);
        }
    }

    void reserve(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flush();
            if (buffer.remaining() < bytes) {
                throw new IOException("record of " + bytes + " bytes is larger than the write buffer");
            }
        }
    }

    /** The record just put in the buffer was a frame (counted, so a salvaged file can say how many it kept). */
    void frameWritten() {
        if (bufferedRecords == recordEnds.length) {
            recordEnds = java.util.Arrays.copyOf(recordEnds, recordEnds.length * 2);
        }
        recordEnds[(int) bufferedRecords++] = buffer.position();
    }

    void flush() throws IOException {
        if (file != null) {
            ByteBuffer pending = ByteBuffer.wrap(buffer.array(), 0, buffer.position());
            long at = durableBytes;
            while (pending.hasRemaining()) {
                // a failure leaves the bytes before it in the file (salvage keeps their frames); written at their
                // place, not the channel's position, a flush tried again after a failure writes them there again
                at += file.write(pending, at);
            }
        } else {
            out.write(buffer.array(), 0, buffer.position());
        }
        durableBytes += buffer.position();
        durableRecords += bufferedRecords;
        bufferedRecords = 0;
        buffer.clear();
    }

    /** Where the next record starts in the output: the bytes flushed and those buffered. */
    long position() {
        return durableBytes + buffer.position();
    }

    /** The file as it is named while written (NAME.partial), or null when the output is a stream. */
    Path partialFile() {
        return partial;
    }

    long framesInFile() {
        return durableRecords;
    }

    private boolean closed;

    void close() throws IOException {
        if (closed) {
            return;
        }
        // closed only once published: a close that fails (the disk full at the last flush, the heap out) leaves
        // salvage the file to cut back and publish
        flush();
        out.close();
        if (partial != null) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        closed = true;
    }

    /**
     * After a failed write: cuts the file back to the last whole record that reached it, publishes it under its
     * name, and returns how many frames it holds. Frames still in the buffer are lost. -1 when it is not a file.
     */
    long salvage() {
        if (closed || file == null) {
            return -1;
        }
        closed = true;
        try {
            if (file.isOpen()) { // else a close got as far as closing it: every byte flushed is in it
                long stored = file.size() - durableBytes; // of the buffer whose write failed
                long keep = 0;
                for (int i = 0; i < bufferedRecords && recordEnds[i] <= stored; i++) {
                    keep = recordEnds[i];
                    durableRecords++;
                }
                file.truncate(durableBytes + keep);
                file.close();
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return -1;
        }
        return durableRecords;
    }

    /** Gives up: nothing is published, the partial file is removed. A later close() does nothing. */
    void abort() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // the file is being thrown away
        }
        if (partial != null) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // nothing more can be done; it never had the final name
            }
        }
    }
}
