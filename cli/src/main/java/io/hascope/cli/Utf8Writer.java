package io.hascope.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A buffered UTF-8 writer with a fast path for ASCII, which is nearly all decode output (addresses, numbers,
 * hex). OutputStreamWriter's charset encoder costs more than the dissection of a small frame.
 */
final class Utf8Writer extends Writer {
    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int used;

    Utf8Writer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
        if (c < 0x80) {
            if (used == buffer.length) {
                flushBuffer();
            }
            buffer[used++] = (byte) c;
        } else {
            write(String.valueOf((char) c));
        }
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        append(java.nio.CharBuffer.wrap(chars, offset, length));
    }

    @Override
    public void write(String s, int offset, int length) throws IOException {
        append(s, offset, offset + length);
    }

    @Override
    public Writer append(CharSequence s) throws IOException {
        return append(s, 0, s.length());
    }

    @Override
    public Writer append(CharSequence s, int start, int end) throws IOException {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (used + 4 > buffer.length) {
                flushBuffer();
            }
            if (c < 0x80) {
                buffer[used++] = (byte) c;
            } else if (c < 0x800) {
                buffer[used++] = (byte) (0xc0 | (c >> 6));
                buffer[used++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buffer[used++] = (byte) (0xf0 | (cp >> 18));
                buffer[used++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                buffer[used++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                buffer[used++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                char ch = Character.isSurrogate(c) ? '?' : c;
                buffer[used++] = (byte) (0xe0 | (ch >> 12));
                buffer[used++] = (byte) (0x80 | ((ch >> 6) & 0x3f));
                buffer[used++] = (byte) (0x80 | (ch & 0x3f));
            }
        }
        return this;
    }

    private void flushBuffer() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }

    @Override
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
