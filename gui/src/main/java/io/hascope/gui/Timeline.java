package io.hascope.gui;

import io.hascope.analysis.Analyzer;
import io.hascope.analysis.LiveFigures;
import java.util.ArrayList;
import java.util.List;

/**
 * The analysis' running figures once per second of capture time, taken while it runs: the analyzer calls as each
 * second begins, on its own clock and thread, before the frame that begins it is analysed. Counters only grow, so
 * neighbouring samples give rates.
 */
final class Timeline implements Analyzer.Seconds {
    /** Seconds since the first frame, and the figures as of then. */
    record Sample(double seconds, LiveFigures figures) {
    }

    private final Analyzer analyzer;
    private final List<Sample> samples = new ArrayList<>();

    Timeline(Analyzer analyzer) {
        this.analyzer = analyzer;
        analyzer.onSeconds(this);
    }

    @Override
    public void begins(long secondsSinceFirst) {
        samples.add(new Sample(secondsSinceFirst, analyzer.liveFigures()));
    }

    /** The last sample, as of the last frame. */
    @Override
    public void ends() {
        LiveFigures last = analyzer.liveFigures();
        if (last.frames() > 0) {
            samples.add(new Sample((last.lastTimeNanos() - last.firstTimeNanos()) / 1e9, last));
        }
    }

    List<Sample> samples() {
        return samples;
    }
}
