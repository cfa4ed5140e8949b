package io.hascope.cli;

import io.hascope.capture.Frame;
import io.hascope.decode.Columns;
import io.hascope.field.FieldFormat;
import io.hascope.field.FieldTree;
import io.hascope.field.FrameFields;
import java.io.IOException;
import java.io.Writer;

/** tshark's default: one line per frame with No., Time, Source → Destination, Protocol, Length, Info. */
final class SummaryOutput implements FrameOutput {
    private final Writer out;
    private final TimeColumn time;
    private final StringBuilder line = new StringBuilder(256);
    private final StringBuilder column = new StringBuilder(32);
    private long first = Long.MIN_VALUE;
    private long previousRead = Long.MIN_VALUE;
    private long lastRead = Long.MIN_VALUE;
    private long previousShown = Long.MIN_VALUE;

    SummaryOutput(Writer out, TimeColumn time) {
        this.out = out;
        this.time = time;
    }

    @Override
    public void read(Frame frame) {
        if (first == Long.MIN_VALUE) {
            first = frame.timeNanos();
        }
        previousRead = lastRead;
        lastRead = frame.timeNanos();
    }

    @Override
    public void frame(Frame frame, FieldTree tree) throws IOException {
        line.setLength(0);
        pad(line, Long.toString(frame.number()), 6);
        line.append(' ');
        column.setLength(0);
        if (time == TimeColumn.RELATIVE) {
            FieldFormat.seconds(column, tree.valueOf(FrameFields.TIME_RELATIVE, 0)); // from the reference the tree has
        } else {
            time.append(column, frame.timeNanos(), first, previousRead, previousShown);
        }
        previousShown = frame.timeNanos();
        pad(line, column.toString(), 12);
        line.append(' ');
        String src = Columns.source(tree);
        String dst = Columns.destination(tree);
        pad(line, src, 15);
        line.append(src.isEmpty() && dst.isEmpty() ? "   " : " → ");
        line.append(dst);
        for (int k = dst.length(); k < 15; k++) {
            line.append(' ');
        }
        line.append(' ');
        String proto = Columns.protocol(tree);
        line.append(proto);
        for (int k = proto.length(); k < 6; k++) {
            line.append(' ');
        }
        line.append(' ');
        pad(line, Integer.toString(frame.originalLength()), 5);
        line.append(' ').append(Columns.info(tree)).append('\n');
        out.write(line.toString());
    }

    private static void pad(StringBuilder sb, String s, int width) {
        for (int k = s.length(); k < width; k++) {
            sb.append(' ');
        }
        sb.append(s);
    }
}
