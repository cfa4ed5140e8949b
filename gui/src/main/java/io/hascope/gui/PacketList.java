package io.hascope.gui;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
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

    PacketList() {
        setItems(rows);
        setId("packet-list");
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        getColumns().add(column("No.", 70, n -> Integer.toString(n)));
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
                getStyleClass().removeAll("sev-error", "sev-warn", "sev-note", "sev-chat");
                if (!empty && n != null && capture != null && capture.worst != null) {
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

    void show(LoadedCapture c, FrameSummaries s, int[] frames) {
        this.capture = c;
        this.summaries = s;
        rows.set(frames);
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
        scrollTo(Math.max(0, row - 5));
        return true;
    }

    Integer selectedFrame() {
        return getSelectionModel().getSelectedItem();
    }

    static ReadOnlyObjectWrapper<Integer> wrap(int n) {
        return new ReadOnlyObjectWrapper<>(n);
    }
}
