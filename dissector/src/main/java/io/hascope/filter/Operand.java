package io.hascope.filter;

import io.hascope.field.FieldTree;
import java.nio.ByteBuffer;

/** A typed constant of a filter, compared in place against one occurrence of a field. */
sealed interface Operand {
    /** Negative, zero or positive as the occurrence is below, equal to or above this constant. */
    int compare(FieldTree t, int i);

    /** An unsigned integer (also booleans, frame numbers, and times in nanoseconds). */
    record Number(long value) implements Operand {
        @Override
        public int compare(FieldTree t, int i) {
            return Long.compare(t.value(i), value);
        }
    }

    /** Bytes: addresses, MACs, opaques. With prefixBits ≥ 0, a CIDR block that only equality can test. */
    record Bytes(byte[] bytes, int prefixBits) implements Operand {
        @Override
        public int compare(FieldTree t, int i) {
            int length = t.length(i);
            if (length != bytes.length) {
                return Integer.compare(length, bytes.length);
            }
            ByteBuffer b = t.buffer();
            int at = t.start(i);
            int bits = prefixBits < 0 ? length * 8 : prefixBits;
            int whole = bits / 8;
            for (int k = 0; k < whole; k++) {
                int c = Integer.compare(b.get(at + k) & 0xff, bytes[k] & 0xff);
                if (c != 0) {
                    return c;
                }
            }
            int rest = bits % 8;
            if (rest != 0) {
                int mask = (0xff << (8 - rest)) & 0xff;
                return Integer.compare(b.get(at + whole) & mask, bytes[whole] & mask);
            }
            return 0;
        }

        boolean containedIn(FieldTree t, int i) {
            int length = t.length(i);
            ByteBuffer b = t.buffer();
            int at = t.start(i);
            outer:
            for (int k = 0; k + bytes.length <= length; k++) {
                for (int j = 0; j < bytes.length; j++) {
                    if (b.get(at + k + j) != bytes[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    record Text(String value) implements Operand {
        @Override
        public int compare(FieldTree t, int i) {
            String s = t.text(i);
            return s == null ? -1 : s.compareTo(value);
        }
    }

    /** An inclusive range low..high, used by 'in' sets. */
    record Range(long low, long high) implements Operand {
        @Override
        public int compare(FieldTree t, int i) {
            long v = t.value(i);
            return v < low ? -1 : v > high ? 1 : 0;
        }
    }
}
