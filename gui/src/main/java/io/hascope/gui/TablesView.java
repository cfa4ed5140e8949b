package io.hascope.gui;

import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.Connection;
import io.hascope.analysis.DpuState;
import io.hascope.analysis.TableDiff;
import io.hascope.analysis.TableEntry;
import io.hascope.analysis.TappedReader;
import io.hascope.capture.Captures;
import io.hascope.field.HasyncFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

/**
 * Both DPUs' connection tables, one at a time or side by side (Diff: each owner's entries against the peer's
 * copies, differences marked), as of any moment: the time slider or the selected frame re-runs the analysis up to
 * that point in the background. Double-click a connection to filter the packet list on it.
 */
final class TablesView extends BorderPane {
    static final String DIFF = "Diff (owner ↔ peer copy)";

    /** One line of the table shown. */
    record Line(String owner, Connection connection, String own, String copy, String difference) {
    }

    final ChoiceBox<String> which = new ChoiceBox<>();
    final Slider slider = new Slider(0, 1, 1);
    final Label asOf = new Label("at the end");
    final TextField search = new TextField();
    final CheckBox onlyDifferences = new CheckBox("differences only");
    final TableView<Line> table = new TableView<>();
    private final ExecutorService background;
    private final Consumer<String> filterPackets;
    private final PauseTransition settle = new PauseTransition(Duration.millis(150));
    private LoadedCapture capture;
    private Map<String, DpuState> tables;
    private long generation;

    TablesView(ExecutorService background, Consumer<String> filterPackets,
               java.util.function.Supplier<Integer> selectedFrame) {
        this.background = background;
        this.filterPackets = filterPackets;
        setId("tables");
        which.setId("tables-which");
        slider.setId("tables-slider");
        asOf.setId("tables-as-of");
        table.setId("tables-table");
        search.setPromptText("connection contains …");
        Button atFrame = new Button("As of selected frame");
        atFrame.setId("tables-at-frame");
        Button atEnd = new Button("At the end");
        HBox controls = new HBox(8, which, new Label("as of"), slider, asOf, atFrame, atEnd, search, onlyDifferences);
        HBox.setHgrow(slider, Priority.ALWAYS);
        controls.setPadding(new Insets(4));
        setTop(controls);
        setCenter(table);
        table.getColumns().add(TextColumn.of("Owner → peer", 230, Line::owner));
        table.getColumns().add(TextColumn.of("Connection", 420, l -> l.connection().toString()));
        table.getColumns().add(TextColumn.of("Owner's entry", 230, Line::own));
        table.getColumns().add(TextColumn.of("Peer's copy", 230, Line::copy));
        table.getColumns().add(TextColumn.of("Difference", 150, Line::difference));
        which.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> refresh());
        search.textProperty().addListener((o, a, b) -> refresh());
        onlyDifferences.selectedProperty().addListener((o, a, b) -> refresh());
        settle.setOnFinished(e -> analyseUntil(Long.MAX_VALUE, (long) (slider.getValue() * 1e9)));
        slider.valueProperty().addListener((o, a, b) -> settle.playFromStart()); // re-run once it rests
        atFrame.setOnAction(e -> {
            Integer f = selectedFrame.get();
            if (f != null) {
                analyseUntil(f, Long.MAX_VALUE);
            }
        });
        atEnd.setOnAction(e -> slider.setValue(slider.getMax()));
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<Line> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    filterPackets.accept(filterFor(row.getItem().connection()));
                }
            });
            return row;
        });
    }


    /** The display filter that finds the sync messages of a connection. */
    static String filterFor(Connection c) {
        return "hasync.state.src == " + c.source() + " && hasync.state.srcport == " + c.srcPort()
                + " && hasync.state.dst == " + c.destination() + " && hasync.state.dstport == " + c.dstPort();
    }

    void show(LoadedCapture c) {
        this.capture = c;
        double span = c.index.size() == 0 ? 0 : (c.index.timeNanos(c.index.size()) - c.index.timeNanos(1)) / 1e9;
        List<String> choices = new ArrayList<>(List.of(DIFF));
        choices.addAll(c.analyzer.tables().keySet());
        which.setItems(FXCollections.observableArrayList(choices));
        which.getSelectionModel().select(0);
        generation++;
        slider.setMax(Math.max(span, 1e-9));
        slider.setValue(slider.getMax());
        settle.stop();
        showTables(c.analyzer.tables(), "at the end");
    }

    /** Re-runs the analysis up to a frame or a time since the first frame (both: whichever comes first). */
    void analyseUntil(long frame, long relativeNanos) {
        LoadedCapture c = capture;
        if (c == null) {
            return;
        }
        long mine = ++generation; // whatever is still running for an earlier request is stale now
        if (frame == Long.MAX_VALUE && relativeNanos >= (long) (slider.getMax() * 1e9)) {
            showTables(c.analyzer.tables(), "at the end");
            return;
        }
        Task<Analyzer> task = new Task<>() {
            @Override
            protected Analyzer call() throws Exception {
                Analyzer a = new Analyzer(c.analysisConfig);
                try (TappedReader input = TappedReader.of(Captures.open(c.readable(), c.file.toString()),
                        c.file.toString(), c.taps)) {
                    CaptureAnalysis.run(input.reader(), c.dissectorConfig, a, frame, relativeNanos, null, null,
                            input.taps());
                }
                return a;
            }
        };
        task.setOnSucceeded(e -> {
            if (mine == generation) {
                showTables(task.getValue().tables(), frame != Long.MAX_VALUE ? "as of frame " + frame
                        : String.format(Locale.ROOT, "as of %.3f s", relativeNanos / 1e9));
            }
        });
        background.submit(task);
    }

    /** The label changes once the rows it describes are in (a reader of the label never sees the old rows). */
    private void showTables(Map<String, DpuState> t, String label) {
        this.tables = t;
        refresh();
        asOf.setText(label);
    }

    /** The lines shown now (for tests: what the user sees). */
    List<Line> lines() {
        return table.getItems();
    }

    private void refresh() {
        if (tables == null) {
            return;
        }
        String chosen = which.getValue();
        String needle = search.getText() == null ? "" : search.getText().trim();
        List<Line> out = new ArrayList<>();
        if (chosen == null || chosen.equals(DIFF)) {
            for (TableDiff.Row r : TableDiff.of(tables)) {
                if (onlyDifferences.isSelected() && r.difference() == TableDiff.Difference.NONE) {
                    continue;
                }
                out.add(new Line(r.owner() + " → " + r.peer(), r.connection(), entry(r.own()), entry(r.copy()),
                        r.difference().label()));
            }
        } else {
            DpuState d = tables.get(chosen);
            if (d != null) {
                for (TableEntry e : TableDiff.byFrame(d.own())) {
                    out.add(new Line(d.address() + " (own)", e.connection(), entry(e), "", ""));
                }
                for (TableEntry e : TableDiff.byFrame(d.peer())) {
                    out.add(new Line(d.address() + " (peer copy)", e.connection(), "", entry(e), ""));
                }
            }
        }
        out.removeIf(l -> !needle.isEmpty() && !l.connection().toString().contains(needle));
        table.setItems(FXCollections.observableArrayList(out));
    }

    static String entry(TableEntry e) {
        if (e == null) {
            return "—";
        }
        String state = HasyncFields.CONN_STATES.name(e.state());
        return (state == null ? Integer.toString(e.state()) : state) + " v" + e.version() + " (frame " + e.frame() + ")";
    }
}
