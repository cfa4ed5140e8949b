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
    private char[] chars = new char[1024];
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
        int length = end - start;
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        if (s instanceof String str) {
            str.getChars(start, end, chars, 0);
        } else if (s instanceof StringBuilder sb) {
            sb.getChars(start, end, chars, 0); // one bulk copy instead of a charAt call per character
        } else {
            for (int i = 0; i < length; i++) {
                chars[i] = s.charAt(start + i);
            }
        }
        encode(chars, length);
        return this;
    }

    private void encode(char[] c, int length) throws IOException {
        for (int i = 0; i < length; i++) {
            char ch = c[i];
            if (used + 4 > buffer.length) {
                flushBuffer();
            }
            if (ch < 0x80) {
                buffer[used++] = (byte) ch;
            } else if (ch < 0x800) {
                buffer[used++] = (byte) (0xc0 | (ch >> 6));
                buffer[used++] = (byte) (0x80 | (ch & 0x3f));
            } else if (Character.isHighSurrogate(ch) && i + 1 < length && Character.isLowSurrogate(c[i + 1])) {
                int cp = Character.toCodePoint(ch, c[++i]);
                buffer[used++] = (byte) (0xf0 | (cp >> 18));
                buffer[used++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                buffer[used++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                buffer[used++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                char bmp = Character.isSurrogate(ch) ? '?' : ch;
                buffer[used++] = (byte) (0xe0 | (bmp >> 12));
                buffer[used++] = (byte) (0x80 | ((bmp >> 6) & 0x3f));
                buffer[used++] = (byte) (0x80 | (bmp & 0x3f));
            }
        }
    }

    /** Bytes that are already UTF-8. */
    void writeUtf8(byte[] bytes, int length) throws IOException {
        if (used + length > buffer.length) {
            flushBuffer();
            if (length > buffer.length) {
                out.write(bytes, 0, length);
                return;
            }
        }
        System.arraycopy(bytes, 0, buffer, used, length);
        used += length;
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
