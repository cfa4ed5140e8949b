package io.hascope.cli;

import io.hascope.capture.Frame;
import io.hascope.field.FieldTree;
import io.hascope.field.TreeLines;
import java.io.IOException;
import java.io.Writer;

/**
 * -V: the detail tree as indented text, as tshark -V prints it, with expert findings in [brackets]. With -O, as
 * tshark's: only the protocols named show their fields, the others their one-line header.
 */
final class TreeOutput implements FrameOutput {
    private final Writer out;
    /** The protocols whose fields are shown; null: every one. */
    private final java.util.Set<String> expanded;
    private final StringBuilder sb = new StringBuilder(4096);

    TreeOutput(Writer out) {
        this(out, null);
    }

    TreeOutput(Writer out, java.util.Set<String> expanded) {
        this.out = out;
        this.expanded = expanded;
    }

    @Override
    public void frame(Frame frame, FieldTree tree) throws IOException {
        sb.setLength(0);
        boolean[] showing = {true};
        TreeLines.lines(frame, tree, (i, text) -> {
            int depth = tree.depth(i);
            if (depth == 0) {
                showing[0] = expanded == null || expanded.contains(tree.field(i).name());
            } else if (!showing[0]) {
                return;
            }
            sb.append("    ".repeat(depth)).append(text).append('\n');
        });
        sb.append('\n');
        out.write(sb.toString());
    }
}
