package io.hascope.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link TextOut} straight into UTF-8 bytes, reused row after row: numbers are written as digits without an
 * intermediate string, and ASCII (nearly all decode output) costs one store per character.
 */
public final class AsciiText implements TextOut {
    private byte[] bytes = new byte[512];
    private int length;

    public AsciiText reset() {
        length = 0;
        return this;
    }

    private void room(int n) {
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
        }
    }

    @Override
    public TextOut append(char c) {
        room(3);
        if (c < 0x80) {
            bytes[length++] = (byte) c;
        } else if (c < 0x800) {
            bytes[length++] = (byte) (0xc0 | (c >> 6));
            bytes[length++] = (byte) (0x80 | (c & 0x3f));
        } else if (Character.isSurrogate(c)) {
            bytes[length++] = '?'; // a lone half of a pair; whole pairs go through append(CharSequence)
        } else {
            bytes[length++] = (byte) (0xe0 | (c >> 12));
            bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
            bytes[length++] = (byte) (0x80 | (c & 0x3f));
        }
        return this;
    }

    @Override
    public TextOut append(CharSequence s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else {
                byte[] encoded = s.subSequence(i, n).toString().getBytes(StandardCharsets.UTF_8);
                room(encoded.length);
                System.arraycopy(encoded, 0, bytes, length, encoded.length);
                length += encoded.length;
                return this;
            }
        }
        return this;
    }

    @Override
    public TextOut append(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return append(Long.toString(v));
            }
            append('-');
            v = -v;
        }
        room(20);
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = length + digits;
        for (int i = end - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        length = end;
        return this;
    }

    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
