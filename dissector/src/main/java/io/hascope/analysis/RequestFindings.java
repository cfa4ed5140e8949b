package io.hascope.analysis;

import static io.hascope.analysis.FindingLog.millis;

import io.hascope.event.SyncPacket;
import io.hascope.field.ExpertKind;
import io.hascope.field.Severity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The findings analysis.md §5 gives requests, replies and malformed frames, worded: {@link Analyzer} decides that a
 * request was resent or a reply never came, this says so in a sentence a person reads and a detail a script reads,
 * into the log every part of the analysis reports to.
 */
final class RequestFindings {
    private final FindingLog log;
    private final AnalysisConfig config;

    RequestFindings(FindingLog log, AnalysisConfig config) {
        this.log = log;
        this.config = config;
    }

    /** The request original was sent again, in frame (its resends already counted). */
    void resend(long frame, long time, PendingRequest original) {
        log.add(FindingType.RESEND, frame, time, original.from.address, original.to.address, original.firstConnection(),
                "request of frame " + original.frame + " sent again (resend " + original.resends + ")",
                Map.of("request", original.frame, "resend", original.resends));
    }

    /** Request r of packet p carries more messages than its receiver advertised it takes in one packet. */
    void coalescingViolation(SyncPacket p, PendingRequest r) {
        log.add(FindingType.COALESCING_VIOLATION, p.frameNumber, p.timeNanos, r.from.address, r.to.address, null,
                p.messageCount + " messages in one packet, but " + r.to.address + " advertised N = "
                        + r.to.advertisedN,
                Map.of("messages", p.messageCount, "advertised", r.to.advertisedN));
    }

    /** Request r of packet p came in a datagram longer than its receiver advertised it accepts. */
    void oversizeDatagram(SyncPacket p, PendingRequest r) {
        log.add(FindingType.OVERSIZE_DATAGRAM, p.frameNumber, p.timeNanos, r.from.address, r.to.address, null,
                p.datagramLength + "-byte datagram, but " + r.to.address + " accepts at most "
                        + r.to.advertisedBytes,
                Map.of("bytes", p.datagramLength, "advertised", r.to.advertisedBytes));
    }

    /** Request r of packet p updates connections while its sender says it is the standby. */
    void illegalSenderRole(SyncPacket p, PendingRequest r) {
        log.add(FindingType.ILLEGAL_SENDER_ROLE, p.frameNumber, p.timeNanos, r.from.address, r.to.address,
                r.firstConnection(), r.from.address + " sends connection updates as STANDBY", Map.of("role", "STANDBY"));
    }

    /** The reply of frame answers request, which an earlier reply answered. */
    void duplicateReply(long frame, long time, DpuState sender, DpuState replier, PendingRequest request) {
        log.add(FindingType.DUPLICATE_REPLY, frame, time, sender.address, replier.address, request.firstConnection(),
                "second reply to the request of frame " + request.frame,
                Map.of("request", request.frame, "first_reply", request.replyFrame));
    }

    /** The reply of frame answers no request the capture holds (and cannot be one sent before it began). */
    void orphanReply(long frame, long time, DpuState sender, DpuState replier) {
        log.add(FindingType.ORPHAN_REPLY, frame, time, sender.address, replier.address, null,
                "reply from " + replier.address + " matches no request of " + sender.address, Map.of());
    }

    /** The reply of frame answers request, elapsed after its last send: past the reply timeout. */
    void lateReply(long frame, long time, DpuState sender, DpuState replier, PendingRequest request, long elapsed) {
        log.add(FindingType.LATE_REPLY, frame, time, sender.address, replier.address, request.firstConnection(),
                "reply to frame " + request.frame + " came " + millis(elapsed) + " ms after the last send"
                        + " (timeout " + millis(config.replyTimeout) + " ms)",
                Map.of("request", request.frame, "reply_time_s", elapsed / 1e9));
    }

    /** The replier, allowed to truncate and advertising it, replied to request whole. */
    void truncationIgnored(long frame, long time, DpuState replier, DpuState sender, PendingRequest request) {
        log.add(FindingType.TRUNCATION_IGNORED, frame, time, replier.address, sender.address, null,
                replier.address + " was allowed to truncate and advertised truncation, but replied whole to frame "
                        + request.frame, Map.of("request", request.frame));
    }

    /**
     * A lost reply for each update message of the request of frame; neverTaken: the frame of a reply that left but
     * that the requester's ACK shows it never took (-1: none left).
     */
    void lostReplies(long frame, long time, int resends, DpuState from, DpuState to, SaidMessages said,
                     long neverTaken) {
        for (int i = 0; i < said.size(); i++) {
            if (said.type(i) == 1 || said.type(i) == 2) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("request", frame);
                d.put("resends", resends);
                String why = "";
                if (neverTaken >= 0) {
                    d.put("reply", neverTaken);
                    d.put("reply_by", "ack"); // not as the one tap saw the reply's DATA leave
                    why = ": " + from.address + "'s ACK never passed its reply in frame " + neverTaken + ", and "
                            + to.address + " failed before sending it again";
                }
                log.add(FindingType.LOST_REPLY, frame, time, from.address, to.address, said.connection(i),
                        describe(said, i) + " was never acknowledged by " + to.address
                                + (resends > 0 ? " (" + resends + " resends)" : "") + why, d);
            }
        }
    }

    /** A finding of the dissector about a malformed frame, passed through; its notes and chat are not reported. */
    void malformed(long frame, long time, ExpertKind kind, String message, long offset) {
        if (kind.severity().level() < Severity.WARN.level()) {
            return; // notes and chat about the frame (fragments, extensions) are not malformations
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("finding", kind.shortName());
        d.put("offset", offset);
        log.add(FindingType.MALFORMED, kind.severity(), frame, time, "", "", null, message, d);
    }

    private static String describe(SaidMessages said, int i) {
        Connection c = said.connection(i);
        String what = said.type(i) == 2 ? "PACKET_UPDATE" : switch (said.op(i)) {
            case 1 -> "CREATE";
            case 2 -> "UPDATE";
            case 3 -> "DELETE";
            case 4 -> "REFRESH";
            default -> "STATE_UPDATE";
        };
        return what + (c == null ? "" : " of " + c);
    }
}
