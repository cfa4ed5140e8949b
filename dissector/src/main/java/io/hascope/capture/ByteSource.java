package io.hascope.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Random-ish access to the bytes of a capture, read front to back. A caller asks for a range with
 * {@link #ensure}; the bytes are then addressable in {@link #buffer()} at {@link #index(long)} until the next
 * call to {@code ensure}. The buffer is always big-endian; readers of little-endian files swap themselves.
 */
public interface ByteSource extends Closeable {
    /** Makes bytes [pos, pos+len) addressable. Returns false when the source ends before pos+len. */
    boolean ensure(long pos, int len) throws IOException;

    ByteBuffer buffer();

    /** Moves past everything before pos without making it addressable. False when the source ends first. */
    boolean skipTo(long pos) throws IOException;

    int index(long pos);

    /** Total size in bytes, or -1 when not known (a pipe). */
    long size();

    /** How many bytes exist from pos on, as far as known now (reads ahead on a stream). */
    long available(long pos) throws IOException;

    String name();
}
