package io.hascope.capture;

import java.io.IOException;

/**
 * Frames by number (1 to size), for a viewer: a capture file's {@link FrameIndex}, or the frames of a live
 * capture held as they arrive.
 */
public interface FrameStore {
    int size();

    long timeNanos(int number);

    int capturedLength(int number);

    int originalLength(int number);

    /** Points into at frame number (valid until the next read). */
    Frame read(int number, Frame into) throws IOException;
}
