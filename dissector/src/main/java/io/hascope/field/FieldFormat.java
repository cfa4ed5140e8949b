package io.hascope.field;

import io.hascope.text.AddressText;
import io.hascope.text.StringText;
import io.hascope.text.TextOut;

/** Turns a recorded field into text: raw (as -T fields prints it, like tshark) or for a person (the tree). */
public final class FieldFormat {
    private FieldFormat() {
    }

    /** Raw form: integers in decimal, addresses in their usual text, bytes as lowercase hex, booleans 1/0. */
    public static void raw(StringBuilder sb, FieldTree tree, int i) {
        raw(new StringText(sb), tree, i);
    }

    public static void raw(TextOut sb, FieldTree tree, int i) {
        Field f = tree.field(i);
        switch (f.type()) {
            case UINT, FRAMENUM -> sb.append(tree.value(i));
            case BOOL -> sb.append(tree.value(i) != 0 ? '1' : '0');
            case MAC -> AddressText.mac(sb, tree.buffer(), tree.start(i), tree.length(i));
            case IPADDR -> AddressText.ip(sb, tree.buffer(), tree.start(i), tree.length(i));
            case BYTES -> AddressText.hex(sb, tree.buffer(), tree.start(i), tree.length(i));
            case STRING -> sb.append(tree.text(i));
            case TIME_ABS, TIME_REL -> seconds(sb, tree.value(i));
            case PROTOCOL, GROUP -> sb.append(f.name());
        }
    }

    public static String raw(FieldTree tree, int i) {
        StringBuilder sb = new StringBuilder();
        raw(new StringText(sb), tree, i);
        return sb.toString();
    }

    /** Display form: enumerations by name with their number, hex fields in hex, times as seconds. */
    public static String display(FieldTree tree, int i) {
        Field f = tree.field(i);
        StringBuilder sb = new StringBuilder();
        switch (f.type()) {
            case UINT -> {
                long v = tree.value(i);
                String name = f.names() == null ? null : f.names().name(v);
                if (name != null) {
                    sb.append(name).append(" (").append(f.hex() ? String.format("0x%04x", v) : Long.toString(v))
                            .append(')');
                } else if (f.hex()) {
                    sb.append("0x").append(Long.toHexString(v));
                } else {
                    sb.append(v);
                }
            }
            case BOOL -> sb.append(tree.value(i) != 0 ? "Set" : "Not set");
            case BYTES -> {
                if (tree.length(i) == 0) {
                    sb.append("<empty>");
                } else {
                    raw(sb, tree, i);
                }
            }
            case TIME_REL -> {
                seconds(sb, tree.value(i));
                sb.append(" seconds");
            }
            case TIME_ABS -> {
                sb.append(java.time.Instant.ofEpochSecond(Math.floorDiv(tree.value(i), 1_000_000_000L),
                        Math.floorMod(tree.value(i), 1_000_000_000L))).append(" (");
                seconds(sb, tree.value(i));
                sb.append(')');
            }
            default -> raw(sb, tree, i);
        }
        return sb.toString();
    }

    /** Nanoseconds as seconds with 9 decimals (negative values keep their sign). */
    public static void seconds(StringBuilder sb, long nanos) {
        seconds(new StringText(sb), nanos);
    }

    public static void seconds(TextOut sb, long nanos) {
        if (nanos < 0) {
            sb.append('-');
            nanos = -nanos;
        }
        sb.append(nanos / 1_000_000_000L).append('.');
        int fraction = (int) (nanos % 1_000_000_000L);
        for (int scale = 100_000_000; scale > 0; scale /= 10) {
            sb.append((char) ('0' + (fraction / scale) % 10));
        }
    }
}
