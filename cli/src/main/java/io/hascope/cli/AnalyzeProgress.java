package io.hascope.cli;

import io.hascope.analysis.CaptureAnalysis;
import java.util.Locale;

/**
 * analyze's progress on standard error: share of the file read when it is one file of known size, frames otherwise
 * (see {@link StatusLine}).
 */
final class AnalyzeProgress implements CaptureAnalysis.Progress {
    private final StatusLine line;
    private final long totalBytes;

    private AnalyzeProgress(StatusLine line, long totalBytes) {
        this.line = line;
        this.totalBytes = totalBytes;
    }

    /** A progress line, or null when it must stay silent (-q, or standard error is not a terminal). */
    static AnalyzeProgress forTerminal(boolean quiet, long totalBytes) {
        StatusLine line = StatusLine.forTerminal(quiet);
        return line == null ? null : new AnalyzeProgress(line, totalBytes);
    }

    @Override
    public void at(long frames, long fileOffset) {
        if (line.due()) {
            line.show(format(frames, fileOffset, totalBytes, line.seconds()));
        }
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
        line.done();
    }
}
