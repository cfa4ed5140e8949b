package io.hascope.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.Finding;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.decode.DissectorConfig;
import io.hascope.SharedFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live session end to end without an interface: its source plays a capture file as fast as it can, which is the
 * hardest a line can push. The file must get every frame, and the live analysis must end where analyze ends.
 */
class LiveSessionTest {
    @TempDir
    Path dir;

    /** Frames of a capture, handed over as libpcap would hand them (a fresh array each). */
    static final class FileSource extends EthernetTestSource {
        private final Path file;
        private volatile boolean stopping;

        FileSource(Path file) {
            super(file.getFileName().toString());
            this.file = file;
        }

        @Override
        public void run(LiveCapture.Handler handler) throws LiveCaptureException {
            try (CaptureReader r = Captures.open(file.toString())) {
                Frame f = new Frame();
                while (!stopping && r.next(f)) {
                    handler.frame(0, f.copyBytes(), f.timeNanos(), f.originalLength());
                }
            } catch (java.io.IOException e) {
                throw new LiveCaptureException(e.getMessage(), false);
            }
        }

        @Override
        public void stop() {
            stopping = true;
        }

        @Override
        public LiveCapture.Drops drops() {
            return new LiveCapture.Drops(0, 0, 0);
        }
    }

    private static List<byte[]> frames(Path p) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (CaptureReader r = Captures.open(p.toString())) {
            Frame f = new Frame();
            while (r.next(f)) {
                out.add(f.copyBytes());
            }
            assertNull(r.problem());
        }
        return out;
    }

    private static List<String> keys(List<Finding> findings) {
        return findings.stream().map(f -> f.type() + " " + f.frame() + " " + f.dpu() + " " + f.connection() + " "
                + f.reason()).toList();
    }

    @Test
    void theFileGetsEveryFrameAndTheLiveAnalysisEndsWhereAnalyzeEnds() throws Exception {
        Path sample = SharedFiles.samples().resolve("model-hold-failover.pcapng");
        Path written = dir.resolve("live.pcapng");
        Analyzer live = new Analyzer(new AnalysisConfig());
        LiveSession s = new LiveSession(new FileSource(sample), new RingFileWriter(written, "test", 0, 0, 0), live,
                DissectorConfig.defaults(), null, LiveSession.Limits.none());
        s.start();
        assertTrue(s.await(60, TimeUnit.SECONDS));
        List<byte[]> expected = frames(sample);
        List<byte[]> got = frames(written);
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < got.size(); i++) {
            assertArrayEquals(expected.get(i), got.get(i), "frame " + (i + 1));
        }
        LiveStatus end = s.status();
        assertEquals(expected.size(), end.framesCaptured());
        assertEquals(expected.size(), end.framesWritten());
        assertEquals(0, end.writerRefused() + end.analysisRefused());

        Analyzer offline = new Analyzer(new AnalysisConfig());
        try (CaptureReader r = Captures.open(sample.toString())) {
            CaptureAnalysis.run(r, DissectorConfig.defaults(), offline, Long.MAX_VALUE, Long.MAX_VALUE);
        }
        assertTrue(offline.findings().size() > 10);
        assertEquals(keys(offline.result("x").findings()), keys(s.analyzer().result("x").findings()),
                "the same findings, timings and reasons included: the frames carry their own times");
        List<String> streamed = new ArrayList<>();
        for (Finding f = s.nextNewFinding(); f != null; f = s.nextNewFinding()) {
            streamed.add(f.type() + " " + f.frame());
        }
        assertEquals(offline.findings().size(), streamed.size(), "each finding was also published as it came");
    }

    @Test
    void anAnalysisThatFallsBehindSkipsAndCountsFramesWhileTheFileStillGetsThemAll() throws Exception {
        Path sample = SharedFiles.samples().resolve("model-rudp-hold-loss5.pcapng");
        Path written = dir.resolve("lagging.pcapng");
        LiveSession s = new LiveSession(new FileSource(sample), new RingFileWriter(written, "test", 0, 0, 0),
                new Analyzer(new AnalysisConfig()), DissectorConfig.defaults(), null,
                new LiveSession.Limits(0, 0, 1 << 16, 64L << 20, 2));
        s.start();
        assertTrue(s.await(60, TimeUnit.SECONDS));
        LiveStatus end = s.status();
        int frames = frames(sample).size();
        assertEquals(frames, frames(written).size(), "the file's queue is not the analysis' queue");
        assertTrue(end.analysisRefused() > 0, "a queue of two frames cannot hold a file read at full speed");
        assertEquals(frames, end.framesAnalysed() + end.analysisRefused(), "every frame analysed or counted as skipped");
    }
}
