package io.hascope.analysis;

import io.hascope.field.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the analysis reports, from every part of it: the findings as they become certain (put in frame order at the
 * end), and the one note that the capture itself missed frames (analysis.md: capture loss is noted once, and is not
 * a sync failure). Findings write their durations the same way everywhere.
 */
final class FindingLog {
    /** Findings of one frame and type (a failover's broken connections) in connection order, stable between runs. */
    private static final java.util.Comparator<Finding> BY_FRAME_TYPE_CONNECTION = java.util.Comparator
            .comparingLong(Finding::frame).thenComparing(Finding::type)
            .thenComparing(f -> f.connection() == null ? "" : f.connection().toString());

    final List<Finding> all = new ArrayList<>();
    private String captureLossNote;

    void add(FindingType type, Severity severity, long frame, long time, String dpu, String peer,
             Connection connection, String reason, Map<String, Object> detail) {
        all.add(new Finding(type, severity, frame, time, dpu, peer, connection, reason, FindingDetail.of(detail)));
    }

    /** A finding of a type at the severity analysis.md §5 gives it. */
    void add(FindingType type, long frame, long time, String dpu, String peer, Connection connection, String reason,
             Map<String, Object> detail) {
        add(type, type.severity(), frame, time, dpu, peer, connection, reason, detail);
    }

    boolean captureLossNoted() {
        return captureLossNote != null;
    }

    /** The first sign that the capture missed frames; later ones add nothing. */
    void noteCaptureLoss(String note) {
        if (captureLossNote == null) {
            captureLossNote = note;
        }
    }

    String captureLossNote() {
        return captureLossNote;
    }

    void sort() {
        all.sort(BY_FRAME_TYPE_CONNECTION);
    }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e9);
    }

    static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
