package io.hascope.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Writes frames to a capture file. Implementations buffer heavily; close() flushes and publishes the file. */
public interface CaptureWriter extends Closeable {
    /** Declares an interface and returns its id (pcap allows exactly one link type). */
    int addInterface(int linkType, int snapLength, String name) throws IOException;

    void write(int interfaceId, long timeNanos, ByteBuffer bytes, int offset, int capturedLength,
               int originalLength, String comment) throws IOException;

    default void write(int interfaceId, long timeNanos, byte[] bytes) throws IOException {
        write(interfaceId, timeNanos, ByteBuffer.wrap(bytes), 0, bytes.length, bytes.length, null);
    }

    /** Hands what is buffered to the file now (a live capture does this once a second). */
    default void flush() throws IOException {
    }

    /**
     * After a write failed: keeps the frames that reached the file whole, publishes it, and returns how many it
     * holds (-1 when nothing could be kept). A later close() does nothing.
     */
    default long salvage() {
        abort();
        return -1;
    }

    /**
     * The file being written now, under the name it has while it is written (NAME.partial), or null when the output
     * is not a file: a viewer reads frames back from it once they are flushed, as Wireshark reads dumpcap's file.
     */
    default java.nio.file.Path fileBeingWritten() {
        return null;
    }

    /** Where the record of the frame written last starts in {@link #fileBeingWritten()}, or -1 when unknown. */
    default long lastFrameOffset() {
        return -1;
    }

    /** Abandons the output: a file is deleted rather than published; close() afterwards does nothing. */
    void abort();

    default void write(Frame frame, int interfaceId) throws IOException {
        write(frame, interfaceId, frame.comment());
    }

    /** The frame's record as its reader read it, pseudo-header included, with this comment (null: none). */
    default void write(Frame frame, int interfaceId, String comment) throws IOException {
        int pseudo = frame.pseudoHeaderLength();
        write(interfaceId, frame.timeNanos(), frame.buffer(), frame.offset() - pseudo, frame.capturedLength() + pseudo,
                frame.originalLength() + pseudo, comment);
    }
}
