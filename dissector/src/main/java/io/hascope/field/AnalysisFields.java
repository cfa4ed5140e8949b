package io.hascope.field;

/**
 * Second-pass fields (decode -2): what the analysis of the whole capture says about one frame, as Wireshark's
 * tcp.analysis.* does for TCP. They carry no bytes of the frame; they are generated.
 */
public final class AnalysisFields {
    public static final Field REPLY_IN = Field.of("hasync.analysis.reply_in", "Reply in frame", FieldType.FRAMENUM,
            "On a request: the frame holding its reply");
    public static final Field REPLY_TO = Field.of("hasync.analysis.reply_to", "Reply to the request in frame",
            FieldType.FRAMENUM, "On a reply: the frame of the request it answers (its first send)");
    public static final Field REPLY_TIME = Field.of("hasync.analysis.reply_time", "Reply time", FieldType.TIME_REL,
            "On a reply: seconds since the first send of its request");
    public static final Field LOST_REPLY = Field.bool("hasync.analysis.lost_reply", "Lost reply",
            "On a request that asked for a reply and held packets: none came within the reply timeout");
    public static final Field RETRANSMISSION = Field.of("hasync.analysis.retransmission", "Resend of frame",
            FieldType.FRAMENUM, "On a request sent again before its reply: the frame of the first send");
    public static final Field DUPLICATE_REPLY = Field.of("hasync.analysis.duplicate_reply", "Duplicate of the reply"
            + " in frame", FieldType.FRAMENUM, "On a second reply to one request: the frame of the first reply");
    public static final Field RUDP_GAP = Field.uint("rudp.analysis.gap", "DATA numbers skipped",
            "On a DATA after a gap in its channel's numbers: how many numbers the capture did not see");
    public static final Field RUDP_RETRANSMISSION = Field.uint("rudp.analysis.retransmission", "Retransmitted DATA",
            "On a DATA whose number was already seen in its channel: the number");

    /** FindingType's labels, numbered from 1 in its order (AnalysisFieldsTest holds the two to each other). */
    public static final ValueNames FINDING_TYPES = ValueNames.of(1, "lost_reply", 2, "late_reply", 3, "orphan_reply",
            4, "duplicate_reply", 5, "resend", 6, "transport_gap", 7, "transport_retransmission", 8, "transport_broken",
            9, "divergence", 10, "zombie", 11, "failover", 12, "broken_by_failover", 13, "coalescing_violation",
            14, "oversize_datagram", 15, "truncation_ignored", 16, "illegal_sender_role", 17, "version_regression");
    public static final Field FINDING = Field.enumerated("hasync.analysis.finding", "Finding", FINDING_TYPES,
            "A finding of the analysis that this frame proves, by type (filter by name: hasync.analysis.finding =="
                    + " zombie); one per finding");
    public static final Field FINDING_REASON = Field.of("hasync.analysis.finding.reason", "Reason", FieldType.STRING,
            "The finding in one sentence, as analyze reports it");

    private static final java.util.Set<Field> ALL = java.util.Set.of(REPLY_IN, REPLY_TO, REPLY_TIME, LOST_REPLY,
            RETRANSMISSION, DUPLICATE_REPLY, RUDP_GAP, RUDP_RETRANSMISSION, FINDING, FINDING_REASON);

    private AnalysisFields() {
    }

    /** The first of fields that only the analysis of the whole capture fills, or null. */
    public static Field firstOf(java.util.Collection<Field> fields) {
        for (Field f : fields) {
            if (ALL.contains(f)) {
                return f;
            }
        }
        return null;
    }

    static void load() {
    }
}
