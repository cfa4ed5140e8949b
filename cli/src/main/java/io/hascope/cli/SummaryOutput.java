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
    private final StringBuilder line = new StringBuilder(256);

    SummaryOutput(Writer out) {
        this.out = out;
    }

    @Override
    public void frame(Frame frame, FieldTree tree) throws IOException {
        line.setLength(0);
        pad(line, Long.toString(frame.number()), 6);
        line.append(' ');
        StringBuilder time = new StringBuilder(16);
        FieldFormat.seconds(time, tree.valueOf(FrameFields.TIME_RELATIVE, 0));
        pad(line, time.toString(), 12);
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
