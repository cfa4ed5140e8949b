package io.hascope.analysis;

import io.hascope.event.Dialect;
import io.hascope.event.IpAddress;
import io.hascope.event.MessageType;
import io.hascope.event.PacketKind;
import io.hascope.event.SyncEventSink;
import io.hascope.event.SyncMessage;
import io.hascope.event.SyncPacket;
import io.hascope.event.TransportEvent;
import io.hascope.field.Severity;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The analysis of shared/spec/analysis.md, fed by the dissector's events in capture order and keeping time by the
 * capture's own clock: reply matching (§2), holds (§3), both DPUs' tables (§4), the findings (§5) and what the
 * scorecard (§6) needs. It streams: state grows with live connections and open requests, not with the file; ask
 * {@link #tables()} at any point for the tables "as of" the frame last fed. Call {@link #finish()} at the end.
 */
public final class Analyzer implements SyncEventSink {
    private static final int OWN = ConnectionStore.OWN;
    private static final int COPY = ConnectionStore.COPY;
    private static final int CONN_NONE = 0;
    private static final int ESTABLISHED = 3;
    private static final int CLOSED = 6;
    private static final int RESET = 7;
    private static final int STANDBY = 2;
    private static final int STANDALONE = 3;

    final AnalysisConfig config;
    final Map<String, DpuState> dpus = new LinkedHashMap<>();
    /** The same DPUs in the same order, for the scans done on every packet and frame (no iterator each time). */
    private DpuState[] dpuList = new DpuState[0];
    final List<Finding> findings = new ArrayList<>();
    final Set<Dialect> dialects = EnumSet.noneOf(Dialect.class);
    private final Deque<PendingRequest> window = new ArrayDeque<>();
    private final SaidMessages.Pool messagePool = new SaidMessages.Pool();
    /** Requests nothing can reach any more, for the next request frames (see recycle). */
    private final ArrayDeque<PendingRequest> spareRequests = new ArrayDeque<>();
    final InFlightPeak holdsInFlight = new InFlightPeak();
    final DurationHistogram replyTimes = new DurationHistogram();
    final List<long[]> zombieIntervals = new ArrayList<>();
    final Map<String, long[]> channelBytes = new LinkedHashMap<>();
    /** Distinct connections any message spoke of: the denominator of bytes per connection. */
    final DistinctCounter connectionsSeen = new DistinctCounter();
    long frames;
    long firstTime = Long.MIN_VALUE;
    long lastTime;
    long now;
    long currentFrame;
    long holdsOpened;
    long holdsReleased;
    long holdsLate;
    long holdsExpired;
    long holdsOpenAtEnd;
    long stateChanges;
    long requestsWithMessages;
    long messagesInRequests;
    int maxMessagesPerPacket;
    long requestBytes;
    long replyBytes;
    long brokenByFailover;
    long establishedAtFailovers;
    double exposureIntegral;
    private int exposed;
    private long exposureSince = Long.MIN_VALUE;
    boolean captureLossNoted;
    String captureLossNote;
    private boolean finished;

    // the packet being decoded
    private PendingRequest building;
    private SyncPacket current;
    /** The packet's receiver consumes it (no transport, or the next DATA in order). */
    private boolean currentDelivered;
    /** The packet rides in a DATA number already seen: a transport retransmission of an earlier packet. */
    private boolean currentRepeat;

    /** A peer entry whose owner closed the connection: since when, and the frame that closed it. */
    record ZombieCandidate(DpuState peer, Connection key, long since, long frame) {
    }

    /** Findings of one frame and type (a failover's broken connections) in connection order, stable between runs. */
    private static final java.util.Comparator<Finding> BY_FRAME_TYPE_CONNECTION = java.util.Comparator
            .comparingLong(Finding::frame).thenComparing(Finding::type)
            .thenComparing(f -> f.connection() == null ? "" : f.connection().toString());

    /** Told of every request matched with its reply (decode -2 builds reply_in / reply_to from it). */
    public interface Pairing {
        void paired(long requestFrame, long replyFrame, long replyNanos);
    }

    private Pairing pairing;

    public Analyzer(AnalysisConfig config) {
        this.config = config.validate();
    }

    /** Frames a second tap saw arriving (the same frames seen leaving): counted once, reported in the header. */
    long arrivalCopies;
    /**
     * Two taps (analysis.md §0), from the first frame seen arriving on: a request reaches its receiver's table when
     * it arrives, a reply releases its holds when it arrives, and what never arrives was lost in the channel.
     */
    boolean twoTaps;
    /** Frames that left before two taps were recognised were judged as with one tap; their arrivals are not news. */
    long twoTapsFrom = Long.MAX_VALUE;
    /** The departure frame of the frame being fed when it is an arrival (-1 when it is leaving). */
    long arriving = -1;
    /** Requests by the frames that carried them (first sends and resends), until they arrive or leave the window. */
    private final LinkedHashMap<Long, PendingRequest> byDeparture = new LinkedHashMap<>();

    /** A frame the other tap saw arrive: it moves the clock and counts as read, but is no new event. */
    void arrivalCopy(long frameNumber, long timeNanos) {
        onFrame(frameNumber, timeNanos, 0);
        arrivalCopies++;
    }

    /** Told of every hold as its outcome becomes known (the GUI's Holds view lists them). */
    public interface Holds {
        /**
         * A request that held packets: its frame and time, sender and receiver, the packets it held, its first
         * connection, its reply frame and reply time since the first send (-1 when none), resends, and the outcome
         * (released, late, expired, open).
         */
        void hold(long frame, long timeNanos, String dpu, String peer, int packets, Connection connection,
                  long replyFrame, long replyNanos, int resends, String outcome);
    }

    private Holds holdListener;

    public Analyzer onHolds(Holds listener) {
        this.holdListener = listener;
        return this;
    }

    public Analyzer onPairing(Pairing listener) {
        this.pairing = listener;
        return this;
    }

    // ------------------------------------------------------------------------------------------ clock

    @Override
    public void onFrame(long frameNumber, long timeNanos, int wireLength) {
        currentFrame = frameNumber;
        frames++;
        if (firstTime == Long.MIN_VALUE) {
            firstTime = timeNanos;
            exposureSince = timeNanos;
        }
        advance(timeNanos);
        lastTime = Math.max(lastTime, timeNanos);
    }

    private void advance(long time) {
        if (time > now) {
            accumulateExposure(time);
            now = time;
        }
        // answered requests stay for the window so that a second reply is recognised as a duplicate
        while (!window.isEmpty() && ((window.peekFirst().finalized && !window.peekFirst().answered())
                || now - window.peekFirst().lastSend > matchingWindow())) {
            PendingRequest r = window.pollFirst();
            finalizeRequest(r, false);
            if (r.applied) {
                recycle(r); // one never applied stays as it is for a late arrival, and goes to the collector
            }
        }
        holdsInFlight.settle(now - matchingWindow());
        for (Iterator<PendingRequest> it = byDeparture.isEmpty() ? java.util.Collections.emptyIterator()
                : byDeparture.values().iterator(); it.hasNext(); ) {
            if (now - it.next().lastSend <= matchingWindow()) {
                break;
            }
            it.remove(); // never arrived: lost in the channel
        }
        checkSilence();
    }

    /**
     * A request that left the window applied, or was never kept (a resend or repeat): nothing reads its messages
     * again, and with one tap nothing refers to it either, so it and its messages serve the next request. With two
     * taps the frames that carried it may still be waiting for their arrival (byDeparture); it is left to the collector.
     */
    private void recycle(PendingRequest r) {
        messagePool.give(r.said);
        r.said = SaidMessages.NONE;
        if (!twoTaps) {
            spareRequests.push(r);
        }
    }

    /** How long a request stays matchable after its last send: late replies and resends are seen within it. */
    private long matchingWindow() {
        return Math.max(config.failoverSilence, 10 * config.replyTimeout);
    }

    // ------------------------------------------------------------------------------------------ DPUs and liveness

    private DpuState dpu(IpAddress a) {
        // a pair, or a few pairs: a scan by the raw address beats formatting it for a map lookup on every packet
        for (DpuState d : dpuList) {
            if (d.addressHigh == a.high() && d.addressLow == a.low() && d.version == a.version()) {
                return d;
            }
        }
        String key = a.toString();
        DpuState d = new DpuState(key, a.high(), a.low(), a.version());
        dpus.put(key, d);
        dpuList = dpus.values().toArray(new DpuState[0]);
        return d;
    }

    private DpuState peerOf(DpuState d) {
        for (DpuState other : dpuList) {
            if (other != d) {
                return other;
            }
        }
        return null;
    }

    private void heard(DpuState d) {
        if (d.failed) {
            d.failed = false; // heard again: a later silence is a new failover
            d.gone = false;
        }
        d.lastSeen = now;
        d.lastFrame = currentFrame;
    }

    /** A DPU silent past the failover silence while its peer goes on sending has failed (analysis.md §5). */
    private void checkSilence() {
        for (DpuState d : dpuList) {
            DpuState peer = peerOf(d);
            if (!d.failed && peer != null && d.lastSeen != Long.MIN_VALUE && now - d.lastSeen > config.failoverSilence
                    && peer.lastSeen > d.lastSeen + config.failoverSilence) {
                failover(d, peer, "fell silent for " + seconds(now - d.lastSeen) + " s while " + peer.address
                        + " went on sending");
            }
            if (d.failed && !d.gone && now - d.lastSeen > config.failoverSilence) {
                // failed and silent: gone, not partitioned (a DPU given up while it still sends keeps its table)
                d.gone = true;
                settleWatchesOf(d);
            }
        }
    }

    private void failover(DpuState failed, DpuState survivor, String why) {
        failed.failed = true;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("survivor", survivor.address);
        detail.put("why", why);
        int established = 0;
        int broken = 0;
        for (ConnectionStore st : failed.owning) {
            for (int rec = st.nextWithOwn(0); rec >= 0; rec = st.nextWithOwn(rec + 1)) {
                if (st.state(rec, OWN) != ESTABLISHED) {
                    continue;
                }
                established++;
                int copyState; // -1: no copy
                if (st.receiver == survivor) {
                    copyState = st.has(rec, COPY) ? st.state(rec, COPY) : -1;
                } else {
                    TableEntry copy = survivor.peer().get(st.key(rec));
                    copyState = copy == null ? -1 : copy.state();
                }
                if (copyState != ESTABLISHED) {
                    broken++;
                    Connection c = st.connection(rec, OWN);
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("copy_state", copyState < 0 ? "missing" : stateName(copyState));
                    add(FindingType.BROKEN_BY_FAILOVER, FindingType.BROKEN_BY_FAILOVER.severity(), failed.lastFrame,
                            failed.lastSeen, failed.address, survivor.address, c, "ESTABLISHED connection " + c + " of "
                                    + failed.address + " has " + (copyState < 0 ? "no copy"
                                    : "a " + stateName(copyState) + " copy") + " on the survivor " + survivor.address, d);
                }
            }
        }
        detail.put("established", established);
        detail.put("broken", broken);
        brokenByFailover += broken;
        establishedAtFailovers += established;
        add(FindingType.FAILOVER, FindingType.FAILOVER.severity(), failed.lastFrame, failed.lastSeen, failed.address,
                survivor.address, null, failed.address + " failed: it " + why + "; " + broken + " of " + established
                        + " established connections broken", detail);
    }

    // ------------------------------------------------------------------------------------------ transport (spec §2)

    @Override
    public void onTransport(TransportEvent t) {
        if (arriving >= 0) {
            currentDelivered = true; // the transport was analysed when the frame left
            currentRepeat = false;
            return;
        }
        DpuState from = dpu(t.source);
        DpuState to = dpu(t.destination);
        heard(from);
        TransportChannel ch = channel(from, to);
        TransportChannel reverse = channel(to, from);
        currentDelivered = true;
        currentRepeat = false;
        if (reverse.lastHeard != Long.MIN_VALUE && t.timeNanos - reverse.lastHeard > config.idleTimeout
                && !reverse.brokenReported) {
            reverse.brokenReported = true;
            add(FindingType.TRANSPORT_BROKEN, FindingType.TRANSPORT_BROKEN.severity(), t.frameNumber, t.timeNanos,
                    to.address, from.address, null, to.address + " has been silent for "
                            + millis(t.timeNanos - reverse.lastHeard) + " ms while " + from.address
                            + " still sends (idle timeout " + millis(config.idleTimeout) + " ms)",
                    Map.of("silent_s", (t.timeNanos - reverse.lastHeard) / 1e9));
        }
        ch.lastHeard = t.timeNanos;
        switch (t.type) {
            case TransportEvent.DATA -> {
                currentRepeat = ch.seen(t.seq);
                if (currentRepeat) {
                    add(FindingType.TRANSPORT_RETRANSMISSION, FindingType.TRANSPORT_RETRANSMISSION.severity(),
                            t.frameNumber, t.timeNanos, from.address, to.address, null,
                            "DATA " + t.seq + " from " + from.address + " is sent again", Map.of("seq", t.seq));
                } else if (ch.highest >= 0 && t.seq > ch.highest + 1) {
                    add(FindingType.TRANSPORT_GAP, FindingType.TRANSPORT_GAP.severity(), t.frameNumber, t.timeNanos,
                            from.address, to.address, null, "DATA from " + from.address + " skips from " + ch.highest
                                    + " to " + t.seq, Map.of("expected", ch.highest + 1, "seq", t.seq,
                                    "missing", t.seq - ch.highest - 1));
                }
                ch.markSeen(t.seq);
                ch.highest = Math.max(ch.highest, t.seq);
                ch.lastData = now;
                currentDelivered = ch.consume(t.seq);
            }
            case TransportEvent.NACK -> {
                // a NACK from `from` asks for a number of the reverse direction's DATA
                int n = reverse.nacks.merge(t.seq, 1, Integer::sum);
                if (n > config.maxNack + 1 && !reverse.brokenReported) {
                    reverse.brokenReported = true;
                    add(FindingType.TRANSPORT_BROKEN, FindingType.TRANSPORT_BROKEN.severity(), t.frameNumber,
                            t.timeNanos, to.address, from.address, null, "NACK for " + t.seq + " repeated " + (n - 1)
                                    + " times, more than Max Nack (" + config.maxNack + ")",
                            Map.of("seq", t.seq, "nacks", n));
                }
            }
            default -> {
            }
        }
        // an ACK running ahead of the DATA the capture saw: the capture missed frames, not the peer
        if (reverse.highest >= 0 && t.ack > reverse.highest + 1 && !captureLossNoted) {
            captureLossNoted = true;
            captureLossNote = "frame " + t.frameNumber + ": " + from.address + " acknowledges " + t.ack
                    + " packets but the capture holds DATA only up to " + reverse.highest + ": the capture missed frames";
        }
    }

    private TransportChannel channel(DpuState from, DpuState to) {
        return from.channelTo.computeIfAbsent(to, k -> new TransportChannel());
    }

    // ------------------------------------------------------------------------------------------ packets

    @Override
    public void onPacketStart(SyncPacket p) {
        if (arriving >= 0) {
            building = null; // counted when it left; only its arrival matters now (onPacketEnd)
            return;
        }
        dialects.add(p.dialect);
        DpuState from = dpu(p.source);
        DpuState to = dpu(p.destination);
        heard(from);
        long[] bytes = from.bytesTo.get(to);
        if (bytes == null) { // the report's map keeps the same array under its name
            bytes = channelBytes.computeIfAbsent(from.address + "->" + to.address, k -> new long[2]);
            from.bytesTo.put(to, bytes);
        }
        bytes[0] += p.wireLength;
        bytes[1]++;
        building = null;
        if (!p.hasTransport) {
            currentDelivered = true;
            currentRepeat = false;
        }
        if (p.isReply()) {
            from.replies++;
            replyBytes += p.wireLength;
            return;
        }
        from.requests++;
        requestBytes += p.wireLength;
        if (p.dialect == Dialect.HASYNC) {
            noteRole(from, to, p.role, p.term);
        }
        PendingRequest spare = spareRequests.poll();
        building = (spare != null ? spare : new PendingRequest()).reset(p.frameNumber, p.timeNanos, from, to,
                p.replyRequested || p.dialect == Dialect.DASH && p.kind == PacketKind.REQUEST, p.truncateOk,
                p.opaqueLength > 0, hash(p.buffer, p.opaqueAt, p.opaqueLength, 0x9e3779b97f4a7c15L), p.wireLength,
                from.storeTo(to), messagePool.take(p.messageCount));
    }

    /** A rise of term or a turn to STANDALONE in what a DPU sends means its peer failed (analysis.md §5). */
    private void noteRole(DpuState from, DpuState to, int role, int term) {
        boolean standaloneNow = role == STANDALONE && from.role != STANDALONE && from.role >= 0;
        boolean termRose = from.term >= 0 && term != from.term && ((term - from.term) & 0xffff) < 0x8000;
        if (role != from.role) {
            from.roles.add(role);
        }
        from.role = role;
        from.term = term;
        if ((standaloneNow || termRose) && !to.failed && to.lastSeen != Long.MIN_VALUE) {
            failover(to, from, "was given up by " + from.address + (standaloneNow ? ", which turned STANDALONE"
                    : ", whose term rose to " + term));
        }
    }

    @Override
    public void onMessage(SyncPacket p, SyncMessage m) {
        if (building == null) {
            return; // replies: their content is the request's
        }
        int state = m.connectionState;
        if (m.hasConnection && (m.type == MessageType.PACKET || state < 0)) {
            state = -2; // a carried packet (PACKET_UPDATE, DASH): its flags and the entry decide, when applied
        }
        building.from.messages++;
        building.said.add(m, state);
    }

    @Override
    public void onPacketEnd(SyncPacket p) {
        if (arriving >= 0) {
            if (p.isReply()) {
                onReply(p); // the sender has its reply now
            } else {
                PendingRequest r = byDeparture.remove(arriving);
                if (r != null) {
                    applyToPeer(r, p.frameNumber); // the receiver has the request now
                }
            }
            return;
        }
        if (p.isReply()) {
            if (deferredToArrival(p)) {
                return; // matched when it arrives
            }
            if (currentDelivered) {
                onReply(p); // a reply in a DATA the sender does not consume yet counts when it is resent
            }
            return;
        }
        PendingRequest r = building;
        building = null;
        if (r == null) {
            return;
        }
        requestHashes(p, r);
        if (currentRepeat) {
            // the transport resent it: the same request, which its receiver may only now consume
            PendingRequest original = recent(r);
            recycle(r);
            if (original != null && currentDelivered && !original.replyRequested) {
                applyToPeer(original, p.frameNumber);
            }
            return;
        }
        PendingRequest original = findUnanswered(r);
        if (original != null) {
            recycle(r); // a resend: the original stands
            if (deferredToArrival(p)) {
                byDeparture.put(p.frameNumber, original);
            }
            original.lastSend = now;
            original.resends++;
            add(FindingType.RESEND, FindingType.RESEND.severity(), p.frameNumber, p.timeNanos, original.from.address,
                    original.to.address, first(original), "request of frame " + original.frame + " sent again (resend "
                            + original.resends + ")", Map.of("request", original.frame, "resend", original.resends));
            return;
        }
        newRequest(r, p);
    }

    /** With two taps a plain-UDP packet takes effect when it arrives (rUDP keeps the sender-side judgement). */
    private boolean deferredToArrival(SyncPacket p) {
        return twoTaps && !p.hasTransport;
    }

    /** The request r repeats, among those still in the matching window. */
    private PendingRequest recent(PendingRequest r) {
        Iterator<PendingRequest> it = window.descendingIterator();
        while (it.hasNext()) {
            PendingRequest q = it.next();
            if (q.from == r.from && q.to == r.to && sameRequest(q, r)) {
                return q;
            }
        }
        return null;
    }

    /** Rule 1 when the packet has an opaque, rule 2 otherwise (analysis.md §2). */
    private static boolean sameRequest(PendingRequest a, PendingRequest b) {
        return b.hasOpaque ? a.hasOpaque && a.opaqueHash == b.opaqueHash : !a.hasOpaque && a.fullHash == b.fullHash;
    }

    private void newRequest(PendingRequest r, SyncPacket p) {
        int connectionMessages = 0;
        SaidMessages said = r.said;
        for (int i = 0; i < said.size(); i++) {
            if (said.type(i) == 3) {
                r.from.advertisedN = said.maxMessages(i);
                r.from.advertisedBytes = (int) said.maxBytes(i);
                r.from.truncates = said.truncates(i);
            }
            if (said.hasKey(i)) {
                connectionMessages++;
                if (said.op(i) != 4) {
                    stateChanges++;
                }
            }
        }
        if (!r.said.isEmpty()) {
            requestsWithMessages++;
            messagesInRequests += p.messageCount;
            maxMessagesPerPacket = Math.max(maxMessagesPerPacket, p.messageCount);
        }
        if (r.to.advertisedN > 0 && p.messageCount > r.to.advertisedN) {
            add(FindingType.COALESCING_VIOLATION, FindingType.COALESCING_VIOLATION.severity(), p.frameNumber,
                    p.timeNanos, r.from.address, r.to.address, null, p.messageCount + " messages in one packet, but "
                            + r.to.address + " advertised N = " + r.to.advertisedN,
                    Map.of("messages", p.messageCount, "advertised", r.to.advertisedN));
        }
        if (r.to.advertisedBytes > 0 && p.datagramLength > r.to.advertisedBytes) {
            add(FindingType.OVERSIZE_DATAGRAM, FindingType.OVERSIZE_DATAGRAM.severity(), p.frameNumber, p.timeNanos,
                    r.from.address, r.to.address, null, p.datagramLength + "-byte datagram, but " + r.to.address
                            + " accepts at most " + r.to.advertisedBytes,
                    Map.of("bytes", p.datagramLength, "advertised", r.to.advertisedBytes));
        }
        if (connectionMessages > 0 && p.dialect == Dialect.HASYNC && p.role == STANDBY) {
            add(FindingType.ILLEGAL_SENDER_ROLE, FindingType.ILLEGAL_SENDER_ROLE.severity(), p.frameNumber,
                    p.timeNanos, r.from.address, r.to.address, first(r), r.from.address + " sends connection updates"
                            + " as STANDBY", Map.of("role", "STANDBY"));
        }
        applyToOwn(r, p.frameNumber);
        int holds = r.holdCount();
        holdsOpened += holds;
        if (holds > 0) {
            holdsInFlight.start(r.time, holds);
        }
        if (r.replyRequested || holds > 0) {
            r.from.unansweredBy.computeIfAbsent(r.to, k -> new RequestQueue()).add(r);
        }
        window.add(r);
        if (deferredToArrival(p)) {
            byDeparture.put(p.frameNumber, r);
        } else if (!r.replyRequested && currentDelivered) {
            applyToPeer(r, p.frameNumber);
        }
    }

    /** An earlier request of the same sender, still unanswered, that r repeats: then r is a resend. */
    private PendingRequest findUnanswered(PendingRequest r) {
        RequestQueue q = r.from.unansweredBy.get(r.to);
        if (q == null) {
            return null;
        }
        for (int i = 0; i < q.size(); i++) {
            PendingRequest earlier = q.get(i);
            if (!earlier.answered() && sameRequest(earlier, r)) {
                return earlier;
            }
        }
        return null;
    }

    private void onReply(SyncPacket p) {
        // with two taps it is matched when it arrives, but named by the frame that carried it away from its sender
        long frame = arriving >= 0 ? arriving : p.frameNumber;
        DpuState replier = dpu(p.source);
        DpuState sender = dpu(p.destination);
        RequestQueue q = sender.unansweredBy.get(replier);
        long opaqueHash = hash(p.buffer, p.opaqueAt, p.opaqueLength, 0x9e3779b97f4a7c15L);
        long key = p.opaqueLength > 0 ? 0 : bodiesHash(p, !p.truncated); // rule 1 needs no other key
        PendingRequest match = null;
        PendingRequest answeredAlready = null;
        if (q != null) {
            for (int i = 0; i < q.size(); i++) {
                PendingRequest r = q.get(i);
                boolean same = answers(p, opaqueHash, key, r);
                if (same && !r.answered()) {
                    match = r;
                    break;
                }
                if (same && answeredAlready == null) {
                    answeredAlready = r;
                }
            }
        }
        if (match == null && answeredAlready == null) {
            // answered requests leave the unanswered queue; a second reply finds its request in the recent window
            Iterator<PendingRequest> recent = window.descendingIterator();
            while (recent.hasNext() && answeredAlready == null) {
                PendingRequest r = recent.next();
                if (r.from == sender && r.to == replier && r.answered() && answers(p, opaqueHash, key, r)) {
                    answeredAlready = r;
                }
            }
        }
        if (match == null) {
            if (answeredAlready != null) {
                answeredAlready.replies++;
                add(FindingType.DUPLICATE_REPLY, FindingType.DUPLICATE_REPLY.severity(), frame, p.timeNanos,
                        sender.address, replier.address, first(answeredAlready), "second reply to the request of frame "
                                + answeredAlready.frame, Map.of("request", answeredAlready.frame,
                                "first_reply", answeredAlready.replyFrame));
            } else if (p.timeNanos - firstTime <= config.replyTimeout) {
                if (!captureLossNoted) {
                    captureLossNoted = true;
                    captureLossNote = "frame " + frame + ": a reply whose request is before the capture began";
                }
            } else {
                add(FindingType.ORPHAN_REPLY, FindingType.ORPHAN_REPLY.severity(), frame, p.timeNanos,
                        sender.address, replier.address, null, "reply from " + replier.address
                                + " matches no request of " + sender.address, Map.of());
            }
            return;
        }
        match.replyFrame = frame;
        match.replyTime = p.timeNanos;
        if (pairing != null) {
            pairing.paired(match.frame, frame, p.timeNanos - match.time);
        }
        match.replies++;
        long elapsed = p.timeNanos - match.lastSend;
        long sinceFirst = p.timeNanos - match.time;
        int holds = match.holdCount();
        if (holds > 0) {
            replyTimes.record(sinceFirst);
            holdsInFlight.end(p.timeNanos, holds);
            if (holdListener != null) {
                holdListener.hold(match.frame, match.time, sender.address, replier.address, holds, first(match),
                        frame, sinceFirst, match.resends, elapsed <= config.replyTimeout ? "released" : "late");
            }
            if (elapsed <= config.replyTimeout) {
                holdsReleased += holds;
            } else {
                holdsLate += holds;
                add(FindingType.LATE_REPLY, FindingType.LATE_REPLY.severity(), frame, p.timeNanos,
                        sender.address, replier.address, first(match), "reply to frame " + match.frame + " came "
                                + millis(elapsed) + " ms after the last send (timeout " + millis(config.replyTimeout)
                                + " ms)", Map.of("request", match.frame, "reply_time_s", elapsed / 1e9));
            }
        }
        if (match.truncateOk && replier.truncates && !p.truncated && !match.said.isEmpty()) {
            add(FindingType.TRUNCATION_IGNORED, FindingType.TRUNCATION_IGNORED.severity(), frame, p.timeNanos,
                    replier.address, sender.address, null, replier.address + " was allowed to truncate and advertised"
                            + " truncation, but replied whole to frame " + match.frame, Map.of("request", match.frame));
        }
        match.finalized = true;
        q.remove(match);
        applyToPeer(match, frame);
        keepOnlyFirstConnection(match);
    }

    /**
     * Whether reply p, whose opaque and content hash to these keys, is one to request r (analysis.md §2): by the
     * opaque when the reply has one, else by the content, which never answers a request that had an opaque.
     */
    private static boolean answers(SyncPacket p, long opaqueHash, long contentKey, PendingRequest r) {
        return p.opaqueLength > 0 ? r.hasOpaque && r.opaqueHash == opaqueHash
                : !r.hasOpaque && (p.truncated ? r.headerHash : r.fullHash) == contentKey;
    }

    /** At the end of its window (or the capture): a request never answered expired, or is still open. */
    private void finalizeRequest(PendingRequest r, boolean atEnd) {
        if (r.answered() || !r.replyRequested) {
            return;
        }
        r.finalized = true;
        RequestQueue q = r.from.unansweredBy.get(r.to);
        if (q != null) {
            q.remove(r);
        }
        int holds = r.holdCount();
        boolean open = atEnd && lastTime - r.lastSend < config.replyTimeout;
        if (holdListener != null && holds > 0) {
            holdListener.hold(r.frame, r.time, r.from.address, r.to.address, holds, first(r), -1, -1, r.resends,
                    open ? "open" : "expired");
        }
        if (open) {
            holdsOpenAtEnd += holds;
            holdsInFlight.end(lastTime, holds);
            return;
        }
        holdsExpired += holds;
        holdsInFlight.end(r.lastSend + config.replyTimeout, holds);
        SaidMessages said = r.said;
        for (int i = 0; i < said.size(); i++) {
            if (said.type(i) == 1 || said.type(i) == 2) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("request", r.frame);
                d.put("resends", r.resends);
                add(FindingType.LOST_REPLY, FindingType.LOST_REPLY.severity(), r.frame, r.time, r.from.address,
                        r.to.address, said.connection(i), describe(said, i) + " was never acknowledged by "
                                + r.to.address + (r.resends > 0 ? " (" + r.resends + " resends)" : ""), d);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ tables (§4)

    /** The owner's own table: what it reports about the connections it owns. */
    private void applyToOwn(PendingRequest r, long frame) {
        ConnectionStore st = r.store;
        SaidMessages said = r.said;
        for (int i = 0; i < said.size(); i++) {
            if (!said.hasKey(i)) {
                continue;
            }
            int rec = st.find(said, i);
            // the distinct counts take a connection when it first comes (a record exists only for one already seen)
            if (rec < 0) {
                connectionsSeen.add(said.fingerprint(i));
            }
            boolean mine = st.has(rec, OWN);
            int state = said.state(i) == -2 ? impliedState(mine ? st.state(rec, OWN) : CONN_NONE, said.tcpFlags(i),
                    said.protocol(i)) : said.state(i);
            boolean closes = said.op(i) == 3 || state == CLOSED || state == RESET;
            if (!mine) {
                r.from.ownedEver.add(said.fingerprint(i));
            }
            if (closes) {
                if (mine) {
                    if (st.exposed(rec)) {
                        exposed--;
                    }
                    if (st.divergence(rec) != 0) {
                        reportDivergence(st, rec, now, false); // the owner closed it: they agree it is gone
                    }
                    st.remove(rec, OWN);
                    zombieWatch(st, rec, frame);
                }
            } else if (!mine) {
                if (rec < 0) {
                    rec = st.add(said, i);
                }
                st.install(rec, OWN, said.reversed(i), state < 0 ? CONN_NONE : state, said.version(i), frame, now);
            } else {
                st.update(rec, OWN, state, said.version(i), frame, now);
            }
            if (rec >= 0) {
                compare(st, rec, frame);
                if (st.releaseIfEmpty(rec)) {
                    rec = -1;
                }
            }
            said.recordAtSend(i, rec); // its reply finds the record without a lookup
        }
    }

    /** The receiver's copy, by the rules of spec §4, for a request it got. */
    private void applyToPeer(PendingRequest r, long frame) {
        if (r.applied) {
            return;
        }
        r.applied = true;
        DpuState receiver = r.to;
        ConnectionStore st = r.store;
        SaidMessages said = r.said;
        for (int i = 0; i < said.size(); i++) {
            if (said.type(i) == 4) {
                snapshotMark(receiver, said, i, frame);
                continue;
            }
            if (!said.hasKey(i)) {
                continue;
            }
            int rec = st.findAgain(said.recordAtSend(i), said, i);
            boolean inRound = receiver.roundInProgress >= 0;
            if (inRound) {
                if (said.op(i) == 4) {
                    receiver.refreshesInRound++;
                }
                if (st.has(rec, COPY)) {
                    st.seenInRound(rec, true);
                }
            }
            boolean held = st.has(rec, COPY);
            long version = said.version(i);
            if (held && st.version(rec, COPY) > version) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("held_version", st.version(rec, COPY));
                d.put("message_version", version);
                Connection c = said.connection(i);
                add(FindingType.VERSION_REGRESSION, FindingType.VERSION_REGRESSION.severity(), frame, now,
                        receiver.address, r.from.address, c, "version " + version + " of " + c + " arrived after version "
                                + st.version(rec, COPY) + " and was ignored", d);
                continue;
            }
            int state = said.state(i) == -2 ? impliedState(held ? st.state(rec, COPY) : CONN_NONE, said.tcpFlags(i),
                    said.protocol(i)) : said.state(i);
            if (said.op(i) == 3 || state == CLOSED || state == RESET) {
                if (held) {
                    zombieEnd(st, rec, false);
                    st.remove(rec, COPY);
                }
            } else {
                if (!held) {
                    receiver.installedEver.add(said.fingerprint(i));
                    if (rec < 0) {
                        rec = st.add(said, i);
                    }
                    st.install(rec, COPY, said.reversed(i), state < 0 ? CONN_NONE : state, version, frame, now);
                    if (inRound) {
                        st.seenInRound(rec, true);
                    }
                } else {
                    st.update(rec, COPY, state, version, frame, now);
                }
            }
            if (rec >= 0) {
                compare(st, rec, frame);
                st.releaseIfEmpty(rec);
            }
        }
        if (!r.replyRequested) {
            keepOnlyFirstConnection(r); // applied and waiting for no reply: only its keys matter from here on
        }
    }

    /**
     * A request that stays in the matching window only so that a resend, a repeat or a second reply is recognised
     * needs its keys and first connection (to name it in a finding), not its messages.
     */
    private void keepOnlyFirstConnection(PendingRequest r) {
        r.said = r.said.keepFirstConnection(messagePool);
    }

    private void snapshotMark(DpuState receiver, SaidMessages said, int i, long frame) {
        if (said.snapshotPhase(i) == 1) {
            receiver.roundInProgress = said.snapshotRound(i);
            receiver.refreshesInRound = 0;
            for (ConnectionStore st : receiver.receiving) {
                for (int rec = st.nextWithCopy(0); rec >= 0; rec = st.nextWithCopy(rec + 1)) {
                    st.seenInRound(rec, false);
                }
            }
        } else if (said.snapshotPhase(i) == 2) {
            if (receiver.roundInProgress == said.snapshotRound(i)
                    && receiver.refreshesInRound == said.snapshotCount(i)) {
                for (ConnectionStore st : receiver.receiving) {
                    for (int rec = st.nextWithCopy(0); rec >= 0; rec = st.nextWithCopy(rec + 1)) {
                        if (!st.seenInRound(rec)) { // stale: the complete round omitted it
                            zombieEnd(st, rec, true);
                            st.remove(rec, COPY);
                            compare(st, rec, frame);
                            st.releaseIfEmpty(rec);
                        }
                    }
                }
            }
            receiver.roundInProgress = -1;
        }
    }

    /** The state a carried packet's TCP flags take the connection to (spec §3.5). */
    private static int impliedState(int state, int flags, int protocol) {
        if (protocol != 6 || flags < 0) {
            return 8; // ACTIVE
        }
        boolean syn = (flags & 0x02) != 0;
        boolean ack = (flags & 0x10) != 0;
        if ((flags & 0x04) != 0) {
            return RESET;
        }
        if (syn) {
            return ack ? 2 : 1;
        }
        if ((flags & 0x01) != 0) {
            return state == 4 || state == 5 ? 5 : 4;
        }
        if (ack) {
            return state == 2 || state == CONN_NONE ? ESTABLISHED : state == 5 ? CLOSED : state;
        }
        return state == CONN_NONE ? ESTABLISHED : state;
    }

    // ------------------------------------------------------------------------------------------ divergence, zombies

    /**
     * Compares the owner's entry with the peer's copy of one record and tracks how long they differ; keeps the
     * exposure count (an ESTABLISHED entry whose copy is missing or older) on the way.
     */
    private void compare(ConnectionStore st, int rec, long frame) {
        long own = st.word(rec, OWN);
        if (!ConnectionStore.present(own)) {
            return; // an owner's entry that goes gives its exposure back and settles its divergence as it goes
        }
        long copy = st.word(rec, COPY);
        boolean held = ConnectionStore.present(copy);
        boolean isExposed = ConnectionStore.state(own) == ESTABLISHED
                && (!held || ConnectionStore.version(copy) < ConnectionStore.version(own));
        if (isExposed != ConnectionStore.exposed(own)) {
            exposed += isExposed ? 1 : -1;
            st.exposed(rec, isExposed);
        }
        if (st.owner.gone || st.receiver.gone) {
            return; // a failed, silent DPU's table is gone until it is heard again: nothing to diverge from
        }
        int kind = !held ? ConnectionStore.MISSING_ON_PEER
                : ConnectionStore.state(copy) != ConnectionStore.state(own) ? ConnectionStore.STATE_MISMATCH
                : ConnectionStore.version(copy) != ConnectionStore.version(own) ? ConnectionStore.VERSION_MISMATCH : 0;
        if (kind == 0) {
            if (ConnectionStore.divergence(own) != 0) {
                reportDivergence(st, rec, now, false);
                st.agree(rec);
            }
        } else if (ConnectionStore.divergence(own) == 0) {
            st.diverge(rec, kind, now, frame);
        }
    }

    private static final String[] DIVERGENCE_KINDS = {"", "missing_on_peer", "state_mismatch", "version_mismatch"};

    /** Reports the divergence of a record's owner entry (still present) as it ends, or at the end. */
    private void reportDivergence(ConnectionStore st, int rec, long until, boolean atEnd) {
        long since = st.divergenceSince(rec);
        long duration = until - since;
        if (duration <= config.divergenceGrace && !atEnd) {
            return;
        }
        String kind = DIVERGENCE_KINDS[st.divergence(rec)];
        Connection connection = st.connection(rec, OWN);
        String owner = st.owner.address;
        String peer = st.receiver.address;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("kind", kind);
        detail.put("first_frame", st.divergenceFrame(rec));
        detail.put("duration_s", duration / 1e9);
        detail.put("at_end", atEnd);
        add(FindingType.DIVERGENCE, FindingType.DIVERGENCE.severity(), st.divergenceFrame(rec), since, owner, peer,
                connection, kind.replace('_', ' ') + " for " + connection + ": " + owner + " and " + peer
                        + " disagree for " + seconds(duration) + " s" + (atEnd ? " (still at the end)" : ""), detail);
    }

    /**
     * A failed DPU holds no table until it is heard again (a reading of analysis.md §5: its copies are gone, not
     * diverging or undead). What was already wrong before it failed is reported up to its last packet; the rest ends.
     */
    private void settleWatchesOf(DpuState failed) {
        DpuState peer = peerOf(failed);
        for (DpuState owner : peer == null ? List.of(failed) : List.of(failed, peer)) {
            for (ConnectionStore st : owner.owning) {
                for (int rec = st.nextDiverging(0); rec >= 0; rec = st.nextDiverging(rec + 1)) {
                    reportDivergence(st, rec, Math.max(st.divergenceSince(rec), failed.lastSeen), false);
                    st.agree(rec);
                }
            }
        }
        for (ConnectionStore st : failed.receiving) {
            for (int rec = st.nextZombieWatch(0); rec >= 0; rec = st.nextZombieWatch(rec + 1)) {
                if (failed.lastSeen - st.zombieSince(rec) > config.zombieGrace) {
                    reportZombie(zombieOf(st, rec), failed.lastSeen, "delete_lost", false);
                }
                st.unwatchZombie(rec);
            }
        }
    }

    /** The owner closed the connection: its peer's copy, if any, is watched from now on. */
    private void zombieWatch(ConnectionStore st, int rec, long frame) {
        if (!st.receiver.gone && st.has(rec, COPY)) {
            st.watchZombie(rec, now, frame);
        }
    }

    /** The copy goes (call before removing it): a watched one that lived past the grace was a zombie. */
    private void zombieEnd(ConnectionStore st, int rec, boolean bySnapshot) {
        if (st.zombie(rec)) {
            st.unwatchZombie(rec);
            if (now - st.zombieSince(rec) > config.zombieGrace) {
                reportZombie(zombieOf(st, rec), now, bySnapshot ? "stale_after_snapshot" : "delete_lost", false);
            }
        }
    }

    private static ZombieCandidate zombieOf(ConnectionStore st, int rec) {
        return new ZombieCandidate(st.receiver, st.key(rec), st.zombieSince(rec), st.zombieFrame(rec));
    }

    private void reportZombie(ZombieCandidate z, long until, String cause, boolean atEnd) {
        DpuState peer = z.peer();
        Connection key = z.key();
        long lifetime = until - z.since();
        zombieIntervals.add(new long[] {z.since() + config.zombieGrace, until, lifetime});
        DpuState owner = peerOf(peer);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cause", cause);
        d.put("lifetime_s", lifetime / 1e9);
        d.put("present_at_end", atEnd);
        add(FindingType.ZOMBIE, FindingType.ZOMBIE.severity(), z.frame(), z.since(), peer.address,
                owner == null ? "" : owner.address, key, "DELETE of " + key + " was never acknowledged; the entry"
                        + " lives on at " + peer.address + " for " + seconds(lifetime) + " s"
                        + (atEnd ? " (still there at the end)" : ""), d);
    }

    private void accumulateExposure(long time) {
        if (exposureSince != Long.MIN_VALUE) {
            exposureIntegral += (double) exposed * (time - exposureSince);
        }
        exposureSince = time;
    }

    /** A finding of the dissector about a malformed frame, passed through (analysis.md §5 "malformed"). */
    public void onMalformed(long frame, long time, io.hascope.field.ExpertKind kind, String message, long offset) {
        if (kind.severity().level() < Severity.WARN.level()) {
            return; // notes and chat about the frame (fragments, extensions) are not malformations
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("finding", kind.shortName());
        d.put("offset", offset);
        add(FindingType.MALFORMED, kind.severity(), frame, time, "", "", null, message, d);
    }

    // ------------------------------------------------------------------------------------------ end and results

    /** Settles what only the end decides: open requests, divergences and zombies still there, stale entries. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        accumulateExposure(lastTime);
        while (!window.isEmpty()) {
            finalizeRequest(window.pollFirst(), true);
        }
        for (DpuState d : dpus.values()) {
            for (ConnectionStore st : d.owning) {
                for (int rec = st.nextDiverging(0); rec >= 0; rec = st.nextDiverging(rec + 1)) {
                    reportDivergence(st, rec, lastTime, true);
                    st.agree(rec);
                }
            }
            for (ConnectionStore st : d.receiving) {
                for (int rec = st.nextZombieWatch(0); rec >= 0; rec = st.nextZombieWatch(rec + 1)) {
                    if (lastTime - st.zombieSince(rec) > config.zombieGrace) {
                        reportZombie(zombieOf(st, rec), lastTime, "delete_lost", true);
                    }
                    st.unwatchZombie(rec);
                }
            }
        }
        for (DpuState receiver : dpus.values()) {
            DpuState owner = peerOf(receiver);
            if (owner == null || receiver.gone) {
                continue;
            }
            for (ConnectionStore st : receiver.receiving) {
                for (int rec = st.nextWithCopy(0); rec >= 0; rec = st.nextWithCopy(rec + 1)) {
                    long refreshed = st.refreshed(rec);
                    if (lastTime - refreshed > config.haTimeout
                            && owner.lastSeen > refreshed + config.haTimeout) {
                        reportZombie(new ZombieCandidate(receiver, st.key(rec), refreshed, st.frame(rec, COPY)),
                                lastTime, "not_refreshed", true);
                    }
                }
            }
        }
        findings.sort(BY_FRAME_TYPE_CONNECTION);
        spareRequests.clear(); // the results are kept (the GUI keeps them open); the spares serve no frame now
        messagePool.clear();
    }

    /**
     * The holds in flight as of the frame last fed: requests that asked for a reply, hold customer packets and are
     * neither answered nor given up. Call before {@link #finish()}, which settles them.
     */
    public List<InFlight> inFlight() {
        List<InFlight> open = new ArrayList<>();
        for (PendingRequest r : window) {
            int held = r.holdCount();
            if (!r.finalized && !r.answered() && held > 0 && lastTime - r.lastSend < config.replyTimeout) {
                open.add(new InFlight(r.frame, r.time, r.from.address, r.to.address, held, r.said.size(), r.resends,
                        first(r)));
            }
        }
        return open;
    }

    /** Running figures for a live display (cheap enough for once a second: the holds walk one matching window). */
    public LiveFigures liveFigures() {
        List<LiveFigures.Side> sides = new ArrayList<>();
        long replies = 0;
        for (DpuState d : dpus.values()) {
            DpuState p = peerOf(d);
            sides.add(new LiveFigures.Side(d.address, p == null ? "" : p.address, d.role, d.requests, d.messages,
                    d.replies, d.own().size(), d.peer().size()));
            replies += d.replies;
        }
        int holds = 0;
        int packets = 0;
        for (InFlight h : inFlight()) {
            holds++;
            packets += h.heldPackets();
        }
        return new LiveFigures(frames, firstTime == Long.MIN_VALUE ? 0 : firstTime, lastTime, sides, holds, packets, replies, replyTimes.percentile(0.5),
                replyTimes.percentile(0.99), findings.size());
    }

    /** Both DPUs' tables as of the frame last fed (before {@link #finish()}) or the end. */
    public Map<String, DpuState> tables() {
        return dpus;
    }

    public List<Finding> findings() {
        return findings;
    }

    public AnalysisResult result(String file) {
        finish();
        return new AnalysisResult(this, file);
    }

    private void add(FindingType type, Severity severity, long frame, long time, String dpu, String peer,
                     Connection connection, String reason, Map<String, Object> detail) {
        // Map.of iterates in an order that changes from run to run: the report must not
        Map<String, Object> ordered = detail instanceof LinkedHashMap ? detail : new java.util.TreeMap<>(detail);
        findings.add(new Finding(type, severity, frame, time, dpu, peer, connection, reason, ordered));
    }

    private static Connection first(PendingRequest r) {
        SaidMessages said = r.said;
        for (int i = 0; i < said.size(); i++) {
            if (said.hasKey(i)) {
                return said.connection(i);
            }
        }
        return null;
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

    static String stateName(int state) {
        String name = io.hascope.field.HasyncFields.CONN_STATES.name(state);
        return name == null ? Integer.toString(state) : name;
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }

    // ------------------------------------------------------------------------------------------ matching keys

    /** A 64-bit hash of bytes in place, eight at a time (packets of 60 messages are hashed twice each). */
    private static long hash(ByteBuffer b, int at, int length, long seed) {
        long h = 0xcbf29ce484222325L ^ seed ^ length;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            h = (h ^ mix(b.getLong(at + i))) * 0x9e3779b97f4a7c15L;
        }
        for (; i < length; i++) {
            h = (h ^ (b.get(at + i) & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    private static long mix(long v) {
        v = (v ^ (v >>> 33)) * 0xff51afd7ed558ccdL;
        return v ^ (v >>> 33);
    }

    /**
     * Rule 2 with the bodies present: every byte but the packet's flags, up to the end of its last message, in one
     * run (the header hash, which skips bodies, has to go message by message).
     */
    private static long wholeHash(SyncPacket p, int messagesEnd) {
        int at = p.packetAt;
        long h = hash(p.buffer, at, 1, 17);
        return hash(p.buffer, at + 2, Math.max(0, messagesEnd - at - 2), h);
    }

    /** Where a HASYNC packet's last message ends (its header's count, as far as the packet holds them). */
    private static int messagesEnd(SyncPacket p) {
        ByteBuffer b = p.buffer;
        int end = p.packetAt + p.packetLength;
        int pos = p.packetAt + 8 + p.opaqueLength;
        for (int i = 0; i < p.messageCount && pos + 4 <= end; i++) {
            int headerAndOpaque = Math.min(4 + (b.get(pos + 1) & 0xff), end - pos);
            pos += headerAndOpaque + Math.min(b.getShort(pos + 2) & 0xffff, end - pos - headerAndOpaque);
        }
        return Math.min(pos, end);
    }

    /**
     * Both rule-2 keys of a request in one walk over it: with the message bodies and without (bodiesHash). A request
     * with a packet opaque is matched, and recognised when sent again, by rule 1 alone (a reply or resend without
     * an opaque differs from it in the header's opaque length), so it needs neither: most of a run's bytes are left
     * unhashed.
     */
    private static void requestHashes(SyncPacket p, PendingRequest r) {
        if (r.hasOpaque) {
            return;
        }
        if (p.dialect == Dialect.DASH || p.truncated) {
            r.fullHash = bodiesHash(p, true);
            r.headerHash = bodiesHash(p, false);
            return;
        }
        ByteBuffer b = p.buffer;
        int at = p.packetAt;
        long h = hash(b, at, 1, 17);
        h = hash(b, at + 2, Math.min(6, p.packetLength - 2), h);
        int pos = at + 8 + p.opaqueLength;
        h = hash(b, at + 8, Math.min(p.opaqueLength, p.packetLength - 8), h);
        long header = h;
        int end = at + p.packetLength;
        for (int i = 0; i < p.messageCount && pos + 4 <= end; i++) {
            int opaqueLength = b.get(pos + 1) & 0xff;
            int bodyLength = b.getShort(pos + 2) & 0xffff;
            int headerAndOpaque = Math.min(4 + opaqueLength, end - pos);
            header = hash(b, pos, headerAndOpaque, header);
            pos += headerAndOpaque + Math.min(bodyLength, end - pos - headerAndOpaque);
        }
        r.fullHash = wholeHash(p, Math.min(pos, end));
        r.headerHash = header;
    }

    /**
     * Rule 2 of analysis.md §2 (rule 3 for DASH): the packet without its flags — header, opaque, each message
     * header and opaque, and the bodies when withBodies. Computed over the bytes in place.
     */
    private static long bodiesHash(SyncPacket p, boolean withBodies) {
        ByteBuffer b = p.buffer;
        if (p.dialect == Dialect.DASH) {
            // subtype, flow key and everything after it (flow data, trailers, the carried frame); not source or type
            int at = p.packetAt;
            long h = (b.get(at + 1) & 0x0f);
            return hash(b, at + 4, Math.max(0, p.packetLength - 4), h);
        }
        if (withBodies && !p.truncated) {
            return wholeHash(p, messagesEnd(p));
        }
        int at = p.packetAt;
        long h = hash(b, at, 1, 17);
        h = hash(b, at + 2, Math.min(6, p.packetLength - 2), h);
        int pos = at + 8 + p.opaqueLength;
        h = hash(b, at + 8, Math.min(p.opaqueLength, p.packetLength - 8), h);
        int end = at + p.packetLength;
        boolean bodiesPresent = !p.truncated;
        for (int i = 0; i < p.messageCount && pos + 4 <= end; i++) {
            int opaqueLength = b.get(pos + 1) & 0xff;
            int bodyLength = b.getShort(pos + 2) & 0xffff;
            int headerAndOpaque = Math.min(4 + opaqueLength, end - pos);
            h = hash(b, pos, headerAndOpaque, h);
            pos += headerAndOpaque;
            if (bodiesPresent) {
                int body = Math.min(bodyLength, end - pos);
                if (withBodies) {
                    h = hash(b, pos, body, h);
                }
                pos += body;
            }
        }
        return h;
    }
}
