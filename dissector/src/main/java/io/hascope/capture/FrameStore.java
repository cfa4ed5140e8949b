package io.hascope.capture;

import java.io.IOException;

/**
 * Frames by number (1 to size), for a viewer: a capture file's {@link FrameIndex}, or the frames of a live
 * capture held as they arrive.
 */
public interface FrameStore extends java.io.Closeable {
    int size();

    long timeNanos(int number);

    int capturedLength(int number);

    int originalLength(int number);

    /** Points into at frame number (valid until the next read). One thread reads a store at a time. */
    Frame read(int number, Frame into) throws IOException;

    /**
     * The same frames for a second thread to read while the first goes on (a filter's pass in the background while
     * the packet list draws its rows): it reads through buffers of its own. Close it when done.
     */
    FrameStore secondReader() throws IOException;

    /** Lets go of what reading took (a mapped window, an open file); frames stay countable. */
    @Override
    default void close() throws IOException {
    }
}
