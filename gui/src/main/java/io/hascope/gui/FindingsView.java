package io.hascope.gui;

import io.hascope.analysis.Finding;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** Expert Info for HA: every finding of the analysis, worst first; a click selects the frame that proves it. */
final class FindingsView extends TableView<Finding> {
    FindingsView(IntConsumer goToFrame) {
        setId("findings");
        setFixedCellSize(22);
        getColumns().add(column("Severity", 70, f -> f.severity().label()));
        getColumns().add(column("Type", 170, f -> f.type().label()));
        getColumns().add(column("Frame", 70, f -> Long.toString(f.frame())));
        getColumns().add(column("DPU → peer", 220, f -> f.dpu().isEmpty() ? "" : f.dpu() + " → " + f.peer()));
        getColumns().add(column("Reason", 800, Finding::reason));
        setRowFactory(t -> {
            TableRow<Finding> row = new TableRow<>() {
                @Override
                protected void updateItem(Finding f, boolean empty) {
                    super.updateItem(f, empty);
                    getStyleClass().removeAll("sev-error", "sev-warn", "sev-note", "sev-chat");
                    if (!empty && f != null) {
                        getStyleClass().add("sev-" + f.severity().label().toLowerCase(Locale.ROOT));
                    }
                }
            };
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty()) {
                    goToFrame.accept((int) row.getItem().frame());
                }
            });
            return row;
        });
    }

    private static TableColumn<Finding, String> column(String title, double width,
                                                       java.util.function.Function<Finding, String> text) {
        TableColumn<Finding, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(text.apply(d.getValue())));
        return c;
    }

    /** A finding made certain during a live capture: added at its place (worst first). */
    void add(Finding f) {
        List<Finding> all = new java.util.ArrayList<>(getItems());
        all.add(f);
        show(all);
    }

    void show(List<Finding> findings) {
        List<Finding> sorted = new java.util.ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt((Finding f) -> -f.severity().level()).thenComparingLong(Finding::frame));
        setItems(FXCollections.observableArrayList(sorted));
    }
}
