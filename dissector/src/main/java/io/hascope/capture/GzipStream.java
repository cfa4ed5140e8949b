package io.hascope.capture;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A gzip-compressed capture's bytes, inflated as they are read (members written one after another read as one
 * stream, as gzip and Wireshark read them). Where the compressed data ends early or is corrupt, the stream ends
 * there and {@link #damage()} says why: the frames inflated before that point are all a reader gets, and its
 * problem names the compression as the cause.
 */
final class GzipStream extends InputStream {
    static final int MAGIC = 0x1f8b;
    private final GZIPInputStream in;
    private long inflated;
    private String damage;

    private GzipStream(GZIPInputStream in) {
        this.in = in;
    }

    /** Inflates in; a header that is not gzip's or is cut short is the file's one problem, at offset 0. */
    static GzipStream of(InputStream in, String name) throws IOException {
        try {
            return new GzipStream(new GZIPInputStream(in, 64 << 10));
        } catch (EOFException e) {
            throw new CaptureFormatException(name, 0, "the gzip header is cut short");
        } catch (ZipException e) {
            throw new CaptureFormatException(name, 0, "gzip-compressed, but its header is corrupt (" + e.getMessage()
                    + ")");
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (damage != null) {
            return -1;
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (EOFException e) {
            damage = "the gzip-compressed data is cut short";
            return -1;
        } catch (ZipException e) {
            damage = "the gzip-compressed data is corrupt (" + e.getMessage() + ")";
            return -1;
        }
        if (n > 0) {
            inflated += n;
        }
        return n;
    }

    /** Null while the compressed data reads cleanly; else why the inflated bytes ended early. */
    String damage() {
        return damage;
    }

    /** How many bytes of capture have been inflated so far. */
    long inflated() {
        return inflated;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
