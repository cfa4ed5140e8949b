package io.hascope.live;

import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.FrameAnnotations;
import io.hascope.analysis.NamedTaps;
import io.hascope.capture.Frame;
import io.hascope.capture.FrameStore;
import io.hascope.capture.InterfaceInfo;
import io.hascope.decode.Dissector;
import io.hascope.decode.DissectorConfig;
import io.hascope.event.SyncEventSink;
import io.hascope.field.AnalysisFields;
import io.hascope.field.FieldTree;
import io.hascope.filter.DisplayFilter;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A display filter over the frames of a capture still being written, as Wireshark filters while it captures: each
 * frame is judged as it comes, and {@link #take()} hands on the frames that match.
 * <p>
 * A filter on the analysis fields ({@code hasync.analysis.*}) runs an analysis of its own over the same frames, and
 * judges a frame once that analysis has taken it, with what the analysis knows of it by then: a reply's
 * {@code reply_to} at once, a request's {@code lost_reply} once its reply timeout has passed on the capture's clock.
 * Each time the analysis learns more of a frame already judged (its reply came, a finding was made certain), the
 * frame is judged again, so it comes into the list, or leaves it, as it would in the file's second pass: what is
 * shown is always the second pass of the frames so far, but for what only the end of the capture settles.
 */
public final class FilteredFrames {
    private static final long WAIT_MILLIS = 20;

    private final DisplayFilter filter;
    private final FrameStore frames;
    private final DissectorConfig dissectorConfig;
    private final AnalysisConfig analysisConfig;
    private final List<InterfaceInfo> interfaces;
    private final NamedTaps taps;
    private final boolean usesAnalysis;
    private volatile boolean stopped;
    private volatile int checked;
    private volatile boolean caughtUp;

    // the frames that match, in order; the filtering thread writes them, the viewer's takes them
    private int[] matches = new int[1024];
    private int matched;
    /** The lowest index changed before the end since the last {@link #take()} (Integer.MAX_VALUE: none). */
    private int changedFrom = Integer.MAX_VALUE;
    private int taken;

    // the filtering thread's
    private Dissector dissector;
    private FieldTree tree;
    private final Frame judged = new Frame();
    private FrameStore judging;
    private Analyzer analyzer;
    private FrameAnnotations annotations;
    private long[] learned = new long[64];
    private int learnedCount;

    /**
     * The frames that matched since the last call: those after the ones taken before ({@code replaces} false), or
     * every match so far when frames taken before came or went ({@code replaces} true).
     */
    public record Update(int[] frames, boolean replaces) {
    }

    /**
     * Filters frames (a live capture's, as they are added) from the first; interfaces are the capture's, taps those
     * named by hand (null: recognised from the capture), as the live analysis has them.
     */
    public FilteredFrames(DisplayFilter filter, FrameStore frames, DissectorConfig dissectorConfig,
                          AnalysisConfig analysisConfig, List<InterfaceInfo> interfaces, NamedTaps taps) {
        this.filter = filter;
        this.frames = frames;
        this.dissectorConfig = dissectorConfig;
        this.analysisConfig = analysisConfig;
        this.interfaces = List.copyOf(interfaces);
        this.taps = taps;
        this.usesAnalysis = AnalysisFields.firstOf(filter.fields()) != null;
    }

    /** Whether the filter names an analysis field, so that frames are judged as the analysis takes them. */
    public boolean usesAnalysis() {
        return usesAnalysis;
    }

    /** Frames judged so far (with the analysis fields: those the filter's analysis has taken). */
    public int checked() {
        return checked;
    }

    /**
     * Whether every frame added so far has been judged with all the analysis knows of it by now: the filter waits
     * for the next.
     */
    public boolean caughtUp() {
        return caughtUp;
    }

    /**
     * Filters on the calling thread until {@link #stop()}: each frame as it is added to the store, waiting for the
     * next while caught up. Throws what a frame that cannot be read back throws.
     */
    public void run() throws IOException {
        dissector = new Dissector(dissectorConfig);
        tree = FieldTree.only(filter.fields());
        try (FrameStore own = frames.secondReader()) {
            judging = own;
            if (usesAnalysis) {
                followTheAnalysis();
            } else {
                while (!stopped) {
                    int size = judging.size();
                    judgeNewFrames(size);
                    caughtUp = checked == size;
                    pause();
                }
            }
        } catch (Stopped e) {
            // stop() while waiting for frames
        } finally {
            analyzer = null; // what it holds goes with the run (the heap may have run out); the matches stay
            annotations = null;
        }
    }

    /** Ends {@link #run()} at its next frame or wait. */
    public void stop() {
        stopped = true;
    }

    /** For the viewer's thread: the matches since its last call. */
    public synchronized Update take() {
        boolean replaces = changedFrom < taken;
        int from = replaces ? 0 : taken;
        int[] out = Arrays.copyOfRange(matches, from, matched);
        taken = matched;
        changedFrom = Integer.MAX_VALUE;
        return new Update(out, replaces);
    }

    private void followTheAnalysis() throws IOException {
        annotations = new FrameAnnotations().onNote(this::learned);
        analyzer = new Analyzer(analysisConfig.copy()).keepFindings(0).onPairing(annotations);
        analyzer.onFinding(annotations::addFinding);
        try (FrameStore read = frames.secondReader()) {
            CaptureAnalysis.run(new GrowingReader(read), dissectorConfig, analyzer, Long.MAX_VALUE, Long.MAX_VALUE,
                    null, null, taps);
        }
    }

    /**
     * Between two frames of the analysis (or while it waits for the next): the frames it has taken since, up to
     * frame upTo, are judged, and those it learned more of judged again.
     */
    private void catchUp(int upTo) throws IOException {
        judgeNewFrames(upTo);
        int n = learnedCount;
        learnedCount = 0; // judging adds no note
        long last = -1;
        for (int i = 0; i < n; i++) {
            long frame = learned[i];
            if (frame >= 1 && frame <= checked && frame != last) { // those not judged yet will be with everything known by then
                rejudge((int) frame);
            }
            last = frame;
        }
    }

    private void judgeNewFrames(int upTo) throws IOException {
        for (int n = checked + 1; n <= upTo && !stopped; n++) {
            if (matches(n)) {
                append(n);
            }
            checked = n;
        }
    }

    private boolean matches(int number) throws IOException {
        dissector.dissect(judging.read(number, judged), tree, SyncEventSink.NONE);
        if (annotations != null) {
            annotations.addTo(number, tree);
        }
        return filter.matches(tree);
    }

    private void learned(long frame) {
        if (learnedCount == learned.length) {
            learned = Arrays.copyOf(learned, learnedCount * 2);
        }
        learned[learnedCount++] = frame;
    }

    private synchronized void append(int number) {
        if (matched == matches.length) {
            matches = Arrays.copyOf(matches, matched * 2);
        }
        matches[matched++] = number;
    }

    private void rejudge(int number) throws IOException {
        boolean now = matches(number);
        synchronized (this) {
            int at = Arrays.binarySearch(matches, 0, matched, number);
            if (now == at >= 0) {
                return;
            }
            if (now) {
                at = -at - 1;
                if (matched == matches.length) {
                    matches = Arrays.copyOf(matches, matched * 2);
                }
                System.arraycopy(matches, at, matches, at + 1, matched - at);
                matches[at] = number;
                matched++;
            } else {
                System.arraycopy(matches, at + 1, matches, at, matched - at - 1);
                matched--;
            }
            changedFrom = Math.min(changedFrom, at);
        }
    }

    private void pause() {
        if (stopped) {
            throw Stopped.INSTANCE;
        }
        try {
            Thread.sleep(WAIT_MILLIS); // caught up: the capture's next frames come within the viewer's tick
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Stopped.INSTANCE;
        }
    }

    /** Thrown out of the analysis loop at {@link #stop()}; no report comes of a filter's analysis. */
    private static final class Stopped extends RuntimeException {
        static final Stopped INSTANCE = new Stopped();

        private Stopped() {
            super("the filter was stopped", null, false, false);
        }
    }

    /**
     * The store's frames as a capture for the filter's analysis, frame after frame as they are added: while caught
     * up it judges what the analysis has taken and waits. It never ends on its own; {@link #stop()} ends it.
     */
    private final class GrowingReader extends LiveReader {
        private final FrameStore store;
        private int read;

        GrowingReader(FrameStore store) {
            super(interfaces, "live capture");
            this.store = store;
        }

        @Override
        public boolean next(Frame frame) throws IOException {
            return nextBy(frame, Long.MAX_VALUE) == READ;
        }

        @Override
        public int nextBy(Frame frame, long deadlineNanos) throws IOException {
            while (true) {
                if (stopped) {
                    throw Stopped.INSTANCE;
                }
                // the analysis has taken every frame read but those a first look ahead for a second tap holds
                // before its first (it reads again only once they are handed on)
                catchUp(analyzer.currentFrame() > 0 ? read : 0);
                if (read < store.size()) {
                    caughtUp = false;
                    store.read(++read, frame);
                    return READ;
                }
                caughtUp = checked == read;
                if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() >= deadlineNanos) {
                    return NOT_YET;
                }
                pause();
            }
        }
    }
}
