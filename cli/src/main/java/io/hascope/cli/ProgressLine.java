package io.hascope.cli;

import io.hascope.model.Model;
import java.io.PrintStream;
import java.util.Locale;

/**
 * One line on standard error, rewritten in place: simulated time, connections, frames written. Only on a terminal,
 * only once a run has taken more than a second, at most five times a second; cleared at the end.
 */
final class ProgressLine implements Model.Progress {
    private final PrintStream err;
    private final long started = System.nanoTime();
    private long lastPrinted;
    private boolean shown;

    private ProgressLine(PrintStream err) {
        this.err = err;
    }

    /** A progress line, or null when it must stay silent (-q, or standard error is not a terminal). */
    static ProgressLine forTerminal(boolean quiet) {
        return quiet || System.console() == null ? null : new ProgressLine(System.err);
    }

    @Override
    public void at(long simulatedNanos, long endNanos, int connections, long frames) {
        long now = System.nanoTime();
        if (now - started < 1_000_000_000L || now - lastPrinted < 200_000_000L) {
            return;
        }
        lastPrinted = now;
        shown = true;
        err.print(format(simulatedNanos, endNanos, connections, frames) + "\r");
        err.flush();
    }

    static String format(long simulatedNanos, long endNanos, int connections, long frames) {
        return String.format(Locale.ROOT, "hascope: %5.1f of %.1f s simulated, %,d connections, %,d frames   ",
                simulatedNanos / 1e9, endNanos / 1e9, connections, frames);
    }

    void done() {
        if (shown) {
            err.print(" ".repeat(79) + "\r");
            err.flush();
        }
    }
}
