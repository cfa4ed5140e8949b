package io.hascope.cli;

import io.hascope.capture.Frame;
import io.hascope.field.FieldTree;
import io.hascope.field.HasyncFields;
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
        int messageNumber = 0;
        for (int i = 0; i < tree.size(); i++) {
            if (TreeLines.folded(tree, i)) {
                continue;
            }
            if (tree.field(i) == HasyncFields.HASYNC) {
                messageNumber = 0;
            } else if (tree.field(i) == HasyncFields.MSG) {
                messageNumber++;
            }
            sb.append("    ".repeat(tree.depth(i))).append(TreeLines.line(frame, tree, i, messageNumber)).append('\n');
        }
        sb.append('\n');
        out.write(sb.toString());
    }
}
