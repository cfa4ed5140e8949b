package io.hascope.cli;

import io.hascope.capture.Frame;
import io.hascope.field.FieldTree;
import java.io.IOException;
import java.io.Writer;

/**
 * -x: each frame's bytes as tshark -x dumps them (offset, sixteen bytes in hex, the same as ASCII with a dot for
 * what does not print), after the summary line (-P, then a blank line) or the detail tree (-V) when either is shown,
 * and a blank line after.
 */
final class HexDumpOutput implements FrameOutput {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final Writer out;
    private final FrameOutput before;
    private final boolean blankAfterBefore;
    private final StringBuilder sb = new StringBuilder(4096);

    /** before: the summary or tree printed first (null: the dump alone); blankAfterBefore for a summary line. */
    HexDumpOutput(Writer out, FrameOutput before, boolean blankAfterBefore) {
        this.out = out;
        this.before = before;
        this.blankAfterBefore = blankAfterBefore;
    }

    @Override
    public void read(Frame frame) {
        if (before != null) {
            before.read(frame);
        }
    }

    @Override
    public void frame(Frame frame, FieldTree tree) throws IOException {
        if (before != null) {
            before.frame(frame, tree);
            if (blankAfterBefore) {
                out.write('\n');
            }
        }
        sb.setLength(0);
        int length = frame.capturedLength();
        for (int row = 0; row < length; row += 16) {
            for (int shift = 12; shift >= 0; shift -= 4) {
                sb.append(HEX[(row >>> shift) & 0xf]);
            }
            sb.append("  ");
            int end = Math.min(length, row + 16);
            for (int i = row; i < row + 16; i++) {
                if (i < end) {
                    int b = frame.buffer().get(frame.offset() + i) & 0xff;
                    sb.append(HEX[b >>> 4]).append(HEX[b & 0xf]).append(' ');
                } else {
                    sb.append("   ");
                }
            }
            sb.append("  ");
            for (int i = row; i < end; i++) {
                int b = frame.buffer().get(frame.offset() + i) & 0xff;
                sb.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            sb.append('\n');
        }
        sb.append('\n');
        out.write(sb.toString());
    }
}
