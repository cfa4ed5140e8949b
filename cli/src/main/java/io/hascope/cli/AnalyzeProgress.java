package io.hascope.cli;

import io.hascope.analysis.CaptureAnalysis;
import java.io.PrintStream;
import java.util.Locale;

/**
 * analyze's progress on standard error, rewritten in place: share of the file read when it is one file of known
 * size, frames otherwise. Only on a terminal, only after the first second, at most five times a second; cleared.
 */
final class AnalyzeProgress implements CaptureAnalysis.Progress {
    private final PrintStream err;
    private final long totalBytes;
    private final long started = System.nanoTime();
    private long lastPrinted;
    private boolean shown;

    private AnalyzeProgress(PrintStream err, long totalBytes) {
        this.err = err;
        this.totalBytes = totalBytes;
    }

    /** A progress line, or null when it must stay silent (-q, or standard error is not a terminal). */
    static AnalyzeProgress forTerminal(boolean quiet, long totalBytes) {
        return quiet || System.console() == null ? null : new AnalyzeProgress(System.err, totalBytes);
    }

    @Override
    public void at(long frames, long fileOffset) {
        long now = System.nanoTime();
        if (now - started < 1_000_000_000L || now - lastPrinted < 200_000_000L) {
            return;
        }
        lastPrinted = now;
        shown = true;
        err.print(format(frames, fileOffset, totalBytes, (now - started) / 1e9) + "\r");
        err.flush();
    }

    static String format(long frames, long fileOffset, long totalBytes, double seconds) {
        if (totalBytes > 0 && fileOffset >= 0) {
            double share = Math.min(1, fileOffset / (double) totalBytes);
            int filled = (int) Math.round(share * 30);
            return String.format(Locale.ROOT, "hascope: [%s%s] %5.1f %%  %,d frames  %.0f s   ", "#".repeat(filled),
                    " ".repeat(30 - filled), 100 * share, frames, seconds);
        }
        return String.format(Locale.ROOT, "hascope: %,d frames analysed  %.0f s   ", frames, seconds);
    }

    void done() {
        if (shown) {
            err.print(" ".repeat(79) + "\r");
            err.flush();
        }
    }
}
