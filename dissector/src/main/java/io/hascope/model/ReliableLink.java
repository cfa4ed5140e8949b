package io.hascope.model;

import io.hascope.encode.HasyncEncoder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The reliable UDP transport of spec §2 for one DPU, both halves: as sender it numbers DATA packets (24 bits),
 * keeps them until the peer's ACK covers them, sends at most a window ahead, goes back to a NACKed number and
 * resends from there with the original numbers, and sends KEEPALIVEs when idle (they carry the next number, so a
 * lost tail shows as a gap); as receiver it consumes DATA in order, drops what follows a gap and NACKs the missing
 * number, repeating after the NACK timeout up to Max Nack times, after which the channel is broken (and the hole is
 * given up, as a new session would).
 */
final class ReliableLink implements Link {
    private static final int SEQ_MASK = 0xffffff;

    private record Data(int seq, int sourcePort, int destinationPort, byte[] payload, Runnable deliver, Sent sent) {
    }

    private final Model model;
    private final Dpu self;
    private ReliableLink peer;
    // sending half
    private int nextSeq;
    private final List<Data> unacked = new ArrayList<>();
    private final Deque<Data> waiting = new ArrayDeque<>();
    private long lastSent;
    // receiving half
    private int expected;
    private int nacksForExpected;
    private int pendingNackFor = -1;
    private boolean resync;
    private long heardAt;
    private boolean idleBroken;

    final TransportStats stats = new TransportStats();

    /** What the transport did, for the truth file. */
    static final class TransportStats {
        long dataSent;
        long retransmissions;
        long keepalives;
        long nacksSent;
        long gapsSeen;
        long broken;
        final List<Long> gapFrames = new ArrayList<>();
        final List<Long> retransmissionFrames = new ArrayList<>();
        final List<Long> brokenAt = new ArrayList<>();
    }

    ReliableLink(Model model, Dpu self) {
        this.model = model;
        this.self = self;
    }

    void pair(ReliableLink peer) {
        this.peer = peer;
    }

    private ModelConfig config() {
        return model.config;
    }

    @Override
    public void send(int sourcePort, int destinationPort, byte[] payload, Runnable deliver, Sent sent) {
        Data d = new Data(nextSeq, sourcePort, destinationPort, payload, deliver, sent);
        nextSeq = (nextSeq + 1) & SEQ_MASK;
        if (unacked.size() >= config().window) {
            waiting.add(d); // beyond the window: sent when the peer's ACK makes room
            return;
        }
        unacked.add(d);
        stats.dataSent++;
        transmit(d, false);
    }

    private void transmit(Data d, boolean retransmission) {
        byte[] datagram = HasyncEncoder.transport(0, d.seq(), expected, d.payload());
        long frame = model.tap.write(model.sim.now(), self, self.peerDpu, d.sourcePort(), d.destinationPort(), datagram);
        lastSent = model.sim.now();
        if (retransmission) {
            stats.retransmissions++;
            stats.retransmissionFrames.add(frame);
        }
        int ack = expected;
        int n = self.out.send(model.tap.arriving(frame, self, self.peerDpu, d.sourcePort(), d.destinationPort(),
                datagram, () -> peer.onData(d, ack, frame)));
        if (!retransmission) {
            d.sent().sent(frame, n);
        }
    }

    // ---------------------------------------------------------------- receiving half (runs on the receiver's link)

    private void onData(Data d, int ack, long frame) {
        if (self.dead) {
            return;
        }
        heard();
        onAck(ack);
        if (resync) {
            expected = d.seq(); // after a broken channel: a new session starts with whatever comes next
            resync = false;
        }
        if (d.seq() == expected) {
            expected = (expected + 1) & SEQ_MASK;
            pendingNackFor = -1;
            nacksForExpected = 0;
            d.deliver().run();
        } else if (ahead(d.seq(), expected)) {
            stats.gapsSeen++;
            stats.gapFrames.add(frame);
            nack(); // go-back-N: everything after a gap is dropped
        }
        // behind: a copy of something already consumed (a retransmission or a duplicate), dropped
    }

    private static boolean ahead(int seq, int expected) {
        int distance = (seq - expected) & SEQ_MASK;
        return distance != 0 && distance < (1 << 23);
    }

    private void heard() {
        self.lastHeard = model.sim.now();
        heardAt = model.sim.now();
        idleBroken = false;
    }

    /** The peer has consumed everything below ack: drop it from the resend buffer and send what waited. */
    private void onAck(int ack) {
        while (!unacked.isEmpty() && ahead(ack, unacked.get(0).seq())) {
            unacked.remove(0);
        }
        while (!waiting.isEmpty() && unacked.size() < config().window) {
            Data d = waiting.poll();
            unacked.add(d);
            stats.dataSent++;
            transmit(d, false);
        }
    }

    /** Asks for the missing number, unless a NACK for it is already waiting for its timeout. */
    private void nack() {
        if (pendingNackFor != expected) {
            sendNack();
        }
    }

    private void sendNack() {
        int missing = expected;
        pendingNackFor = missing;
        nacksForExpected++;
        stats.nacksSent++;
        int ack = expected;
        sendControl(2, missing, () -> peer.onNack(missing, ack));
        model.sim.after(config().nackTimeout, () -> {
            if (self.dead || pendingNackFor != missing || expected != missing) {
                return; // filled in the meantime
            }
            if (nacksForExpected > config().maxNack) {
                stats.broken++;
                stats.brokenAt.add(model.sim.now());
                pendingNackFor = -1;
                nacksForExpected = 0;
                resync = true;
                return;
            }
            sendNack();
        });
    }

    /** The peer misses number missing: go back to it and resend from there, with the original numbers. */
    private void onNack(int missing, int ack) {
        if (self.dead) {
            return;
        }
        heard();
        onAck(ack);
        for (Data d : List.copyOf(unacked)) {
            if (!ahead(missing, d.seq())) {
                transmit(d, true);
            }
        }
    }

    // ---------------------------------------------------------------- keepalives

    /**
     * Called periodically: a peer silent past the idle timeout breaks the channel (once per silence); an idle sender
     * tells the peer the next number (a lost tail becomes a visible gap).
     */
    void keepalive() {
        if (self.dead) {
            return;
        }
        if (!idleBroken && model.sim.now() - heardAt > config().idleTimeout) {
            idleBroken = true;
            stats.broken++;
            stats.brokenAt.add(model.sim.now());
            resync = true;
        }
        if (model.sim.now() - lastSent < config().keepalive) {
            return;
        }
        stats.keepalives++;
        int next = nextSeq;
        int ack = expected;
        sendControl(1, next, () -> peer.onKeepalive(next, ack));
    }

    /** A KEEPALIVE (type 1) or NACK (type 2): a header alone, with the current ACK. */
    private void sendControl(int type, int seq, Runnable atPeer) {
        byte[] datagram = HasyncEncoder.transport(type, seq, expected, new byte[0]);
        long frame = model.tap.write(model.sim.now(), self, self.peerDpu, Tap.HASYNC_PORT, Tap.HASYNC_PORT, datagram);
        lastSent = model.sim.now();
        self.out.send(model.tap.arriving(frame, self, self.peerDpu, Tap.HASYNC_PORT, Tap.HASYNC_PORT, datagram,
                atPeer));
    }

    private void onKeepalive(int next, int ack) {
        if (self.dead) {
            return;
        }
        heard();
        onAck(ack);
        if (ahead(next, expected)) {
            stats.gapsSeen++;
            nack();
        }
    }
}
