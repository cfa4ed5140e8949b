package io.hascope.gui;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * Wireshark's packet list over a frame index: No., Time, Source, Destination, Protocol, Length, Info; rows tinted
 * by the worst finding of their frame. Only visible rows are ever dissected.
 */
final class PacketList extends TableView<Integer> {
    private final FrameNumbers rows = new FrameNumbers();
    private LoadedCapture capture;
    private FrameSummaries summaries;
    private final java.util.BitSet marked = new java.util.BitSet();

    PacketList() {
        setItems(rows);
        setId("packet-list");
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        // every row is one line: a fixed height spares the list measuring rows, and lets showRow place any row
        setFixedCellSize(22);
        getColumns().add(column("No.", 70, n -> Integer.toString(n)));
        getColumns().add(column("⇄", 60, this::relation));
        getColumns().add(column("Time", 110, n -> String.format(Locale.ROOT, "%.6f",
                (capture.index.timeNanos(n) - capture.index.timeNanos(1)) / 1e9)));
        getColumns().add(column("Source", 150, n -> summaries.of(n).source()));
        getColumns().add(column("Destination", 150, n -> summaries.of(n).destination()));
        getColumns().add(column("Protocol", 80, n -> summaries.of(n).protocol()));
        getColumns().add(column("Length", 60, n -> Integer.toString(capture.index.originalLength(n))));
        getColumns().add(column("Info", 700, n -> summaries.of(n).info()));
        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Integer n, boolean empty) {
                super.updateItem(n, empty);
                getStyleClass().removeAll("sev-error", "sev-warn", "sev-note", "sev-chat", "marked");
                if (!empty && n != null && marked.get(n)) {
                    getStyleClass().add("marked");
                } else if (!empty && n != null && capture != null && capture.worst != null) {
                    switch (capture.worst[n - 1]) {
                        case 4 -> getStyleClass().add("sev-error");
                        case 3 -> getStyleClass().add("sev-warn");
                        case 2 -> getStyleClass().add("sev-note");
                        case 1 -> getStyleClass().add("sev-chat");
                        default -> {
                        }
                    }
                }
            }
        });
    }

    private TableColumn<Integer, String> column(String title, double width, Function<Integer, String> text) {
        TableColumn<Integer, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(capture == null ? "" : text.apply(d.getValue())));
        return c;
    }

    /**
     * The related-frames marker: "→ N" on a request answered in frame N, "← N" on a reply to frame N, "↺ N" on a
     * resend of frame N (Ctrl+Right and Ctrl+Left follow them).
     */
    private String relation(int n) {
        if (capture.annotations == null) {
            return "";
        }
        var a = capture.annotations;
        long v = a.value(n, io.hascope.field.AnalysisFields.REPLY_IN);
        if (v > 0) {
            return "→ " + v;
        }
        v = a.value(n, io.hascope.field.AnalysisFields.REPLY_TO);
        if (v > 0) {
            return "← " + v;
        }
        v = a.value(n, io.hascope.field.AnalysisFields.RETRANSMISSION);
        return v > 0 ? "↺ " + v : "";
    }

    /** Marks or unmarks a frame (Ctrl+M), as Wireshark marks packets. */
    void toggleMark(int n) {
        marked.flip(n);
        refresh();
    }

    boolean isMarked(int n) {
        return marked.get(n);
    }

    /** A column of any field (right-click → Apply as Column): every occurrence in the frame, comma-separated. */
    void addFieldColumn(io.hascope.field.Field field) {
        io.hascope.decode.Dissector d = new io.hascope.decode.Dissector(capture.dissectorConfig);
        io.hascope.field.FieldTree t = io.hascope.field.FieldTree.only(java.util.List.of(field));
        io.hascope.capture.Frame f = new io.hascope.capture.Frame();
        TableColumn<Integer, String> c = column(field.label(), 120, n -> {
            try {
                capture.dissect(n, d, f, t);
            } catch (java.io.IOException e) {
                return "?";
            }
            StringBuilder sb = new StringBuilder();
            for (int i = t.first(field); i >= 0; i = t.next(i)) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(io.hascope.field.FieldFormat.raw(t, i));
            }
            return sb.toString();
        });
        c.setId("column-" + field.name());
        getColumns().add(getColumns().size() - 1, c); // before Info, which takes the rest of the width
    }

    void show(LoadedCapture c, FrameSummaries s, int[] frames) {
        marked.clear();
        this.capture = c;
        this.summaries = s;
        rows.set(frames);
    }

    /** A live capture's list follows its frames (it shows all of them while capturing). */
    void growTo(int n) {
        rows.growTo(n);
    }

    void display(int[] frames) {
        rows.set(frames);
    }

    int displayed() {
        return rows.size();
    }

    /** Selects and shows frame number; false when the current filter hides it. */
    boolean select(int number) {
        int row = rows.rowOf(number);
        if (row < 0) {
            return false;
        }
        getSelectionModel().clearAndSelect(row);
        showRow(Math.max(0, row - 5));
        return true;
    }

    /**
     * Puts row at the top of the view by the scroll position, as the scroll bar does: TableView.scrollTo walks the
     * rows before it to estimate where it is, which over a million rows is most of a jump's time (JFR).
     */
    void showRow(int row) {
        javafx.scene.control.skin.VirtualFlow<?> flow = flow();
        if (flow == null || getItems().size() <= 1) {
            scrollTo(row);
            return;
        }
        double rows = getItems().size();
        double visible = Math.max(1, flow.getHeight() / getFixedCellSize());
        flow.setPosition(Math.max(0, Math.min(1, row / Math.max(1, rows - visible))));
    }

    /** Scrolls by pixels, as the mouse wheel does. */
    void scrollPixels(double pixels) {
        javafx.scene.control.skin.VirtualFlow<?> flow = flow();
        if (flow != null) {
            flow.scrollPixels(pixels);
        }
    }

    private javafx.scene.control.skin.VirtualFlow<?> flow() {
        return lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> f ? f : null;
    }

    Integer selectedFrame() {
        return getSelectionModel().getSelectedItem();
    }
}
