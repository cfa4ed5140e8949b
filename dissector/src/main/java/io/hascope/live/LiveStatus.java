package io.hascope.live;

import io.hascope.analysis.LiveFigures;

/**
 * A live session as of one moment: what was captured, written and analysed, what was refused by hascope's own
 * queues (the file's or the analysis') and lost before hascope (libpcap's counters), and the analysis' figures.
 */
public record LiveStatus(long elapsedNanos, long framesCaptured, long bytesCaptured, long framesWritten,
                         long framesAnalysed, long writerRefused, long analysisRefused, long analysisBacklog,
                         LiveCapture.Drops drops, LiveFigures figures, String captureError, String writeError) {

    /** The analysis is behind the capture (frames waiting) or had to skip frames. */
    public boolean analysisLagging() {
        return analysisRefused > 0 || analysisBacklog > 10_000;
    }
}
