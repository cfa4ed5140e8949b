package io.hascope.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.Finding;
import io.hascope.analysis.FindingType;
import io.hascope.capture.InterfaceInfo;
import io.hascope.encode.FrameEncoder;
import io.hascope.encode.HasyncEncoder;
import io.hascope.encode.HasyncEncoder.Flags;
import io.hascope.encode.StateUpdate;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.CaptureWriter;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.decode.DissectorConfig;
import io.hascope.SharedFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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

    /** A source that nothing drops frames of, stopped by a flag its run() reads. */
    abstract static class StoppableSource extends EthernetTestSource {
        volatile boolean stopping;

        StoppableSource(String name) {
            super(name);
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

    /**
     * Frames of a capture, handed over as libpcap would hand them (a fresh array each): once, or looping until
     * stopped, each round a minute later than the one before.
     */
    static final class FileSource extends StoppableSource {
        private final Path file;
        private final boolean looping;

        FileSource(Path file) {
            this(file, false);
        }

        FileSource(Path file, boolean looping) {
            super(file.getFileName().toString());
            this.file = file;
            this.looping = looping;
        }

        @Override
        public void run(LiveCapture.Handler handler) throws LiveCaptureException {
            for (long round = 0; !stopping && (looping || round == 0); round++) {
                try (CaptureReader r = Captures.open(file.toString())) {
                    Frame f = new Frame();
                    while (!stopping && r.next(f)) {
                        handler.frame(0, f.copyBytes(), f.timeNanos() + round * 60_000_000_000L, f.originalLength());
                    }
                } catch (java.io.IOException e) {
                    throw new LiveCaptureException(e.getMessage(), false);
                }
            }
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
    void aViewerOfALongCaptureHoldsOnlyTheFramesNotYetInTheFileAndReadsTheRestBackFromIt() throws Exception {
        // the sample played over some three seconds, so that the writer flushes (once a second) while it comes
        Path sample = SharedFiles.samples().resolve("model-hold-failover.pcapng");
        List<byte[]> expected = frames(sample);
        StoppableSource paced = new StoppableSource("paced") {
            @Override
            public void run(LiveCapture.Handler handler) throws LiveCaptureException {
                try (CaptureReader r = Captures.open(sample.toString())) {
                    Frame f = new Frame();
                    for (int n = 1; !stopping && r.next(f); n++) {
                        handler.frame(0, f.copyBytes(), f.timeNanos(), f.originalLength());
                        if (n % (expected.size() / 300 + 1) == 0) {
                            Thread.sleep(10);
                        }
                    }
                } catch (java.io.IOException | InterruptedException e) {
                    throw new LiveCaptureException(e.toString(), false);
                }
            }
        };
        Path written = dir.resolve("viewed.pcapng");
        LiveSession s = new LiveSession(paced, new RingFileWriter(written, "test", 0, 0, 0),
                new Analyzer(new AnalysisConfig()), DissectorConfig.defaults(), null, LiveSession.Limits.none());
        LiveFrames viewer = s.viewFrames();
        s.start();
        Frame f = new Frame();
        int fewestHeld = Integer.MAX_VALUE;
        while (!s.finished()) { // as the GUI reads while it captures: the newest frames and the first ones
            int size = viewer.size();
            fewestHeld = Math.min(fewestHeld, size > 0 ? viewer.framesHeld() * 100 / size : 100);
            for (int n = Math.max(1, size - 50); n <= size; n++) {
                assertArrayEquals(expected.get(n - 1), bytesOf(viewer.read(n, f)), "frame " + n + " while capturing");
            }
            if (size > 0) {
                assertArrayEquals(expected.get(0), bytesOf(viewer.read(1, f)));
            }
            Thread.sleep(20);
        }
        assertTrue(s.await(60, TimeUnit.SECONDS));
        assertEquals(expected.size(), viewer.size());
        assertTrue(fewestHeld < 60, "once flushed, frames are read from the file: at least " + fewestHeld
                + " % held all along");
        assertTrue(viewer.framesHeld() < expected.size() / 2, "held at the end: " + viewer.framesHeld());
        for (int n = 1; n <= expected.size(); n++) {
            assertArrayEquals(expected.get(n - 1), bytesOf(viewer.read(n, f)), "frame " + n + " once written");
        }
        viewer.close();
    }

    private static byte[] bytesOf(Frame f) {
        byte[] out = new byte[f.capturedLength()];
        f.buffer().get(f.offset(), out);
        return out;
    }

    @Test
    void aSessionKeepingOnlyTheFirstFindingsStillShowsEachAsItComes() throws Exception {
        Path sample = SharedFiles.samples().resolve("model-hold-failover.pcapng");
        Analyzer live = new Analyzer(new AnalysisConfig()).keepFindings(2);
        LiveSession s = new LiveSession(new FileSource(sample), null, live, DissectorConfig.defaults(), null,
                LiveSession.Limits.none());
        s.start();
        assertTrue(s.await(60, TimeUnit.SECONDS));

        Analyzer offline = new Analyzer(new AnalysisConfig());
        try (CaptureReader r = Captures.open(sample.toString())) {
            CaptureAnalysis.run(r, DissectorConfig.defaults(), offline, Long.MAX_VALUE, Long.MAX_VALUE);
        }
        List<String> streamed = new ArrayList<>();
        for (Finding f = s.nextNewFinding(); f != null; f = s.nextNewFinding()) {
            streamed.add(f.type() + " " + f.frame());
        }
        assertEquals(offline.findings().size(), streamed.size(), "each finding published as it came, kept or not");
        assertEquals(2, s.analyzer().findings().size(), "two kept for the report");
        assertEquals(offline.result("x").counts(), s.analyzer().result("x").counts());
    }

    /** Whatever the analysis thread allocates last, kept so that no compiler drops the allocation. */
    static volatile Object lastAllocated;

    @Test
    void anAnalysisOutOfMemoryEndsTheCaptureWithItsFileWholeInsteadOfCapturingOnUnanalysed() throws Exception {
        // the source would play the capture again and again until stopped; two seconds into the capture's clock the
        // analysis thread asks for more heap than there is (a real allocation, through the analyzer's listener)
        Path sample = SharedFiles.samples().resolve("model-hold-failover.pcapng");
        Path written = dir.resolve("out-of-memory.pcapng");
        FileSource source = new FileSource(sample, true);
        Analyzer analyzer = new Analyzer(new AnalysisConfig()).onSeconds(second -> {
            if (second == 2) {
                lastAllocated = new long[Integer.MAX_VALUE - 16];
            }
        });
        LiveSession s = new LiveSession(source, new RingFileWriter(written, "test", 0, 0, 0), analyzer,
                DissectorConfig.defaults(), null, LiveSession.Limits.none());
        s.start();

        assertTrue(s.await(60, TimeUnit.SECONDS), "the session ends by itself: capturing on unanalysed helps no one");
        assertTrue(s.analysisFault() instanceof OutOfMemoryError, String.valueOf(s.analysisFault()));
        assertSame(s.analysisFault(), s.outOfMemory(), "what a command reports as exit 7");
        assertTrue(source.stopping, "the capture was stopped");
        LiveStatus end = s.status();
        assertEquals(end.framesCaptured(), end.framesWritten(), "every frame captured is in the file");
        assertEquals(end.framesWritten(), frames(written).size(), "and the file is whole (read to its end)");
    }

    @Test
    void aCaptureOutOfMemoryEndsTheSessionWithWhatWasCapturedWrittenWhole() throws Exception {
        // the capture thread (libpcap's callback copying each frame) asks for more heap than there is at frame 500
        Path written = dir.resolve("capture-out-of-memory.pcapng");
        FileSource file = new FileSource(SharedFiles.samples().resolve("model-hold-failover.pcapng"), true);
        StoppableSource exhausting = new StoppableSource("exhausting") {
            @Override
            public void run(LiveCapture.Handler handler) throws LiveCaptureException {
                long[] frames = {0};
                file.run((interfaceId, bytes, timeNanos, originalLength) -> {
                    handler.frame(interfaceId, bytes, timeNanos, originalLength);
                    if (++frames[0] == 500) {
                        lastAllocated = new long[Integer.MAX_VALUE - 16];
                    }
                });
            }
        };
        LiveSession s = new LiveSession(exhausting, new RingFileWriter(written, "test", 0, 0, 0),
                new Analyzer(new AnalysisConfig()), DissectorConfig.defaults(), null, LiveSession.Limits.none());
        s.start();

        assertTrue(s.await(60, TimeUnit.SECONDS), "the session ends: a capture thread that died would end it unsaid");
        assertTrue(s.outOfMemory() != null, "and says why");
        assertEquals(500, s.status().framesWritten());
        assertEquals(500, frames(written).size(), "the 500 frames captured, in a whole file");
    }

    @Test
    void aWriterOutOfMemoryStopsTheCaptureAndPublishesEveryFrameWrittenBeforeOnceTheAnalysisLetGo() throws Exception {
        // the analysis, which is what fills a heap that runs out, must let go at its next frame (it had drained its
        // whole queue and finished first, and then still held its run), so that the writer has room to publish the
        // file (CI once found it left as NAME.partial)
        Path written = dir.resolve("writer-out-of-memory.pcapng");
        FileSource source = new FileSource(SharedFiles.samples().resolve("model-hold-failover.pcapng"), true);
        RingFileWriter file = new RingFileWriter(written, "test", 0, 0, 0);
        LiveSession[] session = new LiveSession[1];
        List<String> heldAtPublishing = new java.util.concurrent.CopyOnWriteArrayList<>();
        CaptureWriter exhausting = new CaptureWriter() { // the real writer, whose 500th frame asks for too much
            private long frames;

            @Override
            public int addInterface(int linkType, int snapLength, String name) throws java.io.IOException {
                return file.addInterface(linkType, snapLength, name);
            }

            @Override
            public void write(int interfaceId, long timeNanos, java.nio.ByteBuffer bytes, int offset,
                              int capturedLength, int originalLength, String comment) throws java.io.IOException {
                if (++frames == 500) {
                    lastAllocated = new long[Integer.MAX_VALUE - 16];
                }
                file.write(interfaceId, timeNanos, bytes, offset, capturedLength, originalLength, comment);
            }

            @Override
            public void flush() throws java.io.IOException {
                file.flush();
            }

            @Override
            public long salvage() {
                return file.salvage();
            }

            @Override
            public void abort() {
                file.abort();
            }

            @Override
            public void close() throws java.io.IOException {
                heldAtPublishing.add(String.valueOf(session[0].analyzer()));
                file.close();
            }
        };
        LiveSession s = new LiveSession(source, exhausting, new Analyzer(new AnalysisConfig()),
                DissectorConfig.defaults(), null, LiveSession.Limits.none());
        session[0] = s;
        s.start();

        assertTrue(s.await(60, TimeUnit.SECONDS), "the session ends: nothing would write what it captures");
        assertTrue(s.outOfMemory() != null, "and says why");
        assertTrue(source.stopping, "the capture was stopped");
        assertNull(s.analyzer(), "the analysis let go: no report can come of it");
        assertNull(s.analysisFault(), "given up, not failed");
        assertEquals(List.of("null"), heldAtPublishing, "and before the file was published, which needs room");
        assertEquals(499, s.status().framesWritten());
        assertEquals(499, frames(written).size(), "the frames written before, buffered or not, in a whole file");
        assertFalse(java.nio.file.Files.exists(dir.resolve("writer-out-of-memory.pcapng.partial")));
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

    /** Frames a tap at each DPU's port hands over, on interfaces 0 (A's) and 1 (B's); played until released. */
    static final class TwoTapSource extends StoppableSource {
        record Seen(int iface, double ms, byte[] frame) {
        }

        private final List<Seen> frames;
        private final CountDownLatch release;

        TwoTapSource(List<Seen> frames, CountDownLatch release) {
            super("two-taps");
            this.frames = frames;
            this.release = release;
        }

        @Override
        public List<InterfaceInfo> captureInterfaces() {
            return List.of(new InterfaceInfo(0, 1, 65535, "tap-a", null, 1_000_000_000L, 0),
                    new InterfaceInfo(1, 1, 65535, "tap-b", null, 1_000_000_000L, 0));
        }

        @Override
        public void run(LiveCapture.Handler handler) {
            for (Seen f : frames) {
                if (f.ms() < 0) {
                    try {
                        release.await(); // the line goes quiet until the test says
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                if (stopping) {
                    return;
                }
                handler.frame(f.iface(), f.frame(), Math.round(f.ms() * 1_000_000L), f.frame().length);
            }
        }
    }

    private static final byte[] A = {(byte) 192, 0, 2, 1};
    private static final byte[] B = {(byte) 192, 0, 2, 2};

    private static TwoTapSource.Seen seen(double ms, int iface, byte[] from, byte[] to, byte[] hasync) {
        return new TwoTapSource.Seen(iface, ms, FrameEncoder.udpFrame(from, to, 7400, 7400, hasync));
    }

    /** A hasync request of A's or B's as ACTIVE, no reply asked, of the given messages. */
    private static byte[] request(byte[]... messages) {
        return HasyncEncoder.packet(Flags.REQUEST, 1, 1, new byte[0], List.of(messages));
    }

    private static byte[] capabilities() {
        return request(HasyncEncoder.capabilities(32, 9000, false, true, new byte[0]));
    }

    @Test
    void liveTwoTapsCountFromTheFirstFrameEachTapShowedSoAnUpdateLostBeforeTheFirstArrivalIsLost() throws Exception {
        // B's tap shows B's CAPABILITIES leaving at 0 ms, A's shows A's CREATE (no reply asked) leaving at 4 ms; the
        // channel loses both. The first arrival comes at 10 ms; from then on both DPUs keep talking. As in a file,
        // both taps were capturing before the CREATE left: B never had the connection A owns
        byte[] create = request(HasyncEncoder.stateUpdate(new StateUpdate(1, 3, false, 0, 6, 0x000d3a000001L, 100, 1,
                30_000, new byte[] {10, 0, 0, 6}, new byte[] {10, 2, 0, 9}, 40001, 443), new byte[0]));
        List<TwoTapSource.Seen> frames = new ArrayList<>(List.of(seen(0, 1, B, A, capabilities()),
                seen(4, 0, A, B, create)));
        for (int ms = 10; ms < 2500; ms += 400) {
            frames.addAll(List.of(seen(ms, 0, A, B, capabilities()), seen(ms + 0.3, 1, A, B, capabilities()),
                    seen(ms + 200, 1, B, A, capabilities()), seen(ms + 200.3, 0, B, A, capabilities())));
        }
        LiveSession s = new LiveSession(new TwoTapSource(frames, new CountDownLatch(0)), null,
                new Analyzer(new AnalysisConfig()), DissectorConfig.defaults(), null, LiveSession.Limits.none());
        s.start();
        assertTrue(s.await(60, TimeUnit.SECONDS));
        assertEquals(0, s.analyzer().tables().get("192.0.2.2").peer().size(), "B never had A's connection");
        List<Finding> divergences = s.analyzer().result("live").findings().stream()
                .filter(f -> f.type() == FindingType.DIVERGENCE).toList();
        assertEquals(1, divergences.size(), divergences.toString());
        assertEquals(2, divergences.get(0).frame(), "the lost CREATE");
    }

    @Test
    void onAQuietLineTheFirstFramesOfTwoInterfacesAreAnalysedWithinASecondOrSoNotWhenTheNextComes()
            throws Exception {
        // two frames, one on each interface and neither arriving: the analysis reads ahead for the first arrival,
        // but the line then says nothing until the test lets it go on
        CountDownLatch release = new CountDownLatch(1);
        List<TwoTapSource.Seen> frames = List.of(seen(0, 1, B, A, capabilities()), seen(4, 0, A, B, capabilities()),
                new TwoTapSource.Seen(0, -1, null), seen(3000, 0, A, B, capabilities()));
        LiveSession s = new LiveSession(new TwoTapSource(frames, release), null, new Analyzer(new AnalysisConfig()),
                DissectorConfig.defaults(), null, LiveSession.Limits.none());
        s.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (s.status().framesAnalysed() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(2, s.status().framesAnalysed(), "the analysis stopped waiting for the line");
        assertFalse(s.finished(), "while the line was still open");
        release.countDown();
        assertTrue(s.await(60, TimeUnit.SECONDS));
        assertEquals(3, s.status().framesAnalysed());
    }
}
