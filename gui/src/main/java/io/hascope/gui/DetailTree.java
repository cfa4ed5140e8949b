package io.hascope.gui;

import io.hascope.capture.Frame;
import io.hascope.field.ExpertKind;
import io.hascope.field.FieldTree;
import io.hascope.field.TreeLines;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/** The detail tree of the selected frame: every layer and field, generated ones marked, expert findings coloured. */
final class DetailTree extends TreeView<DetailTree.Line> {
    /**
     * One line: its text, the tree entry it shows, and the bytes it covers (start -1: none). Its value and filter
     * are read from the dissection it came from when asked (a right-click), not for each of a frame's lines on every
     * selection: a 60-message frame has a thousand lines, and each filter is checked by compiling it.
     */
    record Line(String text, int entry, int start, int length, int severity, long link, io.hascope.field.Field field,
                FieldTree dissection) {
        String value() {
            return FieldFilters.valueOf(dissection, entry);
        }

        String filter() {
            return FieldFilters.filterFor(dissection, entry);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    DetailTree(java.util.function.IntConsumer goToFrame) {
        setId("detail-tree");
        setShowRoot(false);
        setFixedCellSize(20);
        setOnMouseClicked(e -> {
            TreeItem<Line> item = getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && item != null && item.getValue().link() > 0) {
                goToFrame.accept((int) item.getValue().link()); // a link: reply in, reply to, resend of ...
            }
        });
        setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(Line line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("sev-error", "sev-warn", "sev-note", "sev-chat", "link");
                setText(empty || line == null ? null : line.text());
                if (!empty && line != null && line.link() > 0) {
                    getStyleClass().add("link");
                }
                if (!empty && line != null && line.severity() > 0) {
                    getStyleClass().add(new String[] {"", "sev-chat", "sev-note", "sev-warn", "sev-error"}
                            [line.severity()]);
                }
            }
        });
    }

    /**
     * Shows the tree of a dissected frame (bytes offsets relative to the frame's first byte). The lines read values
     * from tree later, so the caller leaves it to this frame until the next show.
     */
    void show(Frame frame, FieldTree tree) {
        TreeItem<Line> root = new TreeItem<>();
        @SuppressWarnings("unchecked")
        TreeItem<Line>[] items = new TreeItem[tree.size()];
        TreeLines.lines(frame, tree, (i, text) -> {
            ExpertKind kind = TreeLines.expertKind(tree, i);
            int start = tree.start(i) < 0 ? -1 : tree.start(i) - frame.offset();
            long link = tree.field(i).type() == io.hascope.field.FieldType.FRAMENUM && tree.value(i) != frame.number()
                    ? tree.value(i) : -1; // a link to another frame (not frame.number itself)
            Line line = new Line(text, i, start, tree.length(i), kind == null ? 0 : kind.severity().level(), link,
                    tree.field(i), tree);
            TreeItem<Line> item = new TreeItem<>(line);
            items[i] = item;
            int p = tree.parent(i);
            (p >= 0 && items[p] != null ? items[p] : root).getChildren().add(item);
            item.setExpanded(tree.depth(i) < 1);
        });
        setRoot(root);
    }

    /** Selects the innermost line whose bytes hold offset (relative to the frame); false when none does. */
    boolean selectByte(int offset) {
        TreeItem<Line> best = innermost(getRoot(), offset);
        if (best == null) {
            return false;
        }
        for (TreeItem<Line> p = best.getParent(); p != null; p = p.getParent()) {
            p.setExpanded(true);
        }
        getSelectionModel().select(best);
        scrollTo(Math.max(0, getRow(best) - 3));
        return true;
    }

    /** The line holding offset that covers the fewest bytes (the frame line covers them all; fields the fewest). */
    private static TreeItem<Line> innermost(TreeItem<Line> node, int offset) {
        TreeItem<Line> best = null;
        if (node == null) {
            return null;
        }
        for (TreeItem<Line> c : node.getChildren()) {
            Line l = c.getValue();
            if (l.start() >= 0 && offset >= l.start() && offset < l.start() + l.length()
                    && (best == null || l.length() < best.getValue().length())) {
                best = c;
            }
            TreeItem<Line> deeper = innermost(c, offset);
            if (deeper != null && (best == null || deeper.getValue().length() <= best.getValue().length())) {
                best = deeper;
            }
        }
        return best;
    }
}
