package io.hascope.gui;

import io.hascope.analysis.Finding;
import io.hascope.analysis.FindingType;
import io.hascope.analysis.LiveFigures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.VBox;
import javafx.scene.layout.Priority;

/**
 * The capture over time, one point a second: sync requests and replies per second in each direction, holds in
 * flight, both tables' sizes; findings per second and failovers as their own series. Clicking a chart selects the
 * frame nearest that moment.
 */
final class TimelineView extends VBox {
    final LineChart<Number, Number> rates = chart("Requests and replies per second, by direction");
    final LineChart<Number, Number> state = chart("Tables and holds");
    private LoadedCapture capture;

    TimelineView(IntConsumer goToFrame) {
        setId("timeline");
        rates.setId("timeline-rates");
        state.setId("timeline-state");
        VBox.setVgrow(rates, Priority.ALWAYS);
        VBox.setVgrow(state, Priority.ALWAYS);
        getChildren().addAll(rates, state);
        for (LineChart<Number, Number> c : List.of(rates, state)) {
            c.setOnMouseClicked(e -> {
                if (capture == null || capture.index.size() == 0) {
                    return;
                }
                NumberAxis x = (NumberAxis) c.getXAxis();
                double local = x.sceneToLocal(e.getSceneX(), e.getSceneY()).getX();
                double seconds = x.getValueForDisplay(local).doubleValue();
                goToFrame.accept(nearestFrame(capture, seconds));
            });
        }
    }

    private static LineChart<Number, Number> chart(String title) {
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds since the first frame");
        LineChart<Number, Number> c = new LineChart<>(x, new NumberAxis());
        c.setTitle(title);
        c.setCreateSymbols(false);
        c.setAnimated(false);
        return c;
    }

    /** The frame whose time is nearest seconds after the first frame. */
    static int nearestFrame(LoadedCapture c, double seconds) {
        long target = c.index.timeNanos(1) + (long) (seconds * 1e9);
        int lo = 1;
        int hi = c.index.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (c.index.timeNanos(mid) < target) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 1 && Math.abs(c.index.timeNanos(lo - 1) - target) <= Math.abs(c.index.timeNanos(lo) - target)) {
            return lo - 1;
        }
        return lo;
    }

    void show(LoadedCapture c) {
        this.capture = c;
        Map<String, XYChart.Series<Number, Number>> series = new LinkedHashMap<>();
        List<Timeline.Sample> samples = c.timeline;
        for (int i = 1; i < samples.size(); i++) {
            Timeline.Sample before = samples.get(i - 1);
            Timeline.Sample now = samples.get(i);
            double dt = Math.max(1e-9, now.seconds() - before.seconds());
            for (LiveFigures.Side d : now.figures().dpus()) {
                LiveFigures.Side b = before.figures().side(d.address());
                add(series, d.address() + " → " + d.peer() + " requests/s", now.seconds(),
                        (d.requests() - (b == null ? 0 : b.requests())) / dt);
                add(series, d.address() + " → " + d.peer() + " replies/s", now.seconds(),
                        (d.replies() - (b == null ? 0 : b.replies())) / dt);
            }
        }
        Map<String, XYChart.Series<Number, Number>> levels = new LinkedHashMap<>();
        for (double[] step : c.heldInFlight) { // every change, not one sample a second (see the Holds view)
            add(levels, "packets held in flight", step[0], step[1]);
        }
        for (Timeline.Sample s : samples) {
            for (LiveFigures.Side d : s.figures().dpus()) {
                add(levels, d.address() + " own entries", s.seconds(), d.own());
                add(levels, d.address() + " peer copies", s.seconds(), d.peerCopies());
            }
        }
        double first = c.index.size() == 0 ? 0 : c.index.timeNanos(1) / 1e9;
        Map<Long, Integer> findingsPerSecond = new java.util.TreeMap<>();
        for (Finding f : c.result.findings()) {
            findingsPerSecond.merge((long) Math.floor(f.timeNanos() / 1e9 - first), 1, Integer::sum);
            if (f.type() == FindingType.FAILOVER) {
                add(levels, "failover", f.timeNanos() / 1e9 - first, 0);
                add(levels, "failover", f.timeNanos() / 1e9 - first, maxLevel(levels));
            }
        }
        for (Map.Entry<Long, Integer> e : findingsPerSecond.entrySet()) {
            add(series, "findings per second", e.getKey(), e.getValue());
        }
        rates.getData().setAll(series.values());
        state.getData().setAll(levels.values());
    }

    private static double maxLevel(Map<String, XYChart.Series<Number, Number>> levels) {
        double max = 1;
        for (XYChart.Series<Number, Number> s : levels.values()) {
            for (XYChart.Data<Number, Number> d : s.getData()) {
                max = Math.max(max, d.getYValue().doubleValue());
            }
        }
        return max;
    }

    private static void add(Map<String, XYChart.Series<Number, Number>> series, String name, double x, double y) {
        series.computeIfAbsent(name, n -> {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(n);
            return s;
        }).getData().add(new XYChart.Data<>(x, y));
    }
}
