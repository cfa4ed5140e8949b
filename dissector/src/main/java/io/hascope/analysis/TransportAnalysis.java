package io.hascope.analysis;

import io.hascope.event.TransportEvent;
import java.util.Map;

/**
 * The reliable transport as the capture shows it, one {@link TransportChannel} per direction (analysis.md §2):
 * DATA sent again, DATA numbers skipped, NACKs repeated past Max Nack and a direction silent past the idle timeout
 * (a broken channel), and an ACK running ahead of the DATA seen, which is the capture's loss, not the channel's. Tells
 * the analysis whether the frame's sync packet is consumed by its receiver now and whether it repeats an earlier one.
 */
final class TransportAnalysis {
    /** The receiver consumes the packet now: no transport, or the next DATA in order. */
    static final int DELIVERED = 1;
    /** The packet rides in a DATA number already seen: a transport retransmission of an earlier packet. */
    static final int REPEAT = 2;
    /** A DATA numbered below one already seen in its channel: its packet was built before that one. */
    static final int OLDER = 4;

    private final AnalysisConfig config;
    private final FindingLog findings;

    TransportAnalysis(AnalysisConfig config, FindingLog findings) {
        this.config = config;
        this.findings = findings;
    }

    /**
     * Gaps in the DATA numbers a sender's tap shows wait a second before they are judged: the missing DATA may still be
     * seen arriving at the other tap (named taps), or the receiver may acknowledge past them without asking for them,
     * and then the tap missed them, the sender did not skip them (capture loss, noted once).
     */
    private final java.util.List<WaitingChannel> channelsWithWaitingGaps = new java.util.ArrayList<>();

    private record WaitingChannel(TransportChannel channel, DpuState from, DpuState to) {
    }

    /**
     * The DATA numbers [acknowledgedFrom, acknowledgedTo) of acknowledgedChannel that the header just fed acknowledged
     * as consumed though the capture did not show them consumed (a tap missed the DATA before them, or them: with two
     * taps their arrival, with one their departure): they reached the receiver after all. acknowledgedFrom is -1 when
     * there are none. Valid until the next header.
     */
    int acknowledgedFrom = -1;
    int acknowledgedTo;
    TransportChannel acknowledgedChannel;
    /**
     * The ACK the header just fed moved acknowledgedChannel's from (the DATA numbers [ackMovedFrom, acknowledgedTo) are
     * newly acknowledged), or -1. Valid until the next header.
     */
    int ackMovedFrom = -1;
    /** The channel of the DATA header just fed (null for a KEEPALIVE or NACK). Valid until the next header. */
    TransportChannel dataChannel;

    /**
     * One transport header from `from` to `to`, at the analysis clock `now`: DELIVERED and REPEAT as they hold;
     * seenOnlyArriving for a frame the sender's (named) tap missed and the receiver's saw arrive; byArrival when two
     * taps show what the receiver consumed as it arrives (else it is judged as it leaves).
     */
    int onTransport(TransportEvent t, DpuState from, DpuState to, long now, boolean seenOnlyArriving,
                    boolean byArrival) {
        if (!channelsWithWaitingGaps.isEmpty()) {
            judgeWaitingGaps(t.timeNanos - CaptureAnalysis.ARRIVAL_WINDOW);
        }
        TransportChannel ch = channel(from, to);
        TransportChannel reverse = channel(to, from);
        if (ch.reverse == null) {
            ch.reverse = reverse;
            reverse.reverse = ch;
        }
        int outcome = DELIVERED;
        if (reverse.lastHeard != Long.MIN_VALUE && t.timeNanos - reverse.lastHeard > config.idleTimeout
                && !reverse.brokenReported) {
            reverse.brokenReported = true;
            findings.add(FindingType.TRANSPORT_BROKEN, t.frameNumber, t.timeNanos, to.address, from.address, null,
                    to.address + " has been silent for " + FindingLog.millis(t.timeNanos - reverse.lastHeard)
                            + " ms while " + from.address + " still sends (idle timeout "
                            + FindingLog.millis(config.idleTimeout) + " ms)",
                    Map.of("silent_s", (t.timeNanos - reverse.lastHeard) / 1e9));
        }
        ch.lastHeard = t.timeNanos;
        ch.consumedAsSent.heard(t.timeNanos, config.idleTimeout);
        dataChannel = t.type == TransportEvent.DATA ? ch : null;
        switch (t.type) {
            case TransportEvent.DATA -> {
                boolean repeat = ch.seen(t.seq);
                boolean older = ch.highest >= 0 && TransportChannel.ahead(ch.highest, t.seq);
                ch.consumedOnArrival.startAt(t.seq);
                if (repeat) {
                    findings.add(FindingType.TRANSPORT_RETRANSMISSION, t.frameNumber, t.timeNanos, from.address,
                            to.address, null, "DATA " + t.seq + " from " + from.address + " is sent again",
                            Map.of("seq", t.seq));
                } else if (ch.highest >= 0 && TransportChannel.ahead(t.seq, TransportChannel.next(ch.highest))) {
                    if (ch.waitingGaps == null) {
                        ch.waitingGaps = new java.util.ArrayDeque<>();
                    }
                    if (ch.waitingGaps.isEmpty()) {
                        channelsWithWaitingGaps.add(new WaitingChannel(ch, from, to));
                    }
                    ch.waitingGaps.addLast(new TransportChannel.WaitingGap(t.frameNumber, t.timeNanos,
                            TransportChannel.next(ch.highest), t.seq));
                } else if (seenOnlyArriving && older) {
                    ch.filled(t.seq);
                }
                ch.markSeen(t.seq);
                ch.departed(t.seq, t.frameNumber, t.timeNanos);
                ch.sawLeaving(t.seq);
                ch.lastData = now;
                outcome = (ch.consumedAsSent.take(t.seq, t.timeNanos) ? DELIVERED : 0) | (repeat ? REPEAT : 0)
                        | (older ? OLDER : 0);
            }
            case TransportEvent.NACK -> {
                // a NACK from `from` asks for a number of the reverse direction's DATA
                int n = reverse.nacks.merge(t.seq, 1, Integer::sum);
                long interval = reverse.nackInterval(t.seq, t.timeNanos);
                if (n == config.maxNack + 1 && interval > 0) {
                    // its last NACK: one more NACK timeout without the DATA and the receiver gives up
                    reverse.consumedAsSent.givingUp(t.seq, t.timeNanos + interval);
                    reverse.consumedOnArrival.givingUp(t.seq, t.timeNanos + interval);
                }
                if (n > config.maxNack + 1 && !reverse.brokenReported) {
                    reverse.brokenReported = true;
                    findings.add(FindingType.TRANSPORT_BROKEN, t.frameNumber, t.timeNanos, to.address, from.address,
                            null, "NACK for " + t.seq + " repeated " + (n - 1) + " times, more than Max Nack ("
                                    + config.maxNack + ")", Map.of("seq", t.seq, "nacks", n));
                }
            }
            default -> {
            }
        }
        // the sender of this header has consumed the reverse direction's DATA up to its ACK, seen arriving or not
        boolean nack = t.type == TransportEvent.NACK;
        int unseenFrom = reverse.consumedOnArrival.acknowledged(t.ack, nack, t.timeNanos);
        int droppedFrom = reverse.consumedAsSent.acknowledged(t.ack, nack, t.timeNanos);
        acknowledgedFrom = byArrival ? unseenFrom : droppedFrom;
        acknowledgedTo = t.ack;
        acknowledgedChannel = reverse;
        ackMovedFrom = reverse.acknowledge(t.ack, t.timeNanos);
        if (reverse.highest < 0 || reverse.acknowledges(reverse.highest)) {
            reverse.clearedAt = now;
        }
        if (reverse.waitingGaps != null && reverse.acknowledgedWithoutNack(t.ack)) {
            findings.noteCaptureLoss("frame " + t.frameNumber + ": " + from.address + " acknowledges DATA of "
                    + to.address + " that the capture does not hold, and never asked for them again: the capture"
                    + " missed frames");
        }
        // an ACK running ahead of the DATA the capture saw: the capture missed frames, not the peer
        if (reverse.highest >= 0 && TransportChannel.ahead(t.ack, TransportChannel.next(reverse.highest))
                && !findings.captureLossNoted()) {
            findings.noteCaptureLoss("frame " + t.frameNumber + ": " + from.address + " acknowledges " + t.ack
                    + " packets but the capture holds DATA only up to " + reverse.highest
                    + ": the capture missed frames");
        }
        return outcome;
    }

    private void gap(DpuState from, DpuState to, long frame, long time, int expected, int seq, int missing) {
        findings.add(FindingType.TRANSPORT_GAP, frame, time, from.address, to.address, null,
                "DATA from " + from.address + " skips from " + (expected - 1) + " to " + seq,
                Map.of("expected", expected, "seq", seq, "missing", missing));
    }

    /** Reports the waiting gaps first seen before {@code before} whose DATA were not all seen arriving since. */
    private void judgeWaitingGaps(long before) {
        for (java.util.Iterator<WaitingChannel> it = channelsWithWaitingGaps.iterator(); it.hasNext(); ) {
            WaitingChannel c = it.next();
            java.util.ArrayDeque<TransportChannel.WaitingGap> gaps = c.channel().waitingGaps;
            while (!gaps.isEmpty() && gaps.peekFirst().time < before) {
                TransportChannel.WaitingGap g = gaps.pollFirst();
                if (g.missing > 0) {
                    gap(c.from(), c.to(), g.frame, g.time, g.expected, g.seq, g.missing);
                }
            }
            if (gaps.isEmpty()) {
                it.remove();
            }
        }
    }

    /** At the end of the capture: the gaps still waiting are judged on what was seen. */
    void finish() {
        judgeWaitingGaps(Long.MAX_VALUE);
    }

    /** The channel of the header last seen arriving (consumedOnArrival). */
    TransportChannel arrivalChannel;

    /**
     * A transport header seen arriving at the receiver (two taps): whether the receiver consumes the packet it
     * carries now, which for DATA means the next number in order. What it means for the channel was judged when the
     * frame left.
     */
    boolean consumedOnArrival(TransportEvent t, DpuState from, DpuState to) {
        TransportChannel ch = channel(from, to);
        arrivalChannel = ch;
        ch.consumedOnArrival.heard(t.timeNanos, config.idleTimeout);
        if (t.type != TransportEvent.DATA) {
            return true;
        }
        ch.arrived(t.seq, t.frameNumber, t.timeNanos);
        return ch.consumedOnArrival.take(t.seq, t.timeNanos);
    }

    /** The frame DATA header t last left in, or -1 (not seen leave, or too long ago). */
    long departureOf(TransportEvent t, DpuState from, DpuState to) {
        return channel(from, to).departureOf(t.seq);
    }

    private static TransportChannel channel(DpuState from, DpuState to) {
        return from.channelTo.computeIfAbsent(to, k -> new TransportChannel());
    }
}
