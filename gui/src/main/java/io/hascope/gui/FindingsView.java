package io.hascope.gui;

import io.hascope.analysis.Finding;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.collections.FXCollections;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** Expert Info for HA: every finding of the analysis, worst first; a click selects the frame that proves it. */
final class FindingsView extends javafx.scene.layout.BorderPane {
    private static final Comparator<Finding> WORST_FIRST = Comparator.comparingInt((Finding f) -> -f.severity().level())
            .thenComparingLong(Finding::frame);
    final TableView<Finding> table = new TableView<>();
    /** Counts by severity and type, worst first; choosing a type shows only its findings. */
    final javafx.scene.control.ChoiceBox<String> group = new javafx.scene.control.ChoiceBox<>();
    private List<Finding> all = List.of();

    FindingsView(IntConsumer goToFrame) {
        setId("findings");
        table.setId("findings-table");
        group.setId("findings-group");
        table.setFixedCellSize(22);
        javafx.scene.layout.HBox top = new javafx.scene.layout.HBox(8, new javafx.scene.control.Label("Show"), group);
        top.setPadding(new javafx.geometry.Insets(4));
        setTop(top);
        setCenter(table);
        group.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> refresh());
        table.getColumns().add(TextColumn.of("Severity", 70, f -> f.severity().label()));
        table.getColumns().add(TextColumn.of("Type", 170, f -> f.type().label()));
        table.getColumns().add(TextColumn.of("Frame", 70, f -> Long.toString(f.frame())));
        table.getColumns().add(TextColumn.of("DPU → peer", 220,
                f -> f.dpu().isEmpty() ? "" : f.dpu() + " → " + f.peer()));
        table.getColumns().add(TextColumn.of("Reason", 800, Finding::reason));
        table.setRowFactory(t -> {
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

    /**
     * Findings made certain during a live capture since the last call: each at its place (worst first). Merged into
     * the list once per call, as a live session may add thousands a second to a list of a million.
     */
    void addAll(List<Finding> more) {
        if (more.isEmpty()) {
            return;
        }
        List<Finding> batch = new java.util.ArrayList<>(more);
        batch.sort(WORST_FIRST);
        List<Finding> merged = new java.util.ArrayList<>(all.size() + batch.size());
        int i = 0;
        int j = 0;
        while (i < all.size() || j < batch.size()) {
            boolean fromBatch = i == all.size()
                    || j < batch.size() && WORST_FIRST.compare(batch.get(j), all.get(i)) < 0;
            merged.add(fromBatch ? batch.get(j++) : all.get(i++));
        }
        showSorted(merged);
    }

    void show(List<Finding> findings) {
        List<Finding> sorted = new java.util.ArrayList<>(findings);
        sorted.sort(WORST_FIRST);
        showSorted(sorted);
    }

    private void showSorted(List<Finding> sorted) {
        all = sorted;
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (Finding f : sorted) {
            counts.merge(f.severity().label() + " · " + f.type().label(), 1, Integer::sum);
        }
        String chosen = group.getValue();
        List<String> choices = new java.util.ArrayList<>();
        choices.add("all " + sorted.size() + " findings");
        counts.forEach((k, v) -> choices.add(k + " (" + v + ")"));
        group.setItems(FXCollections.observableArrayList(choices));
        String keep = chosen == null ? null : choices.stream().filter(c -> c.startsWith(prefix(chosen))).findFirst()
                .orElse(null);
        group.getSelectionModel().select(keep != null ? keep : choices.get(0));
        refresh();
    }

    private static String prefix(String choice) {
        int paren = choice.lastIndexOf(" (");
        return choice.startsWith("all ") ? "all " : paren < 0 ? choice : choice.substring(0, paren);
    }

    private void refresh() {
        String chosen = group.getValue();
        if (chosen == null || chosen.startsWith("all ")) {
            table.setItems(FXCollections.observableArrayList(all));
            return;
        }
        String key = prefix(chosen);
        table.setItems(FXCollections.observableArrayList(all.stream()
                .filter(f -> (f.severity().label() + " · " + f.type().label()).equals(key)).toList()));
    }

    List<Finding> getItems() {
        return table.getItems();
    }
}
