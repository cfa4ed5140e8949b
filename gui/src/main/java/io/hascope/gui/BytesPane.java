package io.hascope.gui;

import java.util.Collection;
import java.util.List;
import java.util.function.IntConsumer;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Offset, hex and ASCII of the selected frame (RichTextFX): a selected field's bytes are highlighted in both
 * halves; clicking a byte reports its offset so the tree can select the field that holds it.
 */
final class BytesPane extends CodeArea {
    static final int PER_LINE = 16;
    /** Characters per line: "0000  " + 16 × "xx " + " " + 16 ASCII + newline. */
    static final int LINE = 6 + PER_LINE * 3 + 1 + PER_LINE + 1;
    private byte[] bytes = new byte[0];

    BytesPane(IntConsumer onByteClicked) {
        setId("bytes-pane");
        setEditable(false);
        getStyleClass().add("bytes");
        setOnMouseClicked(e -> {
            int b = byteAt(getCaretPosition());
            if (b >= 0) {
                onByteClicked.accept(b);
            }
        });
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    void show(byte[] frame) {
        this.bytes = frame;
        StringBuilder sb = new StringBuilder((frame.length / PER_LINE + 1) * LINE);
        for (int line = 0; line * PER_LINE < frame.length; line++) {
            int at = line * PER_LINE;
            sb.append(HEX[(at >> 12) & 15]).append(HEX[(at >> 8) & 15]).append(HEX[(at >> 4) & 15]).append(HEX[at & 15])
                    .append("  ");
            for (int k = 0; k < PER_LINE; k++) {
                int i = at + k;
                if (i < frame.length) {
                    sb.append(HEX[(frame[i] >> 4) & 15]).append(HEX[frame[i] & 15]).append(' ');
                } else {
                    sb.append("   ");
                }
            }
            sb.append(' ');
            for (int k = 0; k < PER_LINE; k++) {
                int i = at + k;
                char c = i < frame.length ? (char) (frame[i] & 0xff) : ' ';
                sb.append(i >= frame.length || (c >= 0x20 && c < 0x7f) ? c : '.');
            }
            sb.append('\n');
        }
        replaceText(sb.toString());
        highlight(-1, 0);
    }

    /** Highlights bytes [start, start+length) of the frame (nothing when start < 0). */
    void highlight(int start, int length) {
        int textLength = getLength();
        if (textLength == 0) {
            return;
        }
        boolean[] lit = new boolean[textLength];
        for (int i = Math.max(0, start); start >= 0 && i < Math.min(bytes.length, start + length); i++) {
            int line = i / PER_LINE;
            int col = i % PER_LINE;
            int hex = line * LINE + 6 + col * 3;
            lit[hex] = true;
            lit[hex + 1] = true;
            lit[line * LINE + 6 + PER_LINE * 3 + 1 + col] = true;
        }
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int run = 0;
        for (int i = 0; i < textLength; i++) {
            if (i > 0 && lit[i] != lit[i - 1]) {
                spans.add(lit[i - 1] ? List.of("field") : List.of(), run);
                run = 0;
            }
            run++;
        }
        spans.add(lit[textLength - 1] ? List.of("field") : List.of(), run);
        StyleSpans<Collection<String>> s = spans.create();
        setStyleSpans(0, s);
        if (start >= 0) {
            moveTo(Math.min(textLength, (start / PER_LINE) * LINE));
            requestFollowCaret();
        }
    }

    /** The frame offset of the byte at a text position (hex or ASCII half), or -1. */
    static int byteAt(int position) {
        int line = position / LINE;
        int col = position % LINE;
        int k = -1;
        if (col >= 6 && col < 6 + PER_LINE * 3) {
            k = (col - 6) / 3;
        } else if (col >= 6 + PER_LINE * 3 + 1 && col < 6 + PER_LINE * 3 + 1 + PER_LINE) {
            k = col - (6 + PER_LINE * 3 + 1);
        }
        return k < 0 ? -1 : line * PER_LINE + k;
    }

    /** Whether byte offset is highlighted now (for tests: read back from the styles of the text). */
    boolean isHighlighted(int offset) {
        int line = offset / PER_LINE;
        int col = offset % PER_LINE;
        return getStyleAtPosition(line * LINE + 6 + col * 3 + 1).contains("field");
    }
}
