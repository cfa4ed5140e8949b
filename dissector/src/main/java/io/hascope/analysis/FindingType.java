package io.hascope.analysis;

import io.hascope.field.Severity;
import java.util.Locale;

/** The findings of shared/spec/analysis.md §5, with their severities. */
public enum FindingType {
    LOST_REPLY(Severity.WARN),
    LATE_REPLY(Severity.NOTE),
    ORPHAN_REPLY(Severity.WARN),
    DUPLICATE_REPLY(Severity.NOTE),
    RESEND(Severity.CHAT),
    TRANSPORT_GAP(Severity.WARN),
    TRANSPORT_RETRANSMISSION(Severity.CHAT),
    TRANSPORT_BROKEN(Severity.ERROR),
    DIVERGENCE(Severity.WARN),
    ZOMBIE(Severity.WARN),
    FAILOVER(Severity.ERROR),
    BROKEN_BY_FAILOVER(Severity.ERROR),
    COALESCING_VIOLATION(Severity.WARN),
    OVERSIZE_DATAGRAM(Severity.WARN),
    TRUNCATION_IGNORED(Severity.CHAT),
    ILLEGAL_SENDER_ROLE(Severity.WARN),
    VERSION_REGRESSION(Severity.NOTE),
    MALFORMED(Severity.ERROR);

    private final Severity severity;

    FindingType(Severity severity) {
        this.severity = severity;
    }

    /** The default severity (malformed findings carry the dissector's own). */
    public Severity severity() {
        return severity;
    }

    /** "lost_reply": the name in reports, JSON and --findings. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FindingType byLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
