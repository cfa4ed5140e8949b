package io.hascope.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A large write buffer in front of an output stream. When it writes a file it writes "NAME.partial" and renames it
 * on close, so a reader never sees half a capture under the final name.
 */
final class OutputSink {
    private final OutputStream out;
    private final Path partial;
    private final Path target;
    final ByteBuffer buffer;

    OutputSink(OutputStream out, ByteOrder order) {
        this.out = out;
        this.partial = null;
        this.target = null;
        this.buffer = ByteBuffer.allocate(1 << 20).order(order);
    }

    OutputSink(Path target, ByteOrder order) throws IOException {
        this.target = target.toAbsolutePath();
        this.partial = this.target.resolveSibling(this.target.getFileName() + ".partial");
        this.out = Files.newOutputStream(partial);
        this.buffer = ByteBuffer.allocate(1 << 20).order(order);
    }

    void reserve(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flush();
            if (buffer.remaining() < bytes) {
                throw new IOException("record of " + bytes + " bytes is larger than the write buffer");
            }
        }
    }

    void flush() throws IOException {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
    }

    private boolean closed;

    void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        flush();
        out.close();
        if (partial != null) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
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
