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

    private AnalysisFields() {
    }

    static void load() {
    }
}
