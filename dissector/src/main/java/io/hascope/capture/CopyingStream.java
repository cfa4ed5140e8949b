package io.hascope.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A stream whose every byte read is also written to a copy, closed with it (a pipe's capture kept as a file). */
final class CopyingStream extends InputStream {
    private final InputStream in;
    private final OutputStream copy;

    CopyingStream(InputStream in, OutputStream copy) {
        this.in = in;
        this.copy = copy;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            copy.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            copy.write(b, off, n);
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        try (in) {
            copy.close();
        }
    }
}
