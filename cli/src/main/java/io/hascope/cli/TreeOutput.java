package io.hascope.cli;

import io.hascope.capture.Frame;
import io.hascope.capture.LinkType;
import io.hascope.field.ExpertFields;
import io.hascope.field.ExpertKind;
import io.hascope.field.Field;
import io.hascope.field.FieldFormat;
import io.hascope.field.FieldTree;
import io.hascope.field.FieldType;
import io.hascope.field.FrameFields;
import io.hascope.field.HasyncFields;
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
            Field f = tree.field(i);
            if (isExpertDetail(tree, i)) {
                continue;
            }
            int depth = tree.depth(i);
            indent(depth);
            if (f == FrameFields.FRAME) {
                frameLine(frame);
            } else if (f.type() == FieldType.PROTOCOL || f.type() == FieldType.GROUP) {
                if (f.name().startsWith("expert.")) {
                    expertLine(tree, i);
                    continue;
                }
                if (f == HasyncFields.HASYNC) {
                    messageNumber = 0;
                }
                sb.append(f.label());
                if (f == HasyncFields.MSG) {
                    sb.append(' ').append(++messageNumber);
                }
                summary(tree, i, f);
            } else {
                sb.append(f.label()).append(": ").append(FieldFormat.display(tree, i));
                if (tree.start(i) < 0 && f.protocolName().equals("frame") == false) {
                    sb.append(" [generated]");
                }
            }
            sb.append('\n');
        }
        sb.append('\n');
        out.write(sb.toString());
    }

    private boolean isExpertDetail(FieldTree tree, int i) {
        Field f = tree.field(i);
        return f == ExpertFields.SEVERITY || f == ExpertFields.MESSAGE || f == ExpertFields.OFFSET;
    }

    private void expertLine(FieldTree tree, int i) {
        ExpertKind kind = kindOf(tree.field(i));
        String message = "";
        long offset = -1;
        for (int j = i + 1; j < tree.size() && tree.parent(j) == i; j++) {
            if (tree.field(j) == ExpertFields.MESSAGE) {
                message = tree.text(j);
            } else if (tree.field(j) == ExpertFields.OFFSET) {
                offset = tree.value(j);
            }
        }
        sb.append("[Expert Info (").append(kind == null ? "?" : capital(kind.severity().label())).append("/")
                .append(kind == null ? "" : kind.shortName()).append("): ").append(message);
        if (offset >= 0) {
            sb.append(" @").append(offset);
        }
        sb.append("]\n");
    }

    private static ExpertKind kindOf(Field f) {
        for (ExpertKind k : ExpertKind.values()) {
            if (k.field() == f) {
                return k;
            }
        }
        return null;
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** ", Label: value" for each summary field of the node that occurs inside it. */
    private void summary(FieldTree tree, int node, Field f) {
        for (Field s : f.summary()) {
            for (int j = node + 1; j < tree.size() && isInside(tree, j, node); j++) {
                if (tree.field(j) == s) {
                    sb.append(", ").append(s.label()).append(": ").append(FieldFormat.display(tree, j));
                    break;
                }
            }
        }
    }

    private static boolean isInside(FieldTree tree, int j, int node) {
        for (int p = tree.parent(j); p >= 0; p = tree.parent(p)) {
            if (p == node) {
                return true;
            }
        }
        return false;
    }

    private void frameLine(Frame frame) {
        sb.append("Frame ").append(frame.number()).append(": ").append(frame.originalLength()).append(" bytes on wire (")
                .append(frame.originalLength() * 8L).append(" bits), ").append(frame.capturedLength())
                .append(" bytes captured (").append(frame.capturedLength() * 8L).append(" bits) on interface ")
                .append(frame.interfaceId()).append(", ").append(LinkType.name(frame.linkType()));
    }

    private void indent(int depth) {
        for (int k = 0; k < depth; k++) {
            sb.append("    ");
        }
    }
}
