package io.hascope.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.decode.DissectorConfig;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The brief's "no per-frame allocation on the analysis path": once the tables have grown to the live connections of
 * a steady run, reading, decoding and analysing another 65,536 frames allocates next to nothing — requests, their
 * messages and the queues that find them are reused, not made per frame.
 */
class SteadyStateAllocationTest {
    @Test
    void aSteadyHoldModeRunAllocatesNothingPerFrameOnceItsTablesHaveGrown() throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.HOLD);
        c.duration = 40 * ModelConfig.S;
        c.cps = 1_500;
        ModelHarness h = ModelHarness.run(c);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        List<long[]> marks = new ArrayList<>(); // frames read, bytes this thread allocated so far
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(h.capture), "steady.pcapng")) {
            CaptureAnalysis.run(r, DissectorConfig.defaults(), new Analyzer(new AnalysisConfig()), Long.MAX_VALUE,
                    Long.MAX_VALUE, null, (frames, offset) -> marks.add(new long[] {frames,
                            threads.getThreadAllocatedBytes(thread)}));
        }
        assertTrue(marks.size() >= 3, "the run reads at least 196,608 frames: " + marks.size() * 65_536);
        long[] from = marks.get(marks.size() - 2);
        long[] to = marks.get(marks.size() - 1);
        double perFrame = (double) (to[1] - from[1]) / (to[0] - from[0]);
        assertTrue(perFrame < 1.0, perFrame + " bytes allocated per frame between frames " + from[0] + " and " + to[0]);
    }
}
