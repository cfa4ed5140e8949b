package io.hascope.cli;

import io.hascope.model.Model;
import java.util.Locale;

/** simulate's progress on standard error: simulated time, connections, frames written (see {@link StatusLine}). */
final class ProgressLine implements Model.Progress {
    private final StatusLine line;

    private ProgressLine(StatusLine line) {
        this.line = line;
    }

    /** A progress line, or null when it must stay silent (-q, or standard error is not a terminal). */
    static ProgressLine forTerminal(boolean quiet) {
        StatusLine line = StatusLine.forTerminal(quiet);
        return line == null ? null : new ProgressLine(line);
    }

    @Override
    public void at(long simulatedNanos, long endNanos, int connections, long frames) {
        if (line.due()) {
            line.show(format(simulatedNanos, endNanos, connections, frames));
        }
    }

    static String format(long simulatedNanos, long endNanos, int connections, long frames) {
        return String.format(Locale.ROOT, "hascope: %5.1f of %.1f s simulated, %,d connections, %,d frames   ",
                simulatedNanos / 1e9, endNanos / 1e9, connections, frames);
    }

    void done() {
        line.done();
    }
}
