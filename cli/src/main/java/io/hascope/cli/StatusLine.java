package io.hascope.cli;

import java.io.PrintStream;

/**
 * One line on standard error, rewritten in place: only on a terminal, only once a run has taken more than a second,
 * at most five times a second, cleared at the end. What the line says is its user's business.
 */
final class StatusLine {
    private final PrintStream err;
    private final long started = System.nanoTime();
    private long lastPrinted;
    private boolean shown;

    private StatusLine(PrintStream err) {
        this.err = err;
    }

    /** A status line, or null when it must stay silent (-q, or standard error is not a terminal). */
    static StatusLine forTerminal(boolean quiet) {
        return quiet || System.console() == null ? null : new StatusLine(System.err);
    }

    /** True when a new text may be shown now. */
    boolean due() {
        long now = System.nanoTime();
        if (now - started < 1_000_000_000L || now - lastPrinted < 200_000_000L) {
            return false;
        }
        lastPrinted = now;
        return true;
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    void show(String text) {
        shown = true;
        err.print(text + "\r");
        err.flush();
    }

    void done() {
        if (shown) {
            err.print(" ".repeat(79) + "\r");
            err.flush();
        }
    }
}
