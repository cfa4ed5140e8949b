package io.hascope.analysis;

import io.hascope.capture.CaptureProblem;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Frame;
import io.hascope.decode.Dissector;
import io.hascope.decode.DissectorConfig;
import io.hascope.field.ExpertFields;
import io.hascope.field.ExpertKind;
import io.hascope.field.Field;
import io.hascope.field.FieldTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a capture through the dissector and the analysis, frame by frame: the events drive the {@link Analyzer};
 * the dissector's findings about malformed frames pass through as {@code malformed}. Stops early at a frame number
 * when asked ("as of frame N").
 */
public final class CaptureAnalysis {
    private static final Map<Field, ExpertKind> KINDS = new HashMap<>();

    static {
        for (ExpertKind k : ExpertKind.values()) {
            KINDS.put(k.field(), k);
        }
    }

    /** How long after leaving a frame may be seen arriving at the other tap. */
    static final long ARRIVAL_WINDOW = AnalysisConfig.S;

    private CaptureAnalysis() {
    }

    /**
     * The outcome: the analyzer (finished unless stopped early), whether the capture was cut short, and the frames
     * a display filter matched (null without a filter).
     */
    public record Run(Analyzer analyzer, CaptureProblem problem, long framesRead, boolean stoppedEarly,
                      java.util.BitSet matching) {
    }

    public static Run run(CaptureReader reader, DissectorConfig dissectorConfig, Analyzer analyzer, long stopAfterFrame,
                          long stopAtNanos) throws IOException {
        return run(reader, dissectorConfig, analyzer, stopAfterFrame, stopAtNanos, null);
    }

    /**
     * Runs to the end, or to the last frame at or before stopAfterFrame / stopAtRelativeNanos (since the first
     * frame); records the frames filter matches when it is not null.
     */
    public static Run run(CaptureReader reader, DissectorConfig dissectorConfig, Analyzer analyzer, long stopAfterFrame,
                          long stopAtRelativeNanos, io.hascope.filter.DisplayFilter filter) throws IOException {
        return run(reader, dissectorConfig, analyzer, stopAfterFrame, stopAtRelativeNanos, filter, null);
    }

    /** Told every 65,536 frames how far the run is: frames read and the file offset of the last (-1 unknown). */
    public interface Progress {
        void at(long frames, long fileOffset);
    }

    public static Run run(CaptureReader reader, DissectorConfig dissectorConfig, Analyzer analyzer, long stopAfterFrame,
                          long stopAtRelativeNanos, io.hascope.filter.DisplayFilter filter, Progress progress)
            throws IOException {
        return run(reader, dissectorConfig, analyzer, stopAfterFrame, stopAtRelativeNanos, filter, progress, null);
    }

    /** With taps named by hand (null: recognised from the capture, analysis.md §0). */
    public static Run run(CaptureReader reader, DissectorConfig dissectorConfig, Analyzer analyzer, long stopAfterFrame,
                          long stopAtRelativeNanos, io.hascope.filter.DisplayFilter filter, Progress progress,
                          NamedTaps taps) throws IOException {
        Dissector dissector = new Dissector(dissectorConfig);
        List<Field> wanted = new ArrayList<>(KINDS.keySet());
        wanted.add(ExpertFields.MESSAGE);
        wanted.add(ExpertFields.OFFSET);
        if (filter != null) {
            wanted.addAll(filter.fields());
        }
        FieldTree tree = FieldTree.only(wanted);
        java.util.BitSet matching = filter == null ? null : new java.util.BitSet();
        Frame frame = new Frame();
        long read = 0;
        long first = Long.MIN_VALUE;
        ArrivalCopies arrivals = null;
        TapLookahead lookahead = null;
        if (taps != null) {
            arrivals = new ArrivalCopies(ARRIVAL_WINDOW);
            analyzer.nameTaps(taps);
        } else {
            reader = lookahead = new TapLookahead(reader);
        }
        while (reader.next(frame)) {
            if (first == Long.MIN_VALUE) {
                first = frame.timeNanos();
            }
            if (frame.number() > stopAfterFrame || frame.timeNanos() - first > stopAtRelativeNanos) {
                analyzer.upToNow();
                return new Run(analyzer, null, read, true, matching);
            }
            read++;
            if (progress != null && (read & 0xffff) == 0) {
                progress.at(read, frame.fileOffset());
            }
            // a second interface shows itself by its first frame (asking the reader every frame would copy its list)
            if (arrivals == null && (read == 1 || frame.interfaceId() > 0) && reader.interfaces().size() > 1) {
                arrivals = new ArrivalCopies(ARRIVAL_WINDOW);
            }
            if (lookahead != null && frame.number() >= lookahead.bothTapsFrom() && !analyzer.twoTaps) {
                analyzer.recogniseTwoTaps(frame.number()); // both taps were capturing: what leaves now can be lost
            }
            int sighting = arrivals == null ? ArrivalCopies.DEPARTURE
                    : arrivals.classify(frame, taps != null ? taps.direction(frame) : NamedTaps.UNNAMED);
            if (sighting == ArrivalCopies.UNSEEN_DEPARTURE) {
                // the sender's tap missed it: it left (as the sender's side judges it) and arrived, both now
                analyzer.unseenDeparture(frame.number());
                dissector.dissect(frame, tree, analyzer);
                if (dissector.expertCount() > 0) {
                    passMalformed(analyzer, tree, frame);
                }
                analyzer.arriving = frame.number();
                dissector.dissect(frame, tree, analyzer);
                analyzer.arriving = -1;
                if (filter != null && filter.matches(tree)) {
                    matching.set((int) Math.min(Integer.MAX_VALUE, frame.number()));
                }
                continue;
            }
            if (sighting == ArrivalCopies.FIRST_ARRIVAL && !analyzer.twoTaps) {
                analyzer.recogniseTwoTaps(frame.number()); // evidence of a tap at each end: delivery means arrival
            }
            boolean duplicated = sighting == ArrivalCopies.REPEAT_ARRIVAL;
            if (sighting == ArrivalCopies.FIRST_ARRIVAL && arrivals.departureFrame() < analyzer.twoTapsFrom
                    && !analyzer.awaitsArrival(arrivals.departureFrame())) {
                sighting = ArrivalCopies.REPEAT_ARRIVAL; // it left before two taps were recognised: judged already
            }
            if (sighting == ArrivalCopies.FIRST_ARRIVAL) {
                analyzer.arrivalCopies++;
            }
            if (sighting == ArrivalCopies.REPEAT_ARRIVAL) {
                analyzer.arrivalCopy(frame.number(), frame.timeNanos());
                if (duplicated) {
                    // the network's copy reaches the receiver too, which applies every datagram it takes (spec §4)
                    analyzer.arriving = frame.number();
                    analyzer.arrivingAgain = true;
                    analyzer.arrivingAgainOf = arrivals.departureFrame();
                    dissector.dissect(frame, tree, analyzer);
                    analyzer.arrivingAgain = false;
                    analyzer.arrivingAgainOf = -1;
                    analyzer.arriving = -1;
                } else if (filter != null) {
                    dissector.dissect(frame, tree, io.hascope.event.SyncEventSink.NONE);
                }
                if (filter != null && filter.matches(tree)) {
                    matching.set((int) Math.min(Integer.MAX_VALUE, frame.number()));
                }
                continue;
            }
            analyzer.arriving = sighting == ArrivalCopies.FIRST_ARRIVAL ? arrivals.departureFrame() : -1;
            dissector.dissect(frame, tree, analyzer);
            analyzer.arriving = -1;
            if (dissector.expertCount() > 0 && sighting == ArrivalCopies.DEPARTURE) {
                passMalformed(analyzer, tree, frame);
            }
            if (filter != null && filter.matches(tree)) {
                matching.set((int) Math.min(Integer.MAX_VALUE, frame.number()));
            }
        }
        analyzer.finish();
        return new Run(analyzer, reader.problem(), read, false, matching);
    }

    private static void passMalformed(Analyzer analyzer, FieldTree t, Frame frame) {
        ExpertKind kind = null;
        String message = null;
        for (int i = 0; i < t.size(); i++) {
            Field f = t.field(i);
            ExpertKind k = KINDS.get(f);
            if (k != null) {
                kind = k;
            } else if (f == ExpertFields.MESSAGE) {
                message = t.text(i);
            } else if (f == ExpertFields.OFFSET && kind != null) {
                analyzer.onMalformed(frame.number(), frame.timeNanos(), kind, message, t.value(i));
                kind = null;
            }
        }
    }
}
