package io.hascope.analysis;

import io.hascope.event.Dialect;
import io.hascope.event.MessageType;
import io.hascope.event.PacketKind;
import io.hascope.event.SyncEventSink;
import io.hascope.event.SyncMessage;
import io.hascope.event.SyncPacket;
import io.hascope.event.TransportEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The analysis of shared/spec/analysis.md, fed by the dissector's events in capture order and keeping time by the
 * capture's own clock: reply matching (§2), holds (§3), both DPUs' tables (§4), the findings (§5) and what the
 * scorecard (§6) needs. It streams: state grows with live connections and open requests, not with the file; ask
 * {@link #tables()} at any point for the tables "as of" the frame last fed. Call {@link #finish()} at the end.
 * <p>
 * This class follows requests from send to reply: matching, resends, holds and their outcomes, and with two taps,
 * arrival. The requests still within reach of a reply ({@link RequestWindow}), the rUDP transport
 * ({@link TransportAnalysis}), the tables and what comparing them finds ({@link TableAnalysis}), failures
 * ({@link FailoverWatch}), the holds' figures ({@link HoldLedger}) and the matching keys ({@link MatchingKeys}) are
 * their own classes, all reporting into one {@link FindingLog}.
 */
public final class Analyzer implements SyncEventSink {
    /** How many of the newest requests a change of role or term is checked against (is it an old packet's?). */
    private static final int ROLE_LOOKBACK = 8192;
    private static final int BY_OPAQUE_SLOTS = 1 << 14;
    private static final int STANDBY = 2;

    final AnalysisConfig config;
    final Dpus dpus = new Dpus();
    final FindingLog log = new FindingLog();
    private final RequestFindings report;
    final Set<Dialect> dialects = EnumSet.noneOf(Dialect.class);
    private final RequestWindow requests;
    private final SaidMessages.Pool messagePool = new SaidMessages.Pool();
    /** Requests nothing can reach any more, for the next request frames (see recycle). */
    private final ArrayDeque<PendingRequest> spareRequests = new ArrayDeque<>();
    final HoldLedger holds = new HoldLedger();
    final Map<String, long[]> channelBytes = new LinkedHashMap<>();
    long frames;
    long firstTime = Long.MIN_VALUE;
    long lastTime;
    long now;
    long currentFrame;
    long stateChanges;
    long requestsWithMessages;
    long messagesInRequests;
    int maxMessagesPerPacket;
    long requestBytes;
    long replyBytes;
    private boolean finished;

    // the packet being decoded
    private PendingRequest building;
    /** The packet's receiver consumes it (no transport, or the next DATA in order). */
    private boolean currentDelivered;
    /** The packet rides in a DATA number already seen: a transport retransmission of an earlier packet. */
    private boolean currentRepeat;
    /** The current packet came in a DATA numbered below one its channel already carried: built before it. */
    private boolean currentOlder;
    /** The channel and DATA number the packet rides in (null: no DATA). */
    private TransportChannel currentChannel;
    private int currentSeq;
    /** The ACK of the transport header being read (-1 without one): the sender's count of its peer's DATA. */
    private int currentAck = -1;

    /** Told of every request matched with its reply (decode -2 builds reply_in / reply_to from it). */
    public interface Pairing {
        void paired(long requestFrame, long replyFrame, long replyNanos);
    }

    private Pairing pairing;
    private final TransportAnalysis transport;
    final TableAnalysis tables;
    final FailoverWatch failures;

    public Analyzer(AnalysisConfig config) {
        this.config = config.validate();
        this.transport = new TransportAnalysis(this.config, log);
        this.report = new RequestFindings(log, this.config);
        this.tables = new TableAnalysis(this.config, log, dpus);
        this.failures = new FailoverWatch(this.config, log, dpus, tables,
                (replier, requester) -> settleRepliesOnTrust(replier, requester));
        this.requests = new RequestWindow(this.config, new RequestWindow.Leaving() {
            @Override
            public void settle(PendingRequest r) {
                Analyzer.this.settle(r);
            }

            @Override
            public void recycle(PendingRequest r) {
                Analyzer.this.recycle(r);
            }
        });
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
    /** The frame being fed arrives again: the network duplicated it (its own number is in arriving). */
    boolean arrivingAgain;
    /** Then, the frame that left whose arrival it repeats (-1: not known). */
    long arrivingAgainOf = -1;
    /**
     * A request delivered once more (a resend, or the network's copy, arriving after its first delivery): what this
     * copy says, applied again to the receiver's table, which applies every datagram it accepts (spec §4). One object,
     * reused; null while no such copy is being read.
     */
    private PendingRequest deliveredAgain;
    private final PendingRequest againRequest = new PendingRequest();
    /** Whether the same request went out before, within the matching window (one object, made once). */
    private final java.util.function.Predicate<PendingRequest> sentBefore = r -> recent(r, ROLE_LOOKBACK) != null;
    /**
     * The latest request for each slot of opaque hashes: a request with an opaque that repeats one sent within the
     * matching window is found here at no cost (§2 rule 1: the same opaque is the same request). One per slot, so a
     * repeat whose original another request has displaced is not found; it is then taken as it was before.
     */
    private final PendingRequest[] byOpaque = new PendingRequest[BY_OPAQUE_SLOTS];
    /**
     * The opaque key (see opaqueKey) each slot's request had when it was put there: a new request's opaque is nearly
     * always one the slot does not hold, which this tells without loading the request the slot names.
     */
    private final long[] byOpaqueKey = new long[BY_OPAQUE_SLOTS];
    private final java.util.function.Predicate<PendingRequest> repeatsByOpaque = this::repeatsByOpaque;
    private final Departures byDeparture = new Departures();
    private final CopiesTakenAgain copiesTakenAgain = new CopiesTakenAgain();

    /** Taps named by hand (null when recognised from the capture). */
    NamedTaps namedTaps;
    /** Frames seen only arriving: the sender's named tap missed them leaving. */
    long unseenDepartures;
    /** The last of them. */
    private long unseenDepartureFrame = -1;

    /**
     * Two taps recognised at frame, the first seen arriving. Frames that left before it were judged as with one tap,
     * but a request among them still waiting for its reply was not yet delivered by that judgement: its arrival
     * delivers it now, since its reply counts only when it arrives.
     */
    void recogniseTwoTaps(long frame) {
        twoTaps = true;
        twoTapsFrom = frame;
        for (PendingRequest r : requests.inWindow()) {
            if (!r.applied && !r.answered() && r.replyRequested) {
                byDeparture.putIfAbsent(r.frame, r.lastSend, r);
            }
        }
    }

    /** Whether the frame that left as departure is a request whose arrival still delivers it. */
    boolean awaitsArrival(long departure) {
        return byDeparture.contains(departure);
    }

    /** Taps named by hand: two taps from the first frame on. */
    void nameTaps(NamedTaps taps) {
        namedTaps = taps;
        twoTaps = true;
        twoTapsFrom = Long.MIN_VALUE;
    }

    /** A frame seen arriving whose departure its sender's tap missed: capture loss, noted once; it is fed twice. */
    void unseenDeparture(long frameNumber) {
        unseenDepartureFrame = frameNumber;
        if (unseenDepartures++ == 0) {
            log.noteCaptureLoss("frame " + frameNumber + " was seen arriving but not leaving: the sender's tap missed"
                    + " it (the analysis takes it as sent and delivered then)");
        }
    }

    /** A frame the other tap saw arrive: it moves the clock and counts as read, but is no new event. */
    void arrivalCopy(long frameNumber, long timeNanos) {
        onFrame(frameNumber, timeNanos, 0);
        arrivalCopies++;
    }

    /** Told of every hold as its outcome becomes known (the GUI's Holds view lists them). */
    public interface Holds {
        /**
         * A request that held packets: its frame and time, sender and receiver, the packets it held, its first
         * connection, its reply frame and reply time since the first send (-1 when none), resends, the outcome
         * (released, late, expired, open), and when it stopped holding them: its reply, its expiry (the latest send
         * plus the reply timeout) or the end of the capture — as the peak of holds in flight counts it.
         */
        void hold(long frame, long timeNanos, String dpu, String peer, int packets, Connection connection,
                  long replyFrame, long replyNanos, int resends, String outcome, long endNanos);
    }

    public Analyzer onHolds(Holds listener) {
        holds.tell(listener);
        return this;
    }

    public Analyzer onPairing(Pairing listener) {
        this.pairing = listener;
        return this;
    }

    /**
     * Told, on the analysis' own clock, as each second of capture time since the first frame begins: before the
     * frame that begins it is analysed, so the analysis stands as of that instant (the GUI's timeline samples it).
     */
    public interface Seconds {
        void begins(long secondsSinceFirst);

        /** The capture has ended (told before the analysis settles what was still open). */
        default void ends() {
        }
    }

    private Seconds secondsListener;
    /** When the next second begins; never while nobody listens. */
    private long nextSecondNanos = Long.MAX_VALUE;
    private long secondsBegun;

    public Analyzer onSeconds(Seconds listener) {
        this.secondsListener = listener;
        return this;
    }

    private void secondsBegin(long timeNanos) {
        while (timeNanos >= nextSecondNanos) {
            secondsListener.begins(secondsBegun++);
            nextSecondNanos += AnalysisConfig.S;
        }
    }

    // ------------------------------------------------------------------------------------------ clock

    @Override
    public void onFrame(long frameNumber, long timeNanos, int wireLength) {
        if (arriving == frameNumber) {
            return; // a frame whose departure was unseen, fed again as its arrival: read once
        }
        if (firstTime == Long.MIN_VALUE) {
            firstTime = timeNanos;
            tables.start(timeNanos);
            if (secondsListener != null) {
                nextSecondNanos = timeNanos;
            }
        }
        if (timeNanos >= nextSecondNanos) {
            secondsBegin(timeNanos);
        }
        currentFrame = frameNumber;
        frames++;
        advance(timeNanos);
        lastTime = Math.max(lastTime, timeNanos);
    }

    private void advance(long time) {
        if (time > now) {
            tables.advance(time, currentFrame);
            now = time;
        }
        requests.advance(now);
        holds.settle(now, matchingWindow(), config.failoverSilence, requests.earliestEnd());
        byDeparture.forgetLeftBefore(now - matchingWindow());
        copiesTakenAgain.forgetBefore(now - matchingWindow());
        failures.checkSilence(now);
        tables.judgeAged(false);
        if (tables.watchingTies()) {
            tables.releaseHeldBack(false);
        }
    }

    private void settle(PendingRequest r) {
        finalizeRequest(r, false);
        if (r.applied) {
            recycle(r); // one never applied stays as it is for a late arrival, and goes to the collector
        }
    }

    /**
     * A request that left the window applied, or was never kept (a resend or repeat): nothing reads its messages
     * again, and with one tap nothing refers to it either, so it and its messages serve the next request. With two
     * taps the frames that carried it may still be waiting for their arrival (byDeparture); it is left to the
     * collector.
     */
    private void recycle(PendingRequest r) {
        messagePool.give(r.said);
        r.said = SaidMessages.NONE;
        if (!twoTaps && !r.keptByFrame) {
            spareRequests.push(r);
        }
    }

    /** How long a request stays matchable after its last send: late replies and resends are seen within it. */
    private long matchingWindow() {
        return RequestWindow.span(config);
    }

    // ------------------------------------------------------------------------------------------ transport (spec §2)

    @Override
    public void onTransport(TransportEvent t) {
        if (arriving >= 0) {
            // the transport was analysed when the frame left; what matters now is whether the receiver takes it
            DpuState from = dpus.of(t.source);
            DpuState to = dpus.of(t.destination);
            currentDelivered = transport.consumedOnArrival(t, from, to);
            currentAck = t.ack;
            if (t.type == TransportEvent.DATA && transport.arrivalChannel.consumedOnArrival.restartPending()) {
                tables.watchTie(from.storeTo(to)); // the copies it brings may end divergences and zombies otherwise
            }
            if (arrivingAgain && t.type == TransportEvent.DATA) {
                // the network's second copy of a DATA: dropped if the receiver took the first, and its delivery if
                // it had dropped the first as out of order: then it is read as the DATA's arrival
                if (currentDelivered) {
                    long departure = transport.departureOf(t, from, to);
                    arrivingAgain = false;
                    arriving = departure >= 0 ? departure : arriving;
                }
            }
            currentRepeat = false;
            currentOlder = false;
            return;
        }
        DpuState from = dpus.of(t.source);
        DpuState to = dpus.of(t.destination);
        failures.heard(from, now, currentFrame);
        int outcome = transport.onTransport(t, from, to, now, t.frameNumber == unseenDepartureFrame,
                deferredToArrival());
        currentDelivered = (outcome & TransportAnalysis.DELIVERED) != 0;
        currentRepeat = (outcome & TransportAnalysis.REPEAT) != 0;
        currentOlder = (outcome & TransportAnalysis.OLDER) != 0;
        currentChannel = transport.dataChannel;
        currentSeq = t.seq;
        currentAck = t.ack;
        if (transport.acknowledgedFrom >= 0) {
            consumedUnseen(transport.acknowledgedChannel, transport.acknowledgedFrom, transport.acknowledgedTo, to,
                    from, t.frameNumber);
        }
        if (transport.ackMovedFrom >= 0) {
            acknowledgedRequests(transport.acknowledgedChannel, transport.ackMovedFrom, transport.acknowledgedTo,
                    t.frameNumber);
        }
    }

    /** When DATA number seq of ch most likely reached its receiver: its last departure and the one-way time. */
    private long arrivalOf(TransportChannel ch, int seq) {
        return ch.departureOf(seq) >= 0 ? Math.min(now, ch.departureTime(seq) + ch.latency) : now;
    }

    /**
     * The receiver acknowledged DATA numbers [fromSeq, toSeq) of ch: the requests with Q they carried reached its table
     * now, though their replies may still wait behind DATA of its own (a cut link's backlog).
     */
    private void acknowledgedRequests(TransportChannel ch, int fromSeq, int toSeq, long frame) {
        for (int k = 0, seq = fromSeq; k < TransportChannel.RECENT && seq != toSeq; k++,
                seq = TransportChannel.next(seq)) {
            PendingRequest r = ch.takeAwaitingReply(seq);
            if (r != null) {
                applyToPeer(r, frame, arrivalOf(ch, seq));
            }
        }
    }

    /**
     * The receiver (requester) acknowledged DATA numbers [fromSeq, toSeq) of the replier's channel ch that the capture
     * did not show it consume: what they carried reached it. A request reaches the receiver's table; a reply releases
     * its holds, at the time it most likely arrived (its departure plus the channel's last one-way time, and no later
     * than the ACK).
     */
    private void consumedUnseen(TransportChannel ch, int fromSeq, int toSeq, DpuState replier, DpuState requester,
                                long proof) {
        for (int k = 0, seq = fromSeq; k < TransportChannel.RECENT && seq != toSeq; k++,
                seq = TransportChannel.next(seq)) {
            long departure = ch.departureOf(seq);
            if (departure < 0) {
                continue;
            }
            PendingRequest r = byDeparture.remove(departure);
            if (r != null && !r.applied) {
                applyToPeer(r, proof, arrivalOf(ch, seq), seq); // its receiver has it, in DATA seq: it acknowledged it
            } else if (r != null && deferredToArrival() && !r.cutToFirst) {
                // a copy of a request it had taken before (a resend, or go-back-N's copy taken by a receiver that
                // gave up a gap and started afresh): a receiver applies every DATA it consumes, spec §4. Once its
                // messages were cut to the first (answered), what it said is no longer known: it is not applied
                tables.applyToPeer(r, proof, true, true, arrivalOf(ch, seq), seq);
            }
            if (ch.carriedReply(seq)) {
                matchReply(departure, arrivalOf(ch, seq), replier, requester, ch.replyOpaqueHash(seq),
                        ch.replyContentKey(seq), ch.replyHasOpaque(seq), ch.replyTruncated(seq), ch.replyAck(seq),
                        null);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ packets

    @Override
    public void onPacketStart(SyncPacket p) {
        if (arriving >= 0) {
            building = null; // counted when it left; only its arrival matters now (onPacketEnd)
            if (!p.isReply()) {
                PendingRequest first = arrivingAgain ? null : byDeparture.get(arriving);
                if (arrivingAgain || first != null && first.applied) {
                    DpuState from = dpus.of(p.source);
                    DpuState to = dpus.of(p.destination);
                    deliveredAgain = againRequest.reset(p.frameNumber, p.timeNanos, from, to, false, false, false, 0,
                            p.wireLength, from.storeTo(to), messagePool.take(p.messageCount));
                    building = deliveredAgain;
                }
            }
            if (!p.hasTransport) {
                currentDelivered = true;
                currentAck = -1;
            }
            return;
        }
        dialects.add(p.dialect);
        DpuState from = dpus.of(p.source);
        DpuState to = dpus.of(p.destination);
        failures.heard(from, now, currentFrame);
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
            currentChannel = null;
            currentAck = -1;
        }
        if (p.isReply()) {
            from.replies++;
            replyBytes += p.wireLength;
            return;
        }
        from.requests++;
        requestBytes += p.wireLength;
        PendingRequest spare = spareRequests.poll();
        building = (spare != null ? spare : new PendingRequest()).reset(p.frameNumber, p.timeNanos, from, to,
                p.replyRequested || p.dialect == Dialect.DASH && p.kind == PacketKind.REQUEST, p.truncateOk,
                p.opaqueLength > 0, MatchingKeys.opaqueHash(p), p.wireLength,
                from.storeTo(to), messagePool.take(p.messageCount));
        if (p.hasTransport && currentChannel != null) {
            building.dataChannel = currentChannel;
            building.dataSeq = currentSeq;
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
        if (building != deliveredAgain) {
            building.from.messages++;
        }
        building.said.add(m, state);
    }

    @Override
    public void onPacketEnd(SyncPacket p) {
        if (arriving >= 0) {
            PendingRequest again = deliveredAgain;
            deliveredAgain = null;
            building = null;
            if (currentDelivered) {
                if (p.isReply()) {
                    if (!arrivingAgain) {
                        onReply(p, null); // the sender has its reply now
                    }
                } else {
                    PendingRequest r = arrivingAgain ? null : byDeparture.remove(arriving);
                    if (r != null && !r.applied) {
                        applyToPeer(r, p.frameNumber); // the receiver has the request now
                    } else if (again != null) {
                        // delivered before: a receiver applies it again, which after a DELETE makes the entry anew
                        tables.applyToPeer(again, p.frameNumber, true, true, now);
                        // and answers it again: the request's first frame, or the network's copy of which frame
                        long takenAgain = r != null ? r.frame : arrivingAgainOf;
                        if (takenAgain >= 0 && p.opaqueLength == 0 && !p.hasTransport && p.replyRequested) {
                            MatchingKeys.requestHashes(p, again);
                            copiesTakenAgain.takenAgain(again.fullHash, again.headerHash, again.from, again.to,
                                    takenAgain, now);
                        }
                    }
                }
            }
            // else DATA out of order: the receiver drops it and its resend arrives, unless the receiver's tap missed
            // the one before (then its ACK shows it took this one too: it stays until then, or the window ends)
            if (again != null) {
                messagePool.give(again.said);
                again.said = SaidMessages.NONE;
            }
            return;
        }
        if (p.isReply()) {
            if (currentChannel != null && (deferredToArrival() || !currentDelivered)) {
                // the requester's ACK may show it consumed the DATA though no tap showed it arrive in order
                boolean hasOpaque = p.opaqueLength > 0;
                currentChannel.carriesReply(currentSeq, MatchingKeys.opaqueHash(p),
                        hasOpaque ? 0 : MatchingKeys.contentHash(p), hasOpaque, p.truncated, currentAck);
            }
            if (deferredToArrival()) {
                if (p.opaqueLength == 0 && currentChannel == null) {
                    answeredAtTheReplier(p);
                }
                return; // matched when it arrives
            }
            if (currentDelivered) {
                // a reply in a DATA the sender does not consume yet counts when it is resent or acked; one in order,
                // over rUDP, on trust until the sender's ACK passes its DATA
                onReply(p, currentChannel);
            }
            return;
        }
        PendingRequest r = building;
        building = null;
        if (r == null) {
            return;
        }
        MatchingKeys.requestHashes(p, r);
        PendingRequest original = null;
        boolean transportResent = currentRepeat;
        if (!transportResent) {
            original = p.dialect == Dialect.DASH ? resendOrSupersede(r) : findUnanswered(r);
            // a sender's resend rides a new DATA; one numbered no higher than the DATA the request first rode is the
            // transport's (go-back-N after more DATA than the channel remembers)
            transportResent = original != null && r.dataChannel != null && original.dataChannel == r.dataChannel
                    && !TransportChannel.ahead(r.dataSeq, original.dataSeq);
        }
        if (transportResent) {
            // the same request, which its receiver may only now consume
            PendingRequest same = original != null ? original : recent(r);
            if (same == null && deferredToArrival()) {
                // its request has left the window (go-back-N after a cut link): it was delivered before or given up,
                // and a receiver that takes it applies it again. This copy keeps what it says for that, as the tap
                // may miss its arrival, or the one before, so that only the receiver's ACK shows it taken (seed 7019:
                // a create taken so after its DELETE made a zombie)
                r.applied = true;
                byDeparture.put(p.frameNumber, now, r);
                return;
            }
            recycle(r);
            if (deferredToArrival()) {
                byDeparture.put(p.frameNumber, now, same); // this copy may be the one the receiver takes
            } else if (same != null && currentDelivered && !same.replyRequested) {
                applyOnTrust(same, p.frameNumber);
            }
            return;
        }
        if (original != null) {
            if (r.dataChannel != null) {
                original.ridesData(r.dataChannel, r.dataSeq); // its reply may wait for that DATA to be delivered
            }
            recycle(r); // a resend: the original stands
            if (deferredToArrival()) {
                byDeparture.put(p.frameNumber, now, original);
            }
            original.lastSend = now;
            original.resends++;
            report.resend(p.frameNumber, p.timeNanos, original);
            return;
        }
        newRequest(r, p);
    }

    /**
     * With two taps a packet takes effect when it arrives: over plain UDP when a tap sees it arrive, over rUDP when
     * the receiver consumes its DATA, that is when it arrives in order.
     */
    private boolean deferredToArrival() {
        return twoTaps;
    }

    /** The request r repeats, among those still in the matching window. */
    private PendingRequest recent(PendingRequest r) {
        return recent(r, Integer.MAX_VALUE);
    }

    /** The same, looking at no more than the newest limit requests of the window. */
    private PendingRequest recent(PendingRequest r, int limit) {
        return requests.recent(r, limit);
    }

    private void newRequest(PendingRequest r, SyncPacket p) {
        if (p.dialect == Dialect.HASYNC && !(p.hasTransport && currentOlder)
                && (p.role != r.from.role || p.term != r.from.term) && recent(r, ROLE_LOOKBACK) == null) {
            // only here: a resend (or a packet sent again after a reply its sender never got, or a DATA resent by
            // go-back-N or queued behind the window) carries a packet built before, whose role and term say nothing
            // new; the window is searched only when they change, and only so far back (a capture whose roles flap
            // on every packet must not cost a whole window each)
            failures.noteRole(r.from, r.to, p.role, p.term);
        }
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
            report.coalescingViolation(p, r);
        }
        if (r.to.advertisedBytes > 0 && p.datagramLength > r.to.advertisedBytes) {
            report.oversizeDatagram(p, r);
        }
        if (connectionMessages > 0 && p.dialect == Dialect.HASYNC && p.role == STANDBY) {
            report.illegalSenderRole(p, r);
        }
        tables.applyToOwn(r, p.frameNumber, repeatsByOpaque, sentBefore);
        int held = r.holdCount();
        holds.opened(r, held);
        requests.add(r);
        if (r.hasOpaque) {
            long key = opaqueKey(r);
            int slot = slotOf(key);
            byOpaque[slot] = r;
            byOpaqueKey[slot] = key;
        }
        if (r.dataChannel != null) {
            r.ridesData(r.dataChannel, r.dataSeq); // known now to be a new request, not a resend
        }
        if (deferredToArrival()) {
            byDeparture.put(p.frameNumber, now, r);
        } else if (!r.replyRequested && currentDelivered) {
            applyOnTrust(r, p.frameNumber);
        } else if (!r.replyRequested && p.hasTransport) {
            // out of order as it left: dropped, unless the tap missed the DATA before it, which the receiver's ACK
            // will show by acknowledging this one too
            r.keptByFrame = true;
            byDeparture.put(p.frameNumber, now, r);
        }
    }

    /**
     * Whether r repeats, by its opaque, a request of the same sender to the same receiver sent within the matching
     * window (answered, or past its timeout: an unanswered one in time is a resend and never gets here). A sender
     * whose resend waited behind a stuck rUDP window may send it after the reply came, and after the connection
     * closed; it then makes the peer's copy again, a zombie, and must not open the connection again at its owner.
     */
    private boolean repeatsByOpaque(PendingRequest r) {
        if (!r.hasOpaque) {
            return false;
        }
        long key = opaqueKey(r);
        int slot = slotOf(key);
        if (byOpaqueKey[slot] != key) {
            return false;
        }
        PendingRequest q = byOpaque[slot];
        // r itself may sit in the slot from before it was reused (one tap pools requests)
        return q != null && q != r && q.from == r.from && q.to == r.to && MatchingKeys.sameRequest(q, r)
                && now - q.lastSend <= matchingWindow() && sameFirstConnection(q.said, r.said);
    }

    /**
     * Whether the first messages naming a connection say the same (what a request answered keeps of its messages):
     * a sender that puts one opaque in every request still matches its replies by rule 1 (the oldest unmatched
     * first), and its next request is not a repeat. False when nothing is kept.
     */
    private static boolean sameFirstConnection(SaidMessages a, SaidMessages b) {
        int i = SaidMessages.firstConnection(a);
        int j = SaidMessages.firstConnection(b);
        return i >= 0 && j >= 0 && a.fingerprint(i) == b.fingerprint(j) && a.version(i) == b.version(j)
                && a.op(i) == b.op(j) && a.state(i) == b.state(j);
    }

    /** Slots by sender and receiver too: each DPU numbers its own requests, so the two may use the same opaques. */
    private static long opaqueKey(PendingRequest r) {
        return r.opaqueHash ^ r.from.addressLow * 0x9e3779b97f4a7c15L
                ^ Long.rotateLeft(r.to.addressLow * 0xc2b2ae3d27d4eb4fL, 29);
    }

    private static int slotOf(long opaqueKey) {
        return (int) (opaqueKey ^ opaqueKey >>> 32) & (BY_OPAQUE_SLOTS - 1);
    }

    /** An earlier request of the same sender, still unanswered, that r repeats: then r is a resend. */
    private PendingRequest findUnanswered(PendingRequest r) {
        for (PendingRequest earlier = requests.oldestWithKey(RequestsByKey.keyOf(r)); earlier != null;
                earlier = RequestsByKey.nextByKey(earlier)) {
            if (earlier.from == r.from && earlier.to == r.to && earlier.waitsForReply()
                    && MatchingKeys.sameRequest(earlier, r)) {
                return earlier;
            }
        }
        return null;
    }

    /**
     * The earlier request a DASH request repeats byte for byte, when it is a resend of it. A DASH request has no
     * opaque, so a sender's resend looks like the DPU's answer to the endpoint's retransmitted packet (§2 makes
     * resends by rules 1 and 2 only): a copy is a new request holding a new packet, unless the senders are known to
     * resend ({@link AnalysisConfig#dashResends}). Even at the same instant: every frame a tap saw leave was sent
     * (analysis.md §0; the network's copies are seen only arriving, at the receiver's tap), and a DPU sends the same
     * bytes twice at once when a customer packet reached it twice or its table resend met the endpoint's
     * retransmission. For a new request, an earlier copy whose timeout has passed has expired
     * by §3 whatever comes next, so the ACK that follows answers the new one; earlier copies still within their
     * timeout stay open beside it, and the oldest takes the next ACK.
     */
    private PendingRequest resendOrSupersede(PendingRequest r) {
        if (config.dashResends) {
            return findUnanswered(r);
        }
        PendingRequest earlier;
        while ((earlier = findUnanswered(r)) != null) {
            if (r.time - earlier.lastSend < config.replyTimeout) {
                return null;
            }
            finalizeRequest(earlier, false);
        }
        return null;
    }

    /**
     * Two taps, a reply without an opaque seen leaving its replier: it answers the oldest identical request the
     * replier had taken (seen arriving) and not yet answered (PendingRequest.replyLeftIn), or, when none is left, a
     * copy it took twice (CopiesTakenAgain). Over plain UDP only: over rUDP a request counts as taken when its DATA
     * does, in order.
     */
    private void answeredAtTheReplier(SyncPacket p) {
        DpuState replier = dpus.of(p.source);
        DpuState requester = dpus.of(p.destination);
        long key = MatchingKeys.contentHash(p);
        long opaqueHash = MatchingKeys.opaqueHash(p);
        for (PendingRequest r = requests.firstForReply(false, p.truncated, opaqueHash, key); r != null;
                r = RequestWindow.nextForReply(r, false, p.truncated)) {
            if (r.from == requester && r.to == replier && r.waitsForReply() && r.applied && r.replyLeftIn < 0
                    && MatchingKeys.answers(false, p.truncated, opaqueHash, key, r)) {
                r.replyLeftIn = p.frameNumber;
                return;
            }
        }
        copiesTakenAgain.leftFor(key, p.truncated, requester, replier, p.frameNumber, now);
    }

    /** onTrust: the reply's DATA channel when it counts as it leaves (one tap, rUDP), else null. */
    private void onReply(SyncPacket p, TransportChannel onTrust) {
        boolean hasOpaque = p.opaqueLength > 0;
        // with two taps it is matched when it arrives, but named by the frame that carried it away from its sender
        matchReply(arriving >= 0 ? arriving : p.frameNumber, p.timeNanos, dpus.of(p.source), dpus.of(p.destination),
                MatchingKeys.opaqueHash(p), hasOpaque ? 0 : MatchingKeys.contentHash(p), hasOpaque, p.truncated,
                currentAck, onTrust);
    }

    /**
     * A reply (carried away from its replier in frame, reaching the requester at time) with its matching keys: rule
     * 1's opaque hash, and rule 2's content key when it has no opaque (analysis.md §2); over rUDP the ACK its DATA
     * carried (-1 without).
     */
    private void matchReply(long frame, long time, DpuState replier, DpuState sender, long opaqueHash, long key,
                            boolean hasOpaque, boolean truncated, int ack, TransportChannel onTrust) {
        PendingRequest match = null;
        PendingRequest answeredAlready = null;
        // two taps, no opaque: the replier's tap may have shown which copy the reply answers as it left
        boolean byTheReplier = !hasOpaque && deferredToArrival();
        long secondReplyTo = byTheReplier ? copiesTakenAgain.secondReplyTo(frame) : -1;
        PendingRequest told = byTheReplier ? toldAtTheReplier(frame, secondReplyTo, sender, replier, truncated, key)
                : null;
        if (told != null && told.waitsForReply()) {
            match = told; // a second reply goes to its copy taken twice when the first was lost or is yet to come
        } else if (told != null && told.answered()) {
            answeredAlready = told; // the reply to its other copy, taken twice, arrived first
        } else if (told == null && secondReplyTo < 0) {
            match = oldestAnswered(time, replier, sender, opaqueHash, key, hasOpaque, truncated, ack);
        }
        if (match == null && answeredAlready == null) {
            // a second reply finds its request among those answered in the recent window, or answered only after
            // it (over rUDP, late)
            answeredAlready = requests.answeredAgain(sender, replier, hasOpaque, truncated, opaqueHash, key);
        }
        if (match == null) {
            if (answeredAlready != null) {
                answeredAlready.replies++;
                report.duplicateReply(frame, time, sender, replier, answeredAlready);
                if (answeredAlready.replies == 2 && answeredAlready.prevDataSeq >= 0) {
                    // answered twice, it was taken in two of the DATA it rode: one at least before its last
                    settleRestartTie(answeredAlready, answeredAlready.prevDataSeq, frame);
                }
            } else if (time - firstTime <= config.replyTimeout) {
                log.noteCaptureLoss("frame " + frame + ": a reply whose request is before the capture began");
            } else {
                report.orphanReply(frame, time, sender, replier);
            }
            return;
        }
        settleRestartTie(match, match.dataSeq, frame);
        if (match.dataChannel != null) {
            // the reply may be to its first copy, taken before a later request's: that copy bounds the later ones
            match.dataChannel.answered(match.firstDataSeq >= 0 ? match.firstDataSeq : match.dataSeq);
        }
        match.replyFrame = frame;
        match.replyTime = time;
        if (pairing != null) {
            pairing.paired(match.frame, frame, time - match.time);
        }
        match.replies++;
        long elapsed = time - match.lastSend;
        int held = match.holdCount();
        if (held > 0) {
            boolean inTime = elapsed <= config.replyTimeout;
            holds.answered(match, held, frame, time, inTime);
            if (inTime && onTrust != null) {
                holds.onTrust();
                SaidMessages copy = messagePool.take(match.said.size());
                copy.copyOf(match.said);
                onTrust.trustedReplies().add(onTrust, currentSeq, frame, now, time - match.time, match, held, copy,
                        messagePool);
            } else if (!inTime) {
                report.lateReply(frame, time, sender, replier, match, elapsed);
            }
        }
        if (match.truncateOk && replier.truncates && !truncated && !match.said.isEmpty()) {
            report.truncationIgnored(frame, time, replier, sender, match);
        }
        match.finalized = true;

        applyToPeer(match, frame);
        keepOnlyFirstConnection(match);
    }

    /**
     * The oldest request still waiting that a reply answers (spec §2): of identical copies (no opaque tells them
     * apart) the oldest it is in time for; with two taps, the oldest of those seen reaching the replier, if any was,
     * and none whose replier's tap showed a reply of its own leave, unless no other is left (then its own reply was
     * lost, or this is a second one). Null when none waits.
     */
    private PendingRequest oldestAnswered(long time, DpuState replier, DpuState sender, long opaqueHash, long key,
                                          boolean hasOpaque, boolean truncated, int ack) {
        PendingRequest match = null;
        PendingRequest inTimeNotSeenArriving = null;
        PendingRequest answeredByAnother = null;
        // only requests with the reply's key can be answered by it: the others are not looked at
        for (PendingRequest r = requests.firstForReply(hasOpaque, truncated, opaqueHash, key); r != null;
                r = RequestWindow.nextForReply(r, hasOpaque, truncated)) {
            if (r.from != sender || r.to != replier || !r.waitsForReply()
                    || !MatchingKeys.answers(hasOpaque, truncated, opaqueHash, key, r)) {
                continue; // another pair's, no longer waiting, or another key hashed alike
            }
            if (r.replyLeftIn >= 0 && !hasOpaque) {
                if (answeredByAnother == null) {
                    answeredByAnother = r; // a reply of its own left the replier: this one is for another copy
                }
                continue;
            }
            // a request whose DATA the replier had not consumed when this reply left (its ACK says so) is not what
            // it answers: the reply is an earlier request's second reply, queued behind the replier's window or sent
            // again by go-back-N, while the sender resent the request anew (seed 1171), or reused its opaque after a
            // cut link held the reply back past the matching window (seed 1878: taken as the new request's answer,
            // it passed the DATA of an older request still waiting for its own reply, which then expired). A
            // receiver's restart keeps its numbers (hasync-v1.md §2), so its ACK still covers every DATA it took
            if (ack >= 0 && r.firstDataSeq >= 0 && !TransportChannel.ahead(ack, r.firstDataSeq)) {
                continue;
            }
            if (match == null) {
                match = r;
            }
            if (hasOpaque || time - r.lastSend <= config.replyTimeout) {
                if (hasOpaque || !deferredToArrival() || r.applied) {
                    return r;
                }
                if (inTimeNotSeenArriving == null) {
                    inTimeNotSeenArriving = r;
                }
            }
        }
        return inTimeNotSeenArriving != null ? inTimeNotSeenArriving : match != null ? match : answeredByAnother;
    }

    /**
     * Two taps, a reply without an opaque arriving in frame: the request the replier's tap showed it answer as it
     * left (PendingRequest.replyLeftIn; secondReplyTo: the first frame of a copy it answered a second time, from
     * CopiesTakenAgain, or -1), waiting or answered already; null when it left answering none that was seen.
     */
    private PendingRequest toldAtTheReplier(long frame, long secondReplyTo, DpuState sender, DpuState replier,
                                            boolean truncated, long key) {
        for (PendingRequest r = requests.firstForReply(false, truncated, 0, key); r != null;
                r = RequestWindow.nextForReply(r, false, truncated)) {
            if (r.from == sender && r.to == replier && (secondReplyTo >= 0 ? r.frame == secondReplyTo
                    : r.replyLeftIn == frame) && MatchingKeys.answers(false, truncated, 0, key, r)) {
                return r;
            }
        }
        return null;
    }

    /**
     * A reply in frame shows that the receiver took request r in one of the DATA it rode numbered from its first to
     * last: if its ACK was read as a restart past them, the old numbers that came in order up to there and on were
     * taken after all (the restart tie, settled by the receiver's own reply), r's among them.
     */
    private void settleRestartTie(PendingRequest r, int last, long frame) {
        if (r.dataChannel == null || r.firstDataSeq < 0 || !deferredToArrival()) {
            return;
        }
        int[] taken = r.dataChannel.consumedOnArrival.answered(r.firstDataSeq, last);
        if (taken != null) {
            consumedUnseen(r.dataChannel, taken[0], taken[1], r.from, r.to, frame);
        }
    }

    /** At the end of its window (or the capture): a request never answered expired, or is still open. */
    private void finalizeRequest(PendingRequest r, boolean atEnd) {
        if (r.finalized || r.answered() || !r.replyRequested) {
            return;
        }
        r.finalized = true;
        boolean open = atEnd && lastTime - r.lastSend < config.replyTimeout;
        holds.unanswered(r, r.holdCount(), open, open ? lastTime : r.lastSend + config.replyTimeout);
        if (open) {
            return;
        }
        report.lostReplies(r.frame, r.time, r.resends, r.from, r.to, r.said, -1);
    }

    /** The replier failed silent: the holds its replies released on trust to the requester are settled. */
    private void settleRepliesOnTrust(DpuState replier, DpuState requester) {
        TransportChannel channel = replier.channelTo.get(requester);
        TrustedReplies trusted = channel == null ? null : channel.trustedRepliesIfAny();
        if (trusted != null) {
            trusted.settle(channel, this::replyNeverTaken, messagePool);
        }
    }

    /**
     * A release one tap took on trust whose reply the requester never took, its replier having failed silent before
     * sending it again (TrustedReplies): the holds expired at the latest send plus the reply timeout, so the reply
     * time the release recorded is taken back, and the holds count in flight until then.
     */
    private void replyNeverTaken(TrustedReplies.Release r) {
        holds.takenBack(r, r.lastSend + config.replyTimeout);
        report.lostReplies(r.requestFrame, r.requestTime, r.resends, r.requester, r.replier, r.said, r.replyFrame);
    }

    // ------------------------------------------------------------------------------------------ tables (§4)

    /** The receiver's copy, for a request it got: once, however often it is sent or arrives. */
    private void applyToPeer(PendingRequest r, long frame) {
        applyToPeer(r, frame, now);
    }

    /** The same, for a request known delivered late (by a receiver's ACK): most likely it arrived at deliveredAt. */
    private void applyToPeer(PendingRequest r, long frame, long deliveredAt) {
        applyToPeer(r, frame, deliveredAt, null, -1);
    }

    /** The same, known taken in DATA number takenIn of its rUDP channel. */
    private void applyToPeer(PendingRequest r, long frame, long deliveredAt, int takenIn) {
        applyToPeer(r, frame, deliveredAt, null, takenIn);
    }

    /**
     * The same, for a request without Q whose DATA left in order, with one tap: delivered as nothing shows it lost, on
     * trust until its receiver's ACK passes the DATA (go-back-N drops a DATA the network delivered early).
     */
    private void applyOnTrust(PendingRequest r, long frame) {
        applyToPeer(r, frame, now, currentChannel, -1);
    }

    private void applyToPeer(PendingRequest r, long frame, long deliveredAt, TransportChannel onTrust, int takenIn) {
        if (r.applied) {
            return;
        }
        r.applied = true;
        tables.applyToPeer(r, frame, deferredToArrival(), false, deliveredAt, onTrust, currentSeq, takenIn);
        if (!r.replyRequested) {
            keepOnlyFirstConnection(r); // applied and waiting for no reply: only its keys matter from here on
        }
    }

    /**
     * A request that stays in the matching window only so that a resend, a repeat or a second reply is recognised
     * needs its keys and first connection (to name it in a finding), not its messages.
     */
    private void keepOnlyFirstConnection(PendingRequest r) {
        // a request of one message loses nothing: what it said is still known, to apply again should go-back-N's
        // copy of it be shown taken (cut-tie seed 8511, run 728b3551: a DELETE answered for its later copy, then
        // shown taken in its first DATA, earlier, by the replies that settle a restart tie)
        r.cutToFirst = r.said.size() > 1;
        r.said = r.said.keepFirstConnection(messagePool);
    }

    /** A finding of the dissector about a malformed frame, passed through (analysis.md §5 "malformed"). */
    public void onMalformed(long frame, long time, io.hascope.field.ExpertKind kind, String message, long offset) {
        report.malformed(frame, time, kind, message, offset);
    }

    // ------------------------------------------------------------------------------------------ end and results

    /** Settles what only the end decides: open requests, divergences and zombies still there, stale entries. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (secondsListener != null) {
            secondsListener.ends();
        }
        settleRestartsAtEnd(); // first, so that every change to the tables comes before the exposure is closed
        tables.accumulateExposure(lastTime);
        for (PendingRequest r = requests.pollAny(); r != null; r = requests.pollAny()) {
            finalizeRequest(r, true);
        }
        tables.finish(lastTime, currentFrame);
        transport.finish();
        log.sort();
        spareRequests.clear(); // the results are kept (the GUI keeps them open); the spares serve no frame now
        messagePool.clear();
    }

    /**
     * Two taps saw DATA reach a receiver that, by its timers, had given up on an earlier number, and the capture ended
     * before its next ACK said whether it took them: read by the timers, what arrived in order from there was taken.
     */
    private void settleRestartsAtEnd() {
        for (DpuState replier : dpus.byAddress.values()) {
            for (DpuState requester : dpus.byAddress.values()) { // in the order the capture named them, run to run
                TransportChannel ch = replier.channelTo.get(requester);
                int[] took = ch == null ? null : ch.consumedOnArrival.settleRestartAtEnd();
                if (took != null) {
                    consumedUnseen(ch, took[0], took[1], replier, requester, currentFrame);
                }
            }
        }
    }

    /**
     * The holds in flight as of the frame last fed: requests that asked for a reply, hold customer packets and are
     * neither answered nor given up. Call before {@link #finish()}, which settles them.
     */
    public List<InFlight> inFlight() {
        List<InFlight> open = new ArrayList<>();
        for (PendingRequest r : requests.inWindow()) {
            int held = r.holdCount();
            if (!r.finalized && !r.answered() && held > 0 && lastTime - r.lastSend < config.replyTimeout) {
                open.add(new InFlight(r.frame, r.time, r.from.address, r.to.address, held, r.said.size(), r.resends,
                        r.firstConnection()));
            }
        }
        return open;
    }

    /** Running figures for a live display (cheap enough for once a second: the holds walk one matching window). */
    public LiveFigures liveFigures() {
        List<LiveFigures.Side> sides = new ArrayList<>();
        long replies = 0;
        for (DpuState d : dpus.byAddress.values()) {
            DpuState p = dpus.peerOf(d);
            sides.add(new LiveFigures.Side(d.address, p == null ? "" : p.address, d.role, d.requests, d.messages,
                    d.replies, d.own().size(), d.peer().size()));
            replies += d.replies;
        }
        int inFlight = 0;
        int packets = 0;
        for (InFlight h : inFlight()) {
            inFlight++;
            packets += h.heldPackets();
        }
        return new LiveFigures(frames, firstTime == Long.MIN_VALUE ? 0 : firstTime, lastTime, sides, inFlight, packets,
                replies, holds.replyTimes.percentile(0.5), holds.replyTimes.percentile(0.99),
                log.all.size() + log.notKept());
    }

    /**
     * Settles what the clock alone has decided by the frame last fed (copies past the HA timeout age out, which is
     * otherwise noticed a little later): call before reading the tables or findings of an analysis stopped early.
     */
    public void upToNow() {
        if (!finished) {
            tables.ageCopies(currentFrame);
            tables.judgeAged(false);
        }
    }

    /** Both DPUs' tables as of the frame last fed (before {@link #finish()}) or the end. */
    public Map<String, DpuState> tables() {
        return dpus.byAddress;
    }

    /** The findings kept for the report, in frame order once finished: all, unless {@link #keepFindings} cut them. */
    public List<Finding> findings() {
        return log.all;
    }

    /**
     * The frame the analysis took last (0 before the first). Between two frames, everything it can say of the frames
     * up to this one so far has been said: pairings, and findings certain by now.
     */
    public long currentFrame() {
        return currentFrame;
    }

    /**
     * Keeps only the first n findings made for the report; the others are counted (the result's counts, worst and
     * scorecard stay exact) and told to {@link #onFinding} as every finding is. For a live session that runs for
     * days: every finding kept costs some 500 bytes.
     */
    public Analyzer keepFindings(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("findings to keep: " + n);
        }
        log.keepAtMost(n);
        return this;
    }

    /** Told of every finding the moment it is made (certain), kept for the report or not. */
    public Analyzer onFinding(java.util.function.Consumer<Finding> listener) {
        log.onEach(listener);
        return this;
    }

    /** The findings made but not kept for the report ({@link #keepFindings}). */
    public long findingsNotKept() {
        return log.notKept();
    }

    public AnalysisResult result(String file) {
        finish();
        return new AnalysisResult(this, file);
    }
}
