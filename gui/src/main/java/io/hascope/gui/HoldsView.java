package io.hascope.gui;

import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.collections.FXCollections;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.geometry.Orientation;

/**
 * Every hold (a request that held customer packets until its reply): its request and reply frames, the packets it
 * held, resends, outcome and hold time; above, the packets held in flight over time, as steps whose highest is the
 * scorecard's peak. A click on a hold selects its request.
 */
final class HoldsView extends SplitPane {
    /** About one point per pixel of a wide window: more changes than this are drawn as the peak of each span. */
    static final int CHART_POINTS = 4000;

    final TableView<HoldRecord> table = new TableView<>();
    final LineChart<Number, Number> chart = new LineChart<>(new NumberAxis(), new NumberAxis());

    HoldsView(IntConsumer goToFrame) {
        setId("holds");
        setOrientation(Orientation.VERTICAL);
        table.setId("holds-table");
        chart.setId("holds-chart");
        chart.setTitle("Packets held in flight");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        ((NumberAxis) chart.getXAxis()).setLabel("seconds since the first frame");
        ((NumberAxis) chart.getYAxis()).setLabel("packets held");
        table.getColumns().add(TextColumn.of("Request", 80, h -> Long.toString(h.frame())));
        table.getColumns().add(TextColumn.of("Reply", 80,
                h -> h.replyFrame() < 0 ? "—" : Long.toString(h.replyFrame())));
        table.getColumns().add(TextColumn.of("DPU → peer", 220, h -> h.dpu() + " → " + h.peer()));
        table.getColumns().add(TextColumn.of("Packets", 70, h -> Integer.toString(h.packets())));
        table.getColumns().add(TextColumn.of("Resends", 70, h -> Integer.toString(h.resends())));
        table.getColumns().add(TextColumn.of("Outcome", 90, HoldRecord::outcome));
        table.getColumns().add(TextColumn.of("Hold time", 100, h -> h.replyNanos() < 0 ? "—"
                : String.format(Locale.ROOT, "%.3f ms", h.replyNanos() / 1e6)));
        table.getColumns().add(TextColumn.of("Connection", 420,
                h -> h.connection() == null ? "" : h.connection().toString()));
        table.setRowFactory(t -> {
            TableRow<HoldRecord> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty()) {
                    goToFrame.accept((int) row.getItem().frame());
                }
            });
            return row;
        });
        getItems().addAll(chart, table);
        setDividerPositions(0.35);
    }


    void show(LoadedCapture c) {
        table.setItems(FXCollections.observableArrayList(c.holds));
        XYChart.Series<Number, Number> inFlight = new XYChart.Series<>();
        for (double[] point : c.heldInFlight) {
            inFlight.getData().add(new XYChart.Data<>(point[0], point[1]));
        }
        chart.getData().setAll(java.util.List.of(inFlight));
    }
}
