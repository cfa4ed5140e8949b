package io.hascope.cli;

import io.hascope.field.HasyncFields;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.Finding;
import io.hascope.analysis.LiveFigures;
import io.hascope.analysis.NamedTaps;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.MergingReader;
import io.hascope.decode.DissectorConfig;
import io.hascope.live.FrameSource;
import io.hascope.live.LiveSession;
import io.hascope.live.LiveStatus;
import io.hascope.live.RingFileWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a live session to its end for live and replay -i: Ctrl-C and SIGTERM stop it cleanly, the display follows
 * it once a second, and the final report is analyze's report, made from the written capture when the live analysis
 * had to skip frames.
 */
final class LiveRun {
    private final LiveSession session;
    private final AnalysisOptions analysis;
    private final String title;
    private final String detail;
    private final FrameSource source;
    private final Writer out;
    private final LiveScreen screen;
    private final AnalysisJson jsonLines;
    private final NamedTaps taps;

    private LiveRun(LiveSession session, AnalysisOptions analysis, String title, String detail, boolean quiet,
                    NamedTaps taps) throws IOException {
        this.session = session;
        this.taps = taps;
        this.analysis = analysis;
        this.title = title;
        this.detail = detail;
        this.source = session.source();
        this.out = Main.stdout();
        boolean json = analysis.format.equals("json");
        this.jsonLines = json ? new AnalysisJson(out, false) : null;
        this.screen = !json && !quiet && System.console() != null ? new LiveScreen(out, title, detail) : null;
    }

    static int run(FrameSource source, RingFileWriter writer, AnalysisOptions analysis,
                   DissectorConfig dissector, long stopFrames, long stopNanos, boolean quiet, String title,
                   String detail)
            throws Exception {
        return run(source, writer, analysis, dissector, stopFrames, stopNanos, quiet, title, detail, null);
    }

    /** As above, with the taps named (live --tap; null: recognised). */
    static int run(FrameSource source, RingFileWriter writer, AnalysisOptions analysis,
                   DissectorConfig dissector, long stopFrames, long stopNanos, boolean quiet, String title,
                   String detail, NamedTaps taps)
            throws Exception {
        // the session alone holds the analysis, so that it can let it go when it fills the heap
        LiveSession session = new LiveSession(source, writer, analysis.newAnalyzer(), dissector, analysis.display(),
                LiveSession.Limits.none().stoppingAt(stopFrames, stopNanos))
                .analyseUntil(analysis.stopFrame, analysis.stopTime).withTaps(taps);
        LiveRun live = new LiveRun(session, analysis, title, detail, quiet, taps);
        // the signal handler outlives the run: it reaches the session only while it runs, so that what the session
        // held is unreachable once the command has unwound (Main says out of memory with the room that frees)
        LiveSession[] running = {session};
        Signals.onInterrupt(() -> {
            LiveSession s = running[0];
            if (s != null) {
                s.stop();
            }
        });
        try {
            session.start();
            // as tshark's "Capturing on": the capture is open from here on
            System.err.println("hascope: " + title + (detail.isEmpty() ? "" : " (" + detail + ")"));
            try {
                live.follow();
            } catch (OutOfMemoryError e) {
                // here rather than on the session's threads: they end the capture all the same, its file whole, and
                // the analysis lets go of what it held. Waited for without a latch, whose waiting allocates
                session.ranOutOfMemory(e);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (!session.finished() && System.nanoTime() < deadline) {
                    java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
                }
            }
            return live.finish(writer, dissector);
        } finally {
            running[0] = null;
        }
    }

    /** Once a second until the session ends: new findings, and the status screen or a JSON status line. */
    private void follow() throws Exception {
        LiveStatus previous = session.status();
        while (!session.await(1, TimeUnit.SECONDS)) {
            LiveStatus now = session.status();
            showNewFindings();
            if (screen != null) {
                screen.draw(previous, now);
            } else if (jsonLines != null) {
                jsonLines.event("status", statusFields(previous, now));
            }
            warnOfLoss(previous, now);
            previous = now;
        }
        showNewFindings();
    }

    private void showNewFindings() throws IOException {
        for (Finding f = session.nextNewFinding(); f != null; f = session.nextNewFinding()) {
            if (!analysis.selected(f, null)) {
                continue;
            }
            if (screen != null) {
                screen.finding(f);
            } else if (jsonLines != null) {
                jsonLines.findingEvent(f);
            } else if (analysis.format.equals("text")) {
                out.write(AnalysisText.findingLine(f, session.status().figures().firstTimeNanos() / 1e9) + "\n");
                out.flush();
            }
        }
    }

    /** Loss is said loudly on standard error whatever the display (the screen shows it as well). */
    private void warnOfLoss(LiveStatus before, LiveStatus now) {
        long kernel = now.drops().droppedByKernel() - before.drops().droppedByKernel();
        long iface = now.drops().droppedByInterface() - before.drops().droppedByInterface();
        long writer = now.writerRefused() - before.writerRefused();
        long skipped = now.analysisRefused() - before.analysisRefused();
        if (screen == null && kernel + iface + writer + skipped > 0) {
            System.err.printf("hascope: LOSS in the last second: %d dropped by the kernel, %d by the interface, %d not"
                    + " written (file writer behind), %d not analysed live (analysis behind)%n", kernel, iface, writer,
                    skipped);
        }
        String silent = now.silentInterface();
        if (screen == null && silent != null && before.silentInterface() == null) {
            System.err.printf("hascope: no frames on %s after %d s while the other taps capture: its mirror port sends"
                    + " nothing, so the capture is one-sided%n", silent,
                    LiveStatus.SILENT_AFTER_NANOS / 1_000_000_000L);
        }
    }

    static Map<String, Object> statusFields(LiveStatus before, LiveStatus now) {
        double seconds = Math.max(1e-9, (now.elapsedNanos() - before.elapsedNanos()) / 1e9);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("elapsed_s", now.elapsedNanos() / 1e9);
        m.put("frames", now.framesCaptured());
        m.put("frames_per_s", (now.framesCaptured() - before.framesCaptured()) / seconds);
        m.put("written", now.framesWritten() < 0 ? null : now.framesWritten());
        m.put("analysed", now.framesAnalysed());
        m.put("analysis_backlog", now.analysisBacklog());
        m.put("analysis_lagging", now.analysisLagging());
        m.put("dropped_by_kernel", now.drops().droppedByKernel());
        m.put("dropped_by_interface", now.drops().droppedByInterface());
        m.put("not_written", now.writerRefused());
        m.put("not_analysed", now.analysisRefused());
        if (!now.interfaces().isEmpty()) {
            List<Object> interfaces = new ArrayList<>();
            for (io.hascope.live.InterfaceCount i : now.interfaces()) {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("name", i.name());
                n.put("frames", i.frames());
                n.put("dropped_by_kernel", i.drops().droppedByKernel());
                n.put("dropped_by_interface", i.drops().droppedByInterface());
                interfaces.add(n);
            }
            m.put("interfaces", interfaces);
            m.put("silent_interface", now.silentInterface());
        }
        LiveFigures f = now.figures();
        List<Object> dpus = new ArrayList<>();
        for (LiveFigures.Side s : f.dpus()) {
            LiveFigures.Side b = before.figures().side(s.address());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("address", s.address());
            d.put("peer", s.peer());
            d.put("role", s.role() < 0 ? "" : HasyncFields.ROLES.nameOrNumber(s.role()));
            d.put("messages_per_s", (s.messages() - (b == null ? 0 : b.messages())) / seconds);
            d.put("requests_per_s", (s.requests() - (b == null ? 0 : b.requests())) / seconds);
            d.put("replies_per_s", (s.replies() - (b == null ? 0 : b.replies())) / seconds);
            d.put("own_entries", s.own());
            d.put("peer_copies", s.peerCopies());
            dpus.add(d);
        }
        m.put("dpus", dpus);
        m.put("holds_in_flight", f.holdsInFlight());
        m.put("packets_held", f.packetsHeld());
        m.put("reply_time_p50_ms", f.replyTimeMedianNanos() / 1e6);
        m.put("reply_time_p99_ms", f.replyTimeP99Nanos() / 1e6);
        m.put("findings", f.findings());
        return m;
    }

    /** The final report and the exit code: a capture or write failure outranks the gate of --fail-on. */
    private int finish(RingFileWriter writer, DissectorConfig dissector) throws Exception {
        LiveStatus end = session.status();
        if (screen != null) {
            screen.draw(end, end);
        }
        if (session.outOfMemory() != null) {
            throw session.outOfMemory(); // said in one sentence with the heap's size (Main), exit 7
        }
        if (session.analysisFault() != null) {
            throw new IllegalStateException("the live analysis failed", session.analysisFault());
        }
        Analyzer analyzer = session.analyzer();
        CaptureAnalysis.Run run = session.run();
        String name = writer == null ? source.name() : String.join(" + ", writer.files().stream().map(Path::toString).toList());
        if (end.analysisRefused() > 0 && writer != null && end.writeError() == null && !writer.files().isEmpty()) {
            System.err.printf("hascope: the live analysis skipped %,d frames (it fell behind); this report comes from"
                    + " analysing the written capture%n", end.analysisRefused());
            analyzer = analysis.newAnalyzer();
            try (CaptureReader reader = LiveCommand.reopen(writer.files())) {
                // each ring file holds every interface again: a tap is its interface in each of them
                NamedTaps tapsOfFiles = taps == null || !(reader instanceof MergingReader files) ? taps
                        : taps.acrossFiles(files, writer.files().size());
                run = CaptureAnalysis.run(reader, dissector, analyzer, analysis.stopFrame, analysis.stopTime,
                        analysis.display(), null, tapsOfFiles);
            }
        } else if (end.analysisRefused() > 0) {
            System.err.printf("hascope: the live analysis skipped %,d frames (it fell behind): this report is"
                    + " incomplete%n", end.analysisRefused());
        }
        int code = analysis.report(out, analyzer, run, name);
        long lost = end.drops().droppedByKernel() + end.drops().droppedByInterface() + end.writerRefused();
        if (lost > 0) {
            System.err.printf("hascope: %,d frames were lost (%,d dropped by the kernel, %,d by the interface, %,d not"
                    + " written)%n", lost, end.drops().droppedByKernel(), end.drops().droppedByInterface(),
                    end.writerRefused());
        }
        if (end.writeError() != null) {
            System.err.printf("hascope: writing %s failed: %s; %s%n", name, end.writeError(),
                    session.framesSalvaged() >= 0 ? "the file was closed at its last whole frame and keeps "
                            + session.framesSalvaged() + " frames" : "nothing could be kept");
            return ExitCode.OUTPUT;
        }
        if (end.captureError() != null) {
            System.err.println("hascope: " + end.captureError() + (writer == null ? ""
                    : "; the capture written so far is complete and closed"));
            return ExitCode.CAPTURE;
        }
        return code;
    }
}
