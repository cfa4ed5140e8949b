package io.hascope.field;

import io.hascope.capture.Frame;
import io.hascope.capture.LinkType;

/**
 * The text of each line of the detail tree, as tshark -V and the GUI's tree show it: a protocol or group with its
 * summary fields, a field with its value and meaning, an expert finding in [brackets]. Expert details (severity,
 * message, offset) fold into their finding's line and are not lines of their own.
 */
public final class TreeLines {
    private TreeLines() {
    }

    /** Whether entry i is folded into its parent's line (an expert finding's details). */
    public static boolean folded(FieldTree tree, int i) {
        Field f = tree.field(i);
        return f == ExpertFields.SEVERITY || f == ExpertFields.MESSAGE || f == ExpertFields.OFFSET;
    }

    /** The expert kind of entry i, or null when it is not an expert finding. */
    public static ExpertKind expertKind(FieldTree tree, int i) {
        Field f = tree.field(i);
        if (!f.name().startsWith("expert.")) {
            return null;
        }
        for (ExpertKind k : ExpertKind.values()) {
            if (k.field() == f) {
                return k;
            }
        }
        return null;
    }

    /** The line of entry i; messageNumber numbers hasync messages within their packet (1, 2, ...). */
    public static String line(Frame frame, FieldTree tree, int i, int messageNumber) {
        StringBuilder sb = new StringBuilder();
        Field f = tree.field(i);
        if (f == FrameFields.FRAME) {
            sb.append("Frame ").append(frame.number()).append(": ").append(frame.originalLength())
                    .append(" bytes on wire (").append(frame.originalLength() * 8L).append(" bits), ")
                    .append(frame.capturedLength()).append(" bytes captured (").append(frame.capturedLength() * 8L)
                    .append(" bits) on interface ").append(frame.interfaceId()).append(", ")
                    .append(LinkType.name(frame.linkType()));
        } else if (f.type() == FieldType.PROTOCOL || f.type() == FieldType.GROUP) {
            if (f.name().startsWith("expert.")) {
                expertLine(sb, tree, i);
            } else {
                sb.append(f.label());
                if (f == HasyncFields.MSG) {
                    sb.append(' ').append(messageNumber);
                }
                summary(sb, tree, i, f);
            }
        } else {
            sb.append(f.label()).append(": ").append(FieldFormat.display(tree, i));
            if (tree.start(i) < 0 && !f.protocolName().equals("frame")) {
                sb.append(" [generated]");
            }
        }
        return sb.toString();
    }

    private static void expertLine(StringBuilder sb, FieldTree tree, int i) {
        ExpertKind kind = expertKind(tree, i);
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
        sb.append("]");
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** ", Label: value" for each summary field of the node that occurs inside it. */
    private static void summary(StringBuilder sb, FieldTree tree, int node, Field f) {
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
}
