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
import io.hascope.field.Severity;
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

    private CaptureAnalysis() {
    }

    /** The outcome: the analyzer (finished unless stopped early) and whether the capture was cut short. */
    public record Run(Analyzer analyzer, CaptureProblem problem, long framesRead) {
    }

    public static Run run(CaptureReader reader, DissectorConfig dissectorConfig, Analyzer analyzer, long stopAfterFrame,
                          long stopAtNanos) throws IOException {
        Dissector dissector = new Dissector(dissectorConfig);
        List<Field> expertFields = new ArrayList<>(KINDS.keySet());
        expertFields.add(ExpertFields.MESSAGE);
        expertFields.add(ExpertFields.OFFSET);
        FieldTree experts = FieldTree.only(expertFields);
        Frame frame = new Frame();
        long read = 0;
        while (reader.next(frame)) {
            if (frame.number() > stopAfterFrame || frame.timeNanos() > stopAtNanos) {
                return new Run(analyzer, null, read);
            }
            read++;
            dissector.dissect(frame, experts, analyzer);
            if (dissector.expertCount() > 0) {
                passMalformed(analyzer, experts, frame);
            }
        }
        analyzer.finish();
        return new Run(analyzer, reader.problem(), read);
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

    static Severity severityOf(ExpertKind kind) {
        return kind.severity();
    }
}
