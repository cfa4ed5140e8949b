package io.hascope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.SharedFiles;
import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.FrameAnnotations;
import io.hascope.analysis.NamedTaps;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.ForwardingCaptureReader;
import io.hascope.capture.Frame;
import io.hascope.capture.InterfaceInfo;
import io.hascope.decode.Dissector;
import io.hascope.decode.DissectorConfig;
import io.hascope.event.SyncEventSink;
import io.hascope.field.FieldTree;
import io.hascope.filter.DisplayFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A display filter over a capture still being written: each frame judged as it comes, and with the analysis fields,
 * judged again each time the analysis learns more of it, so that the frames listed are always those the file's
 * second pass would list for the frames so far (but for what only the end of the capture settles).
 */
class FilteredFramesTest {
    /** A sample's frames, as a live capture's writer adds them. */
    private record Captured(LiveFrames frames, List<byte[]> bytes, List<long[]> meta, List<InterfaceInfo> interfaces) {
    }

    private static Captured capture(String sample) throws IOException {
        List<byte[]> bytes = new ArrayList<>();
        List<long[]> meta = new ArrayList<>();
        int linkType;
        List<InterfaceInfo> interfaces;
        try (CaptureReader r = Captures.open(SharedFiles.samples().resolve(sample).toString())) {
            Frame f = new Frame();
            linkType = -1;
            while (r.next(f)) {
                bytes.add(f.copyBytes());
                meta.add(new long[] {f.timeNanos(), f.originalLength(), f.interfaceId()});
                linkType = f.linkType();
            }
            interfaces = r.interfaces();
        }
        return new Captured(new LiveFrames(linkType), bytes, meta, interfaces);
    }

    /**
     * The frames filter matches in the sample's second pass, with what its analysis knew when the last frame was
     * taken: every pairing and every finding made before the end (those the end of the capture makes wait for it).
     */
    private static List<Integer> secondPassBeforeTheEnd(String sample, String filterText) throws Exception {
        return secondPassBeforeTheEnd(sample, filterText, null);
    }

    private static List<Integer> secondPassBeforeTheEnd(String sample, String filterText, NamedTaps taps)
            throws Exception {
        DisplayFilter filter = DisplayFilter.compile(filterText);
        FrameAnnotations annotations = new FrameAnnotations();
        boolean[] ended = new boolean[1];
        Analyzer analyzer = new Analyzer(new AnalysisConfig()).onPairing(annotations);
        analyzer.onFinding(f -> {
            if (!ended[0]) {
                annotations.addFinding(f);
            }
        });
        String file = SharedFiles.samples().resolve(sample).toString();
        try (CaptureReader r = new ForwardingCaptureReader(Captures.open(file)) {
            @Override
            public boolean next(Frame frame) throws IOException {
                ended[0] = !inner.next(frame);
                return !ended[0];
            }
        }) {
            CaptureAnalysis.run(r, DissectorConfig.defaults(), analyzer, Long.MAX_VALUE, Long.MAX_VALUE, null, null,
                    taps);
        }
        List<Integer> out = new ArrayList<>();
        Dissector d = new Dissector(DissectorConfig.defaults());
        FieldTree tree = FieldTree.only(filter.fields());
        try (CaptureReader r = Captures.open(file)) {
            Frame f = new Frame();
            for (int n = 1; r.next(f); n++) {
                d.dissect(f, tree, SyncEventSink.NONE);
                annotations.addTo(n, tree);
                if (filter.matches(tree)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** What a viewer shows, taking the filter's updates as the GUI's packet list does at each tick. */
    private static final class Viewer {
        final List<Integer> shown = new ArrayList<>();
        int replaced;

        void take(FilteredFrames filtered) {
            FilteredFrames.Update u = filtered.take();
            if (u.replaces()) {
                shown.clear();
                replaced++;
            }
            for (int n : u.frames()) {
                shown.add(n);
            }
        }
    }

    /**
     * Plays the sample into a live capture's frames, in bursts, while the filter runs and a viewer takes its
     * updates; returns the viewer once the filter has judged every frame.
     */
    private static Viewer playWhileFiltering(String sample, String filterText) throws Exception {
        return playWhileFiltering(sample, filterText, null);
    }

    private static Viewer playWhileFiltering(String sample, String filterText, NamedTaps taps) throws Exception {
        Captured c = capture(sample);
        FilteredFrames filtered = new FilteredFrames(DisplayFilter.compile(filterText), c.frames(),
                DissectorConfig.defaults(), new AnalysisConfig(), c.interfaces(), taps);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread filtering = new Thread(() -> {
            try {
                filtered.run();
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        filtering.start();
        Viewer viewer = new Viewer();
        try {
            for (int i = 0; i < c.bytes().size(); i++) {
                long[] m = c.meta().get(i);
                c.frames().add(c.bytes().get(i), m[0], (int) m[1], (int) m[2], null, -1);
                if (i % 97 == 0) { // the filter catches up and waits now and then, as on a real line
                    awaitCaughtUp(filtered, i + 1, failed);
                    viewer.take(filtered);
                } else if (i % 13 == 0) {
                    viewer.take(filtered); // and the viewer's tick may come while it works
                }
            }
            awaitCaughtUp(filtered, c.bytes().size(), failed);
            viewer.take(filtered);
        } finally {
            filtered.stop();
            filtering.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertFalse(filtering.isAlive(), "stop() ends the filter while it waits for frames");
        if (failed.get() != null) {
            throw new AssertionError("the filter failed", failed.get());
        }
        return viewer;
    }

    private static void awaitCaughtUp(FilteredFrames filtered, int frames, AtomicReference<Throwable> failed)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(filtered.checked() == frames && filtered.caughtUp()) && failed.get() == null) {
            assertTrue(System.nanoTime() < deadline, "judged " + filtered.checked() + " of " + frames);
            Thread.sleep(1);
        }
    }

    @ParameterizedTest(name = "{1} over {0}")
    @CsvSource(delimiter = ';', value = {
            "model-dash-hold-loss1.pcapng; hasync.analysis.lost_reply",
            "model-hold-loss1.pcapng; hasync.analysis.lost_reply || hasync.analysis.retransmission",
            "model-rudp-hold-loss5.pcapng; rudp.analysis.gap || rudp.analysis.retransmission",
            "model-dash-hold-loss1.pcapng; hasync.analysis.reply_to && hasync.analysis.reply_time > 0.000058",
            "model-state-reorder.pcapng; hasync.analysis.reply_to",
            "model-refresh-zombies.pcapng; hasync.analysis.finding",
            "model-hold-failover.pcapng; hasync.analysis.finding.reason contains \"STANDALONE\""})
    void aFilterOnTheAnalysisFieldsListsWhatTheSecondPassListsOfTheFramesSoFar(String sample, String filter)
            throws Exception {
        List<Integer> expected = secondPassBeforeTheEnd(sample, filter);
        assertFalse(expected.isEmpty(), "the scenario has frames to find");
        assertEquals(expected, playWhileFiltering(sample, filter).shown);
    }

    @Test
    void withTapsNamedByHandTheFiltersAnalysisJudgesWithThemAsTheSecondPassDoes() throws Exception {
        String sample = "model-refresh-zombies.pcapng";
        String filter = "hasync.analysis.finding";
        // named the wrong way round, so that what the taps say shows: each DPU's departures read as arrivals
        NamedTaps taps = NamedTaps.parseLive(List.of("192.0.2.1=tap-dpu-b", "192.0.2.2=tap-dpu-a"),
                List.of("tap-dpu-a", "tap-dpu-b"));
        List<Integer> expected = secondPassBeforeTheEnd(sample, filter, taps);
        assertFalse(expected.isEmpty(), "the scenario has frames to find");
        assertFalse(expected.equals(secondPassBeforeTheEnd(sample, filter)), "the taps named make a difference");
        assertEquals(expected, playWhileFiltering(sample, filter, taps).shown);
    }

    @Test
    void requestsStillWaitingForTheirReplyComeAndGoAsTheRepliesCome() throws Exception {
        String sample = "model-hold-loss1.pcapng";
        String waiting = "hasync.flags.reply == 0 && !hasync.analysis.reply_in";
        List<Integer> expected = secondPassBeforeTheEnd(sample, waiting);
        Viewer viewer = playWhileFiltering(sample, waiting);
        assertEquals(expected, viewer.shown, "at the end: the requests no reply answered");
        assertTrue(viewer.replaced > 0, "requests listed while they waited left the list when answered");
        assertTrue(expected.size() < secondPassBeforeTheEnd(sample, "hasync.flags.reply == 0").size() / 2,
                "most requests were answered");
    }

    @Test
    void aFilterWithoutAnalysisFieldsJudgesEachFrameOnceAsItComes() throws Exception {
        String sample = "model-rudp-hold-loss5.pcapng";
        Viewer viewer = playWhileFiltering(sample, "hasync.flags.reply == 1");
        assertEquals(secondPassBeforeTheEnd(sample, "hasync.flags.reply == 1"), viewer.shown);
        assertEquals(0, viewer.replaced, "no frame judged before changes its answer");
    }
}
