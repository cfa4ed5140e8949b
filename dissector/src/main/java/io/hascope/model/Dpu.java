package io.hascope.model;

import io.hascope.encode.FrameEncoder;
import io.hascope.encode.HasyncEncoder;
import io.hascope.encode.PacketUpdate;
import io.hascope.encode.StateUpdate;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One DPU: its own connection table (the connections it owns, driven by customer packets through a TCP state
 * machine), its copy of the peer's (built by the receiver rules of spec §4), and a sender whose strategy is the
 * configured mode. Messages are coalesced up to the peer's advertised N and byte limit, or a flush delay.
 */
final class Dpu {
    static final int ROLE_ACTIVE = 1;
    static final int ROLE_STANDBY = 2;
    static final int ROLE_STANDALONE = 3;
    static final int OP_CREATE = 1;
    static final int OP_UPDATE = 2;
    static final int OP_DELETE = 3;
    static final int OP_REFRESH = 4;

    /** A table entry: state, flow version, last time set. */
    static final class Entry {
        int state;
        long version;
        long updated;
        final Flow flow;

        Entry(Flow flow, int state, long version, long updated) {
            this.flow = flow;
            this.state = state;
            this.version = version;
            this.updated = updated;
        }
    }

    final int index;
    final byte[] address;
    final byte[] mac;
    int role = ROLE_ACTIVE;
    int term = 1;
    final Map<ConnKey, Entry> own = new LinkedHashMap<>();
    final Map<ConnKey, Entry> peer = new LinkedHashMap<>();
    private final Model model;
    private final ModelConfig config;
    Dpu peerDpu;
    Channel out;
    Link link;
    /** A failed DPU: it sends and hears nothing any more. */
    boolean dead;
    long diedAt = -1;
    long lastHeard;

    // the coalescer: messages waiting to go, with the flags they need
    private final List<Msg> batch = new ArrayList<>();
    private boolean batchQ;
    private boolean batchT;
    private int batchBytes;
    private long batchGeneration;
    private long nextRequestId = 1;
    private long snapshotRound;
    // receiver: the snapshot round being received from the peer
    private long roundInProgress = -1;
    private final Set<ConnKey> seenInRound = new HashSet<>();
    private long refreshesInRound;

    Dpu(Model model, int index, byte[] address, byte[] mac) {
        this.model = model;
        this.config = model.config;
        this.index = index;
        this.address = address;
        this.mac = mac;
    }

    // ---------------------------------------------------------------- owner side: customer packets

    /** A packet of flow's script reached this DPU (the owner). */
    void onCustomerPacket(Flow flow, int step) {
        if (dead) {
            return; // lost with the DPU; the endpoint will retransmit
        }
        Flow.Step s = flow.steps[step];
        boolean changes = step > flow.appliedStep;
        long version = 0;
        if (changes) {
            flow.appliedStep = step;
            Entry e = own.get(flow.key);
            version = e == null ? 1 : e.version + 1;
            applyOwn(flow, s.state(), version);
        } else {
            Entry e = own.get(flow.key);
            version = e == null ? 0 : e.version;
        }
        if (role == ROLE_STANDALONE) {
            if (config.mode == SenderMode.REFRESH && changes && step == 0) {
                scheduleRefresh(flow, config.firstRefresh); // its refreshes start once the DPU rejoins its peer
            }
            model.forward(flow, step); // no peer to keep in step with
            return;
        }
        switch (config.mode) {
            case PACKET -> {
                // a packet sent again re-syncs a change the peer may have missed, while the connection lives: once
                // closed (its entry gone) there is no connection to report, and a version-0 update would make one
                if (changes || flow.unsynced && own.containsKey(flow.key)) {
                    flow.unsynced = true;
                    Msg m = config.dash ? stateUpdate(flow, opFor(s.state()), s.state(), version, s)
                            : packetUpdate(flow, s, version);
                    hold(flow, step, m, true, false);
                } else {
                    model.forward(flow, step);
                }
            }
            case HOLD -> {
                if (changes && (config.holdSyn || s.state() != ConnState.SYN_SENT || config.dash)) {
                    hold(flow, step, stateUpdate(flow, opFor(s.state()), s.state(), version, s), true, true);
                } else {
                    if (changes) {
                        enqueue(stateUpdate(flow, opFor(s.state()), s.state(), version), false, false);
                    }
                    model.forward(flow, step);
                }
            }
            case STATE -> {
                if (changes) {
                    enqueue(stateUpdate(flow, opFor(s.state()), s.state(), version), false, false);
                }
                model.forward(flow, step);
            }
            case REFRESH -> {
                if (changes && (step == 0 || ConnState.isFinal(s.state()))) {
                    enqueue(stateUpdate(flow, opFor(s.state()), s.state(), version), false, false);
                    if (step == 0) {
                        scheduleRefresh(flow, config.firstRefresh);
                    }
                }
                model.forward(flow, step);
            }
        }
    }

    /** A UDP flow idle past its timeout ages out on its owner. */
    void ageOut(Flow flow) {
        if (dead) {
            return;
        }
        Entry e = own.get(flow.key);
        if (e == null) {
            return;
        }
        long version = e.version + 1;
        applyOwn(flow, ConnState.CLOSED, version);
        if (config.mode != SenderMode.PACKET && role != ROLE_STANDALONE) {
            enqueue(stateUpdate(flow, OP_DELETE, ConnState.CLOSED, version), false, false);
        }
    }

    private void applyOwn(Flow flow, int state, long version) {
        long now = model.sim.now();
        if (ConnState.isFinal(state)) {
            own.remove(flow.key);
            flow.closedAt = now;
            flow.closedBy = this;
            flow.closedVersion = version;
            flow.closeFrame = -1;
        } else {
            Entry e = own.get(flow.key);
            if (e == null) {
                own.put(flow.key, new Entry(flow, state, version, now));
            } else {
                e.state = state;
                e.version = version;
                e.updated = now;
            }
        }
        flow.ownHistory.add(new long[] {now, state, version});
    }

    private static int opFor(int state) {
        return switch (state) {
            case ConnState.SYN_SENT, ConnState.ACTIVE -> OP_CREATE;
            case ConnState.CLOSED, ConnState.RESET -> OP_DELETE;
            default -> OP_UPDATE;
        };
    }

    private void scheduleRefresh(Flow flow, long delay) {
        model.sim.after(delay, () -> {
            Entry e = own.get(flow.key);
            if (e != null && !dead) {
                if (role != ROLE_STANDALONE) { // no peer to refresh while standalone, but again once it rejoins
                    enqueue(stateUpdate(flow, OP_REFRESH, e.state, e.version), false, false);
                }
                scheduleRefresh(flow, config.refreshEvery);
            }
        });
    }

    /** Approach 2's periodic full resend: BEGIN, every own entry, END with the count. */
    void snapshot() {
        if (dead || role == ROLE_STANDALONE) {
            return;
        }
        flush();
        long round = ++snapshotRound;
        enqueue(new Msg(Msg.SNAPSHOT_MARK, null, 0, 0, 0, new byte[0],
                HasyncEncoder.snapshotMark(1, round, 0, new byte[0]), 1, round), false, false);
        int count = 0;
        for (Entry e : own.values()) {
            enqueue(stateUpdate(e.flow, OP_REFRESH, e.state, e.version), false, false);
            count++;
        }
        Msg end = new Msg(Msg.SNAPSHOT_MARK, null, 0, 0, 0, new byte[0],
                HasyncEncoder.snapshotMark(2, round, count, new byte[0]), 2, round);
        end.snapshotCount = count;
        enqueue(end, false, false);
        flush();
    }

    // ---------------------------------------------------------------- building messages

    private Msg stateUpdate(Flow flow, int op, int state, long version) {
        return stateUpdate(flow, op, state, version, null);
    }

    /** A STATE_UPDATE; step is the customer packet behind it (DASH carries that packet), or null. */
    private Msg stateUpdate(Flow flow, int op, int state, long version, Flow.Step step) {
        ConnKey k = flow.key;
        byte[] opaque = config.mode == SenderMode.HOLD ? opaqueFor(flow) : new byte[0];
        StateUpdate s = new StateUpdate(op, state, false, 1, k.protocol(), k.eni(), k.vnet(), version,
                ConnState.isFinal(state) ? 0 : config.lifetimeMean / ModelConfig.MS, k.source(), k.destination(),
                k.sourcePort(), k.destinationPort());
        Msg m = new Msg(Msg.STATE_UPDATE, flow, op, state, version, opaque, HasyncEncoder.stateUpdate(s, opaque), 0, 0);
        if (config.dash) {
            Flow.Step carried = step != null ? step : flow.steps[Math.max(0, flow.appliedStep)];
            m.customerFrame = customerFrame(flow, carried);
            m.tcpFlags = flow.tcp() ? carried.tcpFlags() : -1;
        }
        return m;
    }

    private Msg packetUpdate(Flow flow, Flow.Step s, long version) {
        ConnKey k = flow.key;
        byte[] frame = customerFrame(flow, s);
        byte[] opaque = opaqueFor(flow);
        byte[] encoded = HasyncEncoder.packetUpdate(new PacketUpdate(s.fromClient() ? 1 : 2, false, 1, frame.length,
                k.eni(), k.vnet(), version, frame), opaque);
        Msg m = new Msg(Msg.PACKET_UPDATE, flow, 0, s.state(), version, opaque, encoded, 0, 0);
        m.customerFrame = frame;
        m.tcpFlags = flow.tcp() ? s.tcpFlags() : -1;
        return m;
    }

    /** The customer packet of step as it crosses the DPU (Ethernet, IP, TCP or UDP). */
    static byte[] customerFrame(Flow flow, Flow.Step s) {
        ConnKey k = flow.key;
        byte[] src = s.fromClient() ? k.source() : k.destination();
        byte[] dst = s.fromClient() ? k.destination() : k.source();
        int sport = s.fromClient() ? k.sourcePort() : k.destinationPort();
        int dport = s.fromClient() ? k.destinationPort() : k.sourcePort();
        byte[] l4 = flow.tcp() ? FrameEncoder.tcp(sport, dport, 1000 + flow.nextStep, 0, s.tcpFlags(), new byte[0])
                : FrameEncoder.udp(sport, dport, new byte[8]);
        return FrameEncoder.ethernet(FrameEncoder.MAC_B, FrameEncoder.MAC_A, null,
                k.ipv6() ? 0x86dd : 0x0800, FrameEncoder.ip(src, dst, k.protocol(), l4));
    }

    private static byte[] opaqueFor(Flow flow) {
        return ByteBuffer.allocate(4).putInt(flow.id).array();
    }

    // ---------------------------------------------------------------- sending: holds, coalescing, timers

    /** Sends msg with Q (and T when asked) and keeps the customer packet until the reply. */
    private void hold(Flow flow, int step, Msg msg, boolean q, boolean t) {
        enqueue(msg, q, t);
    }

    private void enqueue(Msg m, boolean q, boolean t) {
        if (config.dash) {
            sendDash(m);
            return;
        }
        if (!batch.isEmpty() && (q != batchQ || t != batchT)) {
            flush();
        }
        int limit = config.maxBytes == 0 ? Integer.MAX_VALUE : config.maxBytes;
        if (!batch.isEmpty() && (8 + 4 + batchBytes + m.encoded.length > limit)) {
            flush();
        }
        if (batch.isEmpty()) {
            batchQ = q;
            batchT = t;
            long generation = ++batchGeneration;
            model.sim.after(config.coalesceDelay, () -> {
                if (batchGeneration == generation) {
                    flush();
                }
            });
        }
        batch.add(m);
        batchBytes += m.encoded.length;
        if (batch.size() >= (config.senderMaxMessages > 0 ? config.senderMaxMessages : config.maxMessages)) {
            flush();
        }
    }

    /** Sends what is waiting as one request. */
    void flush() {
        if (batch.isEmpty()) {
            return;
        }
        if (dead) {
            batch.clear();
            batchBytes = 0;
            return;
        }
        batchGeneration++;
        List<Msg> msgs = List.copyOf(batch);
        batch.clear();
        batchBytes = 0;
        long id = nextRequestId++;
        byte[] opaque = ByteBuffer.allocate(4).putInt((int) id).array();
        List<byte[]> encoded = new ArrayList<>(msgs.size());
        for (Msg m : msgs) {
            encoded.add(m.encoded);
        }
        byte[] bytes = HasyncEncoder.packet(new HasyncEncoder.Flags(false, batchQ, batchT, false), role, term,
                opaque, encoded);
        Request r = new Request(id, this, batchQ, batchT, msgs, bytes);
        model.requests.add(r);
        r.firstSent = model.sim.now();
        transmit(r);
    }

    /**
     * DASH: one flow per header, so no coalescing: a FLOW_SYNC_REQ from the port the flow hashes to, to the DP
     * channel port, carrying key, flow data and the customer frame; the peer's FLOW_SYNC_ACK echoes it.
     */
    private void sendDash(Msg m) {
        if (dead || m.flow == null) {
            return; // CAPABILITIES and SNAPSHOT_MARK have no DASH form
        }
        ConnKey k = m.flow.key;
        int subtype = m.op == OP_CREATE ? 1 : m.op == OP_DELETE ? 3 : 2;
        byte[] frame = m.customerFrame == null ? new byte[0] : m.customerFrame;
        io.hascope.encode.DashEncoder.Key key = new io.hascope.encode.DashEncoder.Key(k.eni(), k.vnet(), k.source(),
                k.destination(), k.sourcePort(), k.destinationPort(), k.protocol());
        io.hascope.encode.DashEncoder.Data data = new io.hascope.encode.DashEncoder.Data(false, 1, m.version, 0, 0,
                ConnState.isFinal(m.state) ? 0 : config.lifetimeMean / ModelConfig.MS);
        byte[] request = io.hascope.encode.DashEncoder.header(3, 1, subtype, key, data, frame, -1);
        byte[] ack = request.clone();
        ack[1] = (byte) ((2 << 4) | subtype);
        Request r = new Request(nextRequestId++, this, true, false, List.of(m), request);
        r.dashReply = ack;
        r.sourcePort = Tap.DP_CHANNEL_PORT + 1 + Math.floorMod(k.hashCode(), 10);
        r.destinationPort = Tap.DP_CHANNEL_PORT;
        model.requests.add(r);
        r.firstSent = model.sim.now();
        transmit(r);
    }

    private void transmit(Request r) {
        r.lastSent = model.sim.now();
        link.send(r.sourcePort, r.destinationPort, r.bytes, () -> peerDpu.receive(r), (frame, arrivals) -> {
            r.frames.add(frame);
            r.deliveries.add(arrivals);
            for (Msg m : r.messages) {
                if (m.flow != null) {
                    shownOnTheWire(m, frame);
                }
            }
        });
        if (r.replyRequested) {
            int sendNumber = ++r.sendCount;
            model.sim.after(config.replyTimeout, () -> onReplyTimeout(r, sendNumber));
        }
    }

    /** Message m left in frame: the owner's state as its frames show it, and the frame that first shows the close. */
    static void shownOnTheWire(Msg m, long frame) {
        Flow f = m.flow;
        if (m.version < f.wireVersion) {
            return; // an older change sent again: a receiver ignores it
        }
        if (m.tcpFlags >= 0 && m.op != OP_DELETE) {
            if (m.version != f.wireVersion) {
                f.wireState = ConnState.impliedBy(f.wireState, m.tcpFlags);
            }
        } else {
            f.wireState = m.op == OP_DELETE ? ConnState.CLOSED : m.state;
        }
        f.wireVersion = m.version;
        if (f.closeFrame < 0 && m.version == f.closedVersion && ConnState.isFinal(f.wireState)) {
            f.closeFrame = frame;
        }
    }

    private void onReplyTimeout(Request r, int sendNumber) {
        if (dead || r.answeredAt >= 0 || r.givenUp || r.sendCount != sendNumber) {
            return;
        }
        if (config.resendOnTimeout && r.resends < config.maxResends) {
            r.resends++;
            transmit(r);
            return;
        }
        r.givenUp = true;
        for (Msg m : r.messages) {
            if (m.flow != null) {
                model.dropHeld(m.flow);
            }
        }
    }

    /** The peer's reply to r, sent in frame replyFrame, arrived here. */
    void onReply(Request r, long replyFrame) {
        if (dead) {
            return;
        }
        heard();
        if (r.answeredAt >= 0) {
            return; // a duplicate reply: nothing more to release
        }
        r.answeredAt = model.sim.now();
        r.answeredBy = replyFrame;
        if (r.givenUp) {
            return; // late: the held packets were already dropped
        }
        for (Msg m : r.messages) {
            if (m.flow != null && r.replyRequested) {
                m.flow.unsynced = false;
                model.release(m.flow);
            }
        }
    }

    // ---------------------------------------------------------------- receiver (spec §4)

    void receive(Request r) {
        if (dead) {
            return;
        }
        heard();
        long now = model.sim.now();
        for (Msg m : r.messages) {
            switch (m.type) {
                case Msg.STATE_UPDATE, Msg.PACKET_UPDATE -> applyPeer(m, now);
                case Msg.SNAPSHOT_MARK -> snapshotMark(m);
                default -> {
                }
            }
        }
        if (r.replyRequested) {
            byte[] reply = r.dashReply != null ? r.dashReply : HasyncEncoder.reply(r.bytes, config.truncates);
            long[] replyFrame = {-1}; // known once it goes on the wire, which is before it can arrive
            link.send(r.destinationPort, r.sourcePort, reply, () -> r.from.onReply(r, replyFrame[0]),
                    (frame, arrivals) -> {
                        replyFrame[0] = frame;
                        r.replyFrames.add(frame);
                        r.replyDelivered.add(arrivals > 0);
                    });
        }
    }

    private void applyPeer(Msg m, long now) {
        ConnKey key = m.flow.key;
        if (roundInProgress >= 0) {
            // counted even when older than what is held: the round still carried it
            seenInRound.add(key);
            if (m.op == OP_REFRESH) {
                refreshesInRound++;
            }
        }
        Entry e = peer.get(key);
        if (e != null && e.version > m.version) {
            return; // an older version: ignored (spec §4)
        }
        int state = m.state;
        boolean carried = m.tcpFlags >= 0 && m.op != OP_DELETE;
        if (carried) {
            // the receiver knows only its copy and the segment: a copy that missed the first FIN takes the second
            // for the first, and the same version again is the same change (an endpoint's retransmission)
            state = e != null && e.version == m.version ? e.state
                    : ConnState.impliedBy(e == null ? ConnState.NONE : e.state, m.tcpFlags);
        }
        boolean delete = m.op == OP_DELETE || ((carried || m.type == Msg.PACKET_UPDATE) && ConnState.isFinal(state));
        if (delete) {
            if (e != null) {
                peer.remove(key);
                m.flow.peerHistory.add(new long[] {now, -1, m.version});
            }
            return;
        }
        if (e == null) {
            peer.put(key, new Entry(m.flow, state, m.version, now));
        } else {
            boolean same = e.state == state && e.version == m.version;
            e.state = state;
            e.version = m.version;
            e.updated = now;
            if (same) {
                return;
            }
        }
        m.flow.peerHistory.add(new long[] {now, state, m.version});
    }

    private void snapshotMark(Msg m) {
        if (m.snapshotPhase == 1) {
            roundInProgress = m.snapshotRound;
            seenInRound.clear();
            refreshesInRound = 0;
        } else if (m.snapshotPhase == 2 && roundInProgress == m.snapshotRound
                && refreshesInRound == m.snapshotCount) {
            // a complete round: what the peer holds from this sender but the round omitted is stale
            long now = model.sim.now();
            peer.entrySet().removeIf(en -> {
                if (!seenInRound.contains(en.getKey())) {
                    en.getValue().flow.peerHistory.add(new long[] {now, -1, en.getValue().version});
                    return true;
                }
                return false;
            });
            roundInProgress = -1;
        } else if (m.snapshotPhase == 2) {
            roundInProgress = -1; // an incomplete round (something was lost): it proves nothing stale
        }
    }

    /** Xsight v1: peer entries not refreshed within the HA timeout age out. */
    void agePeerEntries() {
        long now = model.sim.now();
        peer.entrySet().removeIf(en -> {
            if (now - en.getValue().updated > config.haTimeout) {
                en.getValue().flow.peerHistory.add(new long[] {now, -1, en.getValue().version});
                return true;
            }
            return false;
        });
    }

    // ---------------------------------------------------------------- liveness

    /** An empty request with Q: the peer's answer shows it is alive (spec §3: an empty request is a probe). */
    void probe() {
        if (dead) {
            return;
        }
        flush();
        long id = nextRequestId++;
        Request r;
        if (config.dash) {
            byte[] req = io.hascope.encode.DashEncoder.header(3, 3, 0, null, null, new byte[0], -1);
            r = new Request(id, this, true, false, List.of(), req);
            r.dashReply = io.hascope.encode.DashEncoder.header(3, 4, 0, null, null, new byte[0], -1);
            r.sourcePort = Tap.DP_CHANNEL_PORT + 1;
            r.destinationPort = Tap.DP_CHANNEL_PORT;
        } else {
            byte[] bytes = HasyncEncoder.packet(HasyncEncoder.Flags.REQUEST_Q, role, term,
                    ByteBuffer.allocate(4).putInt((int) id).array(), List.of());
            r = new Request(id, this, true, false, List.of(), bytes);
        }
        model.requests.add(r);
        r.firstSent = model.sim.now();
        transmit(r);
    }

    private void heard() {
        lastHeard = model.sim.now();
        if (role == ROLE_STANDALONE) {
            rejoin();
        }
    }

    /** Silence longer than the failover silence: the peer is taken for dead. */
    void checkPeer() {
        if (!dead && role != ROLE_STANDALONE && model.sim.now() - lastHeard > config.failoverSilence) {
            role = ROLE_STANDALONE;
            term++;
            batch.clear();
            batchBytes = 0;
            model.onStandalone(this);
        }
    }

    /** The peer is heard again (a healed partition): back to ACTIVE, and a full resend of the own table. */
    private void rejoin() {
        role = ROLE_ACTIVE;
        model.onRoleChange(this);
        bulkSync();
    }

    /** Every own entry once more, as UPDATEs without replies. */
    void bulkSync() {
        for (Entry e : own.values()) {
            enqueue(stateUpdate(e.flow, OP_UPDATE, e.state, e.version), false, false);
        }
        flush();
    }

    /** At session start: tell the peer what this receiver accepts. */
    void advertise() {
        if (config.dash) {
            return; // DASH has no capabilities message
        }
        byte[] body = HasyncEncoder.capabilities(config.maxMessages, config.maxBytes, config.truncates, true,
                new byte[0]);
        enqueue(new Msg(Msg.CAPABILITIES, null, 0, 0, 0, new byte[0], body, 0, 0), false, false);
        flush();
    }
}
