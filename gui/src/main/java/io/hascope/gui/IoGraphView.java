package io.hascope.gui;

import io.hascope.analysis.FrameNotes;
import io.hascope.capture.Frame;
import io.hascope.capture.FrameStore;
import io.hascope.decode.Dissector;
import io.hascope.event.SyncEventSink;
import io.hascope.field.FieldTree;
import io.hascope.stats.IoStatistics;
import io.hascope.stats.IoStatistics.Calc;
import io.hascope.stats.IoStatistics.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.IntConsumer;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * Wireshark's I/O Graph over hascope's fields: one line per graph, each a column of {@code decode -z io,stat} (a
 * display filter, FRAMES, BYTES, or COUNT|SUM|MIN|MAX|AVG(field)[filter]) counted every interval, the analysis fields
 * among them (lost replies, findings, the slowest reply per interval). A filter graphs its frames per interval; a
 * function its value, times in seconds. The frames are dissected again in the background, with the analysis fields
 * the load added, once the view is on screen; a click on the chart selects the frame nearest that moment.
 */
final class IoGraphView extends BorderPane {
    static final String DEFAULT_GRAPHS = "FRAMES,hasync.analysis.finding";
    /** Graphs an HA engineer draws first, by name: choosing one puts its columns in the field and draws them. */
    static final java.util.Map<String, String> PRESETS = presets();
    final ComboBox<String> preset = new ComboBox<>();
    final LineChart<Number, Number> chart;
    final ComboBox<String> interval = new ComboBox<>();
    final TextField graphs = new TextField(DEFAULT_GRAPHS);
    final Button draw = new Button("Draw");
    final Label message = new Label();
    private final ExecutorService background;
    private LoadedCapture capture;
    /** Bumped by each draw, so that an older one finishing late does not replace a newer one's lines. */
    private int drawing;
    /** The capture shown has not been counted yet. */
    private boolean stale;
    /** Completes when the latest draw has its lines (or could not count them). */
    private java.util.concurrent.CompletableFuture<Void> drawn = java.util.concurrent.CompletableFuture
            .completedFuture(null);

    IoGraphView(ExecutorService background, IntConsumer goToFrame) {
        this.background = background;
        setId("io-graph");
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds since the first frame");
        NumberAxis y = new NumberAxis();
        y.setLabel("per interval");
        chart = new LineChart<>(x, y);
        chart.setId("io-graph-chart");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        interval.getItems().addAll("0.001", "0.01", "0.1", "1", "10", "60");
        interval.setValue("1");
        interval.setEditable(true); // any interval, typed as -z io,stat takes it
        interval.setId("io-graph-interval");
        graphs.setId("io-graph-graphs");
        graphs.setPromptText("graphs, as -z io,stat columns: FRAMES,hasync.analysis.lost_reply,MAX(hasync.analysis"
                + ".reply_time)");
        draw.setId("io-graph-draw");
        message.setId("io-graph-message");
        preset.getItems().addAll(PRESETS.keySet());
        preset.setPromptText("Presets");
        preset.setId("io-graph-preset");
        preset.setOnAction(e -> {
            String chosen = PRESETS.get(preset.getValue());
            if (chosen != null) {
                graphs.setText(chosen);
                draw();
            }
        });
        draw.setOnAction(e -> draw());
        graphs.setOnAction(e -> draw());
        interval.setOnAction(e -> draw());
        HBox.setHgrow(graphs, Priority.ALWAYS);
        HBox controls = new HBox(6, new Label("Interval (s)"), interval, preset, new Label("Graphs"), graphs, draw);
        controls.setPadding(new Insets(4));
        setTop(controls);
        setCenter(chart);
        setBottom(message);
        chart.setOnMouseClicked(e -> {
            LoadedCapture c = capture;
            if (c == null || c.index.size() == 0) {
                return;
            }
            double local = x.sceneToLocal(e.getSceneX(), e.getSceneY()).getX();
            goToFrame.accept(TimelineView.nearestFrame(c, x.getValueForDisplay(local).doubleValue()));
        });
    }

    private static java.util.Map<String, String> presets() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("Frames and findings", DEFAULT_GRAPHS);
        m.put("Requests and replies", "hasync.flags.reply == 0,hasync.flags.reply == 1");
        m.put("Lost replies and the slowest reply", "hasync.analysis.lost_reply,MAX(hasync.analysis.reply_time)");
        m.put("Messages sent in requests", "SUM(hasync.msg_count)hasync.flags.reply == 0");
        m.put("Zombies, divergences and failovers", "hasync.analysis.finding == zombie,"
                + "hasync.analysis.finding == divergence,hasync.analysis.finding == failover");
        m.put("rUDP gaps and retransmissions", "rudp.analysis.gap,rudp.analysis.retransmission");
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * A capture analysed: its graphs are counted now if the view is on screen, else when it comes on screen (a pass
     * over every frame that a window whose graph is never looked at need not make).
     */
    void show(LoadedCapture c, boolean onScreen) {
        this.capture = c;
        stale = true;
        chart.getData().clear();
        message.setText("");
        if (onScreen) {
            becameVisible();
        }
    }

    /** The view's tab was chosen: the graphs of a capture not counted yet are. */
    void becameVisible() {
        if (stale) {
            draw();
        }
    }

    /** Counts the graphs over the capture in the background; a column that cannot be counted is said below. */
    void draw() {
        LoadedCapture c = capture;
        if (c == null) {
            return;
        }
        IoStatistics stats;
        try {
            stats = IoStatistics.parse(interval.getValue() + "," + graphs.getText());
            if (stats.intervalMicros() == 0) {
                throw new IllegalArgumentException("the interval must be longer than 0");
            }
        } catch (IllegalArgumentException e) {
            message.setText("io,stat: " + e.getMessage());
            message.getStyleClass().add("status-error");
            return;
        }
        stale = false;
        message.getStyleClass().remove("status-error");
        message.setText("counting …");
        int mine = ++drawing;
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        drawn = done;
        Task<List<XYChart.Series<Number, Number>>> task = new Task<>() {
            @Override
            protected List<XYChart.Series<Number, Number>> call() throws Exception {
                count(c, stats);
                if (stats.tooManyIntervals() > 0) {
                    throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the capture spans %,d"
                            + " intervals of that length, more than the %,d a graph holds: choose a longer interval",
                            stats.tooManyIntervals(), IoStatistics.MAX_ROWS));
                }
                return lines(stats);
            }
        };
        task.setOnSucceeded(e -> {
            if (mine == drawing) {
                chart.getData().setAll(task.getValue());
                message.setText(String.format(java.util.Locale.ROOT, "%d graphs, %d intervals of %s s",
                        stats.columns().size(), stats.rows(), interval.getValue()));
            }
            done.complete(null);
        });
        task.setOnFailed(e -> {
            if (mine == drawing) {
                message.setText("the graphs could not be counted: " + task.getException().getMessage());
            }
            done.complete(null);
        });
        background.submit(task);
    }

    /** Completes once the latest draw's lines are shown (at once when nothing is being counted). */
    java.util.concurrent.CompletableFuture<Void> drawn() {
        return drawn;
    }

    /** Every frame of the capture, dissected with the analysis fields the load added, into stats. */
    static void count(LoadedCapture c, IoStatistics stats) throws java.io.IOException {
        Dissector d = new Dissector(c.dissectorConfig);
        if (c.index.size() > 0) {
            d.setTimeReference(c.index.timeNanos(1));
        }
        FieldTree tree = FieldTree.only(stats.fields());
        FrameNotes notes = c.annotations;
        Frame f = new Frame();
        try (FrameStore frames = c.index.secondReader()) {
            for (int n = 1; n <= c.index.size(); n++) {
                d.dissect(frames.read(n, f), tree, SyncEventSink.NONE);
                if (notes != null) {
                    notes.addTo(n, tree);
                }
                stats.frame(f, tree);
            }
        }
    }

    /** A line per column: frames per interval for a filter, the value for a function (times in seconds). */
    static List<XYChart.Series<Number, Number>> lines(IoStatistics stats) {
        List<XYChart.Series<Number, Number>> out = new ArrayList<>();
        double step = stats.intervalMicros() / 1e6;
        for (int col = 0; col < stats.columns().size(); col++) {
            Column column = stats.columns().get(col);
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(column.text() == null ? "frames" : column.text());
            for (int r = 0; r < stats.rows(); r++) {
                double y = column.calc() == Calc.FRAMES_AND_BYTES || column.calc() == Calc.FRAMES
                        ? stats.frames(col, r)
                        : column.timeValued() && column.calc() != Calc.COUNT ? stats.value(col, r) / 1e9
                        : stats.value(col, r);
                s.getData().add(new XYChart.Data<>(r * step, y));
            }
            out.add(s);
        }
        return out;
    }
}
