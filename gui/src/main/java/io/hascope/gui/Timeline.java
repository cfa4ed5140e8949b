package io.hascope.gui;

import io.hascope.analysis.Analyzer;
import io.hascope.analysis.LiveFigures;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.ForwardingCaptureReader;
import io.hascope.capture.Frame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The analysis' running figures once per second of capture time, taken while it runs: a reader in front of the
 * analysis that asks the analyzer for its figures whenever a frame starts a new second (same thread, between
 * frames). Counters only grow, so neighbouring samples give rates.
 */
final class Timeline extends ForwardingCaptureReader {
    /** Seconds since the first frame, and the figures as of then. */
    record Sample(double seconds, LiveFigures figures) {
    }

    private final Analyzer analyzer;
    private final List<Sample> samples = new ArrayList<>();
    private long first = Long.MIN_VALUE;
    private long nextSecond;

    Timeline(CaptureReader inner, Analyzer analyzer) {
        super(inner);
        this.analyzer = analyzer;
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        boolean more = inner.next(frame);
        if (more) {
            if (first == Long.MIN_VALUE) {
                first = frame.timeNanos();
                nextSecond = first;
            }
            while (frame.timeNanos() >= nextSecond) {
                samples.add(new Sample((nextSecond - first) / 1e9, analyzer.liveFigures()));
                nextSecond += 1_000_000_000L;
            }
        } else if (first != Long.MIN_VALUE) {
            samples.add(new Sample((analyzer.liveFigures().lastTimeNanos() - first) / 1e9, analyzer.liveFigures()));
        }
        return more;
    }

    List<Sample> samples() {
        return samples;
    }
}
