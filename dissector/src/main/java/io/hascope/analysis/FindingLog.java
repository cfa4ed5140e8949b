package io.hascope.analysis;

import io.hascope.field.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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

    /** The findings kept for the report: all of them, or the first {@link #keepAtMost} made. */
    final List<Finding> all = new ArrayList<>();
    /** Every finding made, kept or not, by type and severity. */
    private final long[][] made = new long[FindingType.values().length][Severity.values().length];
    private final long[][] notKept = new long[FindingType.values().length][Severity.values().length];
    private long keep = Long.MAX_VALUE;
    private Consumer<Finding> onEach;
    private String captureLossNote;

    void add(FindingType type, Severity severity, long frame, long time, String dpu, String peer,
             Connection connection, String reason, Map<String, Object> detail) {
        Finding f = new Finding(type, severity, frame, time, dpu, peer, connection, reason, FindingDetail.of(detail));
        made[type.ordinal()][severity.ordinal()]++;
        if (onEach != null) {
            onEach.accept(f);
        }
        if (all.size() < keep) {
            all.add(f);
        } else {
            notKept[type.ordinal()][severity.ordinal()]++;
        }
    }

    /**
     * Keeps only the first n findings made for the report (a live session that runs for days would fill the heap
     * with them); the rest are counted, and handed to {@link #onEach} as every finding is.
     */
    void keepAtMost(long n) {
        keep = n;
    }

    /** Told of every finding as it is made, kept or not. */
    void onEach(Consumer<Finding> listener) {
        onEach = listener;
    }

    long made(FindingType type, Severity severity) {
        return made[type.ordinal()][severity.ordinal()];
    }

    long notKept(FindingType type, Severity severity) {
        return notKept[type.ordinal()][severity.ordinal()];
    }

    long notKept() {
        long n = 0;
        for (long[] byType : notKept) {
            for (long c : byType) {
                n += c;
            }
        }
        return n;
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
