package io.hascope.live;

import io.hascope.analysis.LiveFigures;
import java.util.List;

/**
 * A live session as of one moment: what was captured, written and analysed, what was refused by hascope's own
 * queues (the file's or the analysis') and lost before hascope (libpcap's counters), each interface's share when
 * there are several (empty for one), and the analysis' figures.
 */
public record LiveStatus(long elapsedNanos, long framesCaptured, long bytesCaptured, long framesWritten,
                         long framesAnalysed, long writerRefused, long analysisRefused, long analysisBacklog,
                         LiveCapture.Drops drops, List<InterfaceCount> interfaces, LiveFigures figures,
                         String captureError, String writeError) {

    /** How long an interface may stay silent while another captures before it is called silent. */
    public static final long SILENT_AFTER_NANOS = 5_000_000_000L;

    /**
     * An interface that has captured nothing for the first {@link #SILENT_AFTER_NANOS} while another has: a tap whose
     * mirror port sends nothing, so the capture is one-sided; null when there is none.
     */
    public String silentInterface() {
        if (elapsedNanos < SILENT_AFTER_NANOS || interfaces.stream().noneMatch(i -> i.frames() > 0)) {
            return null;
        }
        return interfaces.stream().filter(i -> i.frames() == 0).map(InterfaceCount::name).findFirst().orElse(null);
    }

    /** The analysis is behind the capture (frames waiting) or had to skip frames. */
    public boolean analysisLagging() {
        return analysisRefused > 0 || analysisBacklog > 10_000;
    }
}
