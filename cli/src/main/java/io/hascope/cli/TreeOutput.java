package io.hascope.cli;

import io.hascope.capture.Frame;
import io.hascope.field.FieldTree;
import io.hascope.field.TreeLines;
import java.io.IOException;
import java.io.Writer;

/** -V: the detail tree as indented text, as tshark -V prints it, with expert findings in [brackets]. */
final class TreeOutput implements FrameOutput {
    private final Writer out;
    private final StringBuilder sb = new StringBuilder(4096);

    TreeOutput(Writer out) {
        this.out = out;
    }

    @Override
    public void frame(Frame frame, FieldTree tree) throws IOException {
        sb.setLength(0);
        TreeLines.lines(frame, tree, (i, text) -> sb.append("    ".repeat(tree.depth(i))).append(text).append('\n'));
        sb.append('\n');
        out.write(sb.toString());
    }
}
