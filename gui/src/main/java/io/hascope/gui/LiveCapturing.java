package io.hascope.gui;

import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.Finding;
import io.hascope.analysis.NamedTaps;
import io.hascope.decode.DissectorConfig;
import io.hascope.filter.DisplayFilter;
import io.hascope.live.FilteredFrames;
import io.hascope.live.FrameSource;
import io.hascope.live.LiveFrames;
import io.hascope.live.LiveSession;
import io.hascope.live.LiveStatus;
import io.hascope.live.RecentNotes;
import io.hascope.live.RingFileWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/**
 * A live capture in the window: its session (every frame to the file, the streaming analysis), and what the views
 * follow of it twice a second: the packet list (all frames, or those its display filter matches), the findings as
 * they become certain up to the preference, the analysis fields of the latest frames, and the status bar. When the
 * session ends the window is told, to open the file just written.
 */
final class LiveCapturing {
    /**
     * The analysis fields of the latest frames (their reply links too), while capturing: some 150 bytes a frame with
     * any, for the last NOTES_KEPT frames (the file opened at the stop has them all).
     */
    static final long NOTES_KEPT = 200_000;

    /** What of the window a live capture drives. */
    interface Window {
        PacketList packets();

        FindingsView findings();

        /** The status bar's text. */
        void status(String text);

        /** The session ended (why: null, or the fault that ended it): the window opens the file written. */
        void ended(LiveCapturing capture, String why);
    }

    private final LiveSession session;
    private final LiveFrames frames;
    private final FrameSource source;
    private final String name;
    private final Path file;
    private final List<String> taps;
    private final NamedTaps namedTaps;
    private final AnalysisConfig analysisConfig;
    private final RecentNotes notes = new RecentNotes(NOTES_KEPT);
    private final long listLimit;
    private final Window window;
    private final Timeline refresh;
    private long listed;
    private LiveFilter filter;

    private LiveCapturing(FrameSource source, String name, Path file, List<String> taps, NamedTaps namedTaps,
                          AnalysisConfig analysisConfig, long listLimit, DissectorConfig dissector, Window window) {
        this.source = source;
        this.name = name;
        this.file = file;
        this.taps = taps;
        this.namedTaps = namedTaps;
        this.analysisConfig = analysisConfig;
        this.listLimit = listLimit;
        this.window = window;
        this.session = new LiveSession(source, new RingFileWriter(file, "hascope gui", 0, 0, 0),
                // the findings are listed here as they come, up to the preference; the analysis keeps none of its own
                new Analyzer(analysisConfig.copy()).keepFindings(0).onPairing(notes), dissector, null,
                LiveSession.Limits.none()).withTaps(namedTaps);
        this.frames = session.viewFrames();
        this.refresh = new Timeline(new KeyFrame(Duration.millis(500), e -> follow()));
        refresh.setCycleCount(Animation.INDEFINITE);
    }

    /**
     * Starts capturing from an opened source (named as the status bar says it) into file; findings listed up to
     * listLimit. The source is closed when it cannot start.
     */
    static LiveCapturing start(FrameSource source, String name, Path file, List<String> taps, NamedTaps namedTaps,
                               AnalysisConfig analysisConfig, long listLimit, DissectorConfig dissector,
                               Window window) throws IOException {
        LiveCapturing c = new LiveCapturing(source, name, file, taps, namedTaps, analysisConfig, listLimit, dissector,
                window);
        try {
            c.session.start();
        } catch (IOException e) {
            source.close();
            throw e;
        }
        c.refresh.play();
        return c;
    }

    /** The capture as the views show it while it runs: its frames, and what the analysis learned of the latest. */
    LoadedCapture shown(DissectorConfig dissector) {
        LoadedCapture shown = new LoadedCapture(file, frames, null, 0);
        shown.dissectorConfig = dissector;
        shown.annotations = notes; // the tree's analysis fields and the related-frame links, as they are learned
        return shown;
    }

    /** Asks the session to stop; what is on its way is written, then {@link Window#ended} is told. */
    void stop() {
        session.stop();
    }

    /** The display filter over the frames from now on (null: every frame), judged on a thread of its own. */
    void filter(DisplayFilter display, DissectorConfig dissector) {
        stopFilter();
        if (display == null) {
            window.packets().display(FrameNumbers.all(frames.size()));
            return;
        }
        filter = new LiveFilter(display, frames, dissector, analysisConfig, source.captureInterfaces(), namedTaps);
        window.packets().display(new int[0]); // the matches come at the next tick, and at each one after
    }

    /** Stops the display filter; true when there was one. */
    boolean stopFilter() {
        LiveFilter f = filter;
        filter = null;
        if (f != null) {
            f.stop();
        }
        return f != null;
    }

    Path file() {
        return file;
    }

    /** The taps as named for the capture (ADDR=IFACE), for the file it wrote. */
    List<String> taps() {
        return taps;
    }

    /** The frames shown while capturing, read back from the file until it opens. */
    LiveFrames frames() {
        return frames;
    }

    private void follow() {
        PacketList packets = window.packets();
        LiveFilter filtering = filter;
        if (filtering == null) {
            packets.growTo(frames.size());
        } else {
            FilteredFrames.Update matched = filtering.newMatches();
            if (matched.replaces()) {
                packets.refollow(matched.frames());
            } else {
                packets.append(matched.frames());
            }
        }
        packets.redraw(); // rows shown before their reply came get their link to it
        List<Finding> made = new ArrayList<>();
        for (Finding f = session.nextNewFinding(); f != null; f = session.nextNewFinding()) {
            notes.addFinding(f);
            if (listed < listLimit) {
                made.add(f);
                listed++;
            }
        }
        window.findings().addAll(made);
        LiveStatus st = session.status();
        window.status(statusText(st, filtering, packets.displayed()));
        if (session.finished()) {
            refresh.stop();
            source.close();
            String why = st.captureError() != null ? st.captureError()
                    : st.writeError() != null ? st.writeError() : analysisFailure();
            window.ended(this, why);
        }
    }

    private String statusText(LiveStatus st, LiveFilter filtering, int displayedRows) {
        long lost = st.drops().droppedByKernel() + st.drops().droppedByInterface() + st.writerRefused();
        String silent = st.silentInterface();
        long madeInAll = st.figures().findings();
        String shownOnly = listed >= listLimit && madeInAll > listed
                ? String.format(Locale.ROOT, " (the first %,d listed: Preferences)", listed) : "";
        String displayed = filtering == null ? "" : filtering.failure() != null
                ? " · the filter stopped: " + filtering.failure().getMessage()
                : String.format(Locale.ROOT, " · %,d of %,d displayed%s", displayedRows, filtering.checked(),
                        filtering.usesAnalysis() ? " (the analysis fields as known so far)" : "");
        return String.format(Locale.ROOT,
                "capturing on %s → %s · %,d frames%s · %,d analysed · %,d findings%s%s%s", name, file.getFileName(),
                st.framesCaptured(), displayed, st.framesAnalysed(), madeInAll, shownOnly,
                lost > 0 ? String.format(Locale.ROOT, " · LOSING FRAMES: %,d", lost) : "",
                silent == null ? "" : " · NO FRAMES ON " + silent + ": the capture is one-sided");
    }

    /**
     * Why the session ended on a fault of its own, or null: out of memory on any of its threads the capture stops; an
     * analysis that failed otherwise leaves the capture going unanalysed. Either way the written file opens as usual.
     */
    private String analysisFailure() {
        if (session.outOfMemory() != null) {
            return "out of memory (a heap of " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB)";
        }
        return session.analysisFault() == null ? null : "the live analysis failed: " + session.analysisFault();
    }
}
