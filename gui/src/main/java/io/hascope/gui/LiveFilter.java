package io.hascope.gui;

import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.NamedTaps;
import io.hascope.capture.FrameStore;
import io.hascope.capture.InterfaceInfo;
import io.hascope.decode.DissectorConfig;
import io.hascope.filter.DisplayFilter;
import io.hascope.live.FilteredFrames;
import java.io.IOException;
import java.util.List;

/**
 * A display filter over a live capture's frames as they come, as Wireshark filters while it captures, on a thread
 * of its own ({@link FilteredFrames} judges them; with the analysis fields it runs an analysis of its own, so a
 * frame comes into the list, or leaves it, as the analysis learns more of it). The packet list takes the matches at
 * each tick.
 */
final class LiveFilter {
    private final FilteredFrames filtered;
    private final Thread thread;
    private volatile Exception failure;

    /** Starts filtering frames (a live capture's, as they are added) from the first. */
    LiveFilter(DisplayFilter filter, FrameStore frames, DissectorConfig dissectorConfig, AnalysisConfig analysisConfig,
               List<InterfaceInfo> interfaces, NamedTaps taps) {
        this.filtered = new FilteredFrames(filter, frames, dissectorConfig, analysisConfig, interfaces, taps);
        this.thread = new Thread(this::run, "hascope-live-filter");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the filter names an analysis field, whose frames come as the analysis learns of them. */
    boolean usesAnalysis() {
        return filtered.usesAnalysis();
    }

    private void run() {
        try {
            filtered.run();
        } catch (IOException | RuntimeException e) {
            failure = e;
        } catch (OutOfMemoryError e) {
            // the filter's own analysis filled the heap: it is let go, and the capture goes on without the filter
            failure = new IOException("out of memory (a heap of " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB): clear the filter, or filter the file once the capture stops");
        }
    }

    /** On the JavaFX thread: the frames that matched since the last call (or all of them, when some left). */
    FilteredFrames.Update newMatches() {
        return filtered.take();
    }

    /** Frames filtered so far. */
    int checked() {
        return filtered.checked();
    }

    /** Why filtering stopped early (a frame that could not be read back), or null. */
    Exception failure() {
        return failure;
    }

    void stop() {
        filtered.stop();
    }
}
