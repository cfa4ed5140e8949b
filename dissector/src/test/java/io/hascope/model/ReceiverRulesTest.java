package io.hascope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.encode.HasyncEncoder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec §4, one rule at a time: a receiver (DPU B) fed hand-made requests from DPU A. */
class ReceiverRulesTest {
    final Model model = unstarted();
    final Dpu a = model.dpus[0];
    final Dpu b = model.dpus[1];
    final Flow flow = new Flow(1, new ConnKey(1, 2, 6, false, 0, 0x0a000001L, 0, 0x0a000002L, 1000, 443), a,
            Flow.TCP_FIN, 1);
    final Flow other = new Flow(2, new ConnKey(1, 2, 6, false, 0, 0x0a000003L, 0, 0x0a000002L, 1001, 443), a,
            Flow.TCP_FIN, 1);

    private static Model unstarted() {
        try {
            return Model.unstarted(new ModelConfig());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private Msg update(Flow f, int op, int state, long version) {
        return new Msg(Msg.STATE_UPDATE, f, op, state, version, new byte[0], new byte[0], 0, 0);
    }

    private Msg mark(int phase, long round, long count) {
        Msg m = new Msg(Msg.SNAPSHOT_MARK, null, 0, 0, 0, new byte[0], new byte[0], phase, round);
        m.snapshotCount = count;
        return m;
    }

    private void deliver(boolean q, Msg... messages) {
        byte[] bytes = HasyncEncoder.packet(new HasyncEncoder.Flags(false, q, true, false), 1, 1, new byte[] {1},
                List.of(HasyncEncoder.message(1, new byte[0], new byte[32])));
        b.receive(new Request(1, a, q, true, List.of(messages), bytes));
    }

    @Test
    void createInstallsAndUpdateOverwritesButAnOlderVersionIsIgnored() {
        deliver(false, update(flow, Dpu.OP_CREATE, ConnState.SYN_SENT, 1));
        assertEquals(ConnState.SYN_SENT, b.peer.get(flow.key).state);
        deliver(false, update(flow, Dpu.OP_UPDATE, ConnState.ESTABLISHED, 3));
        assertEquals(3, b.peer.get(flow.key).version);
        deliver(false, update(flow, Dpu.OP_UPDATE, ConnState.SYN_RECEIVED, 2));
        assertEquals(ConnState.ESTABLISHED, b.peer.get(flow.key).state, "version 2 arrived late: ignored");
        deliver(false, update(flow, Dpu.OP_REFRESH, ConnState.ESTABLISHED, 3));
        assertEquals(3, b.peer.get(flow.key).version, "an equal version overwrites (nothing changes)");
    }

    @Test
    void deleteRemovesWhenPresentAndIsHarmlessWhenNot() {
        deliver(false, update(flow, Dpu.OP_CREATE, ConnState.SYN_SENT, 1), update(flow, Dpu.OP_DELETE, ConnState.RESET, 2));
        assertNull(b.peer.get(flow.key));
        deliver(false, update(other, Dpu.OP_DELETE, ConnState.CLOSED, 5));
        assertTrue(b.peer.isEmpty());
    }

    @Test
    void aCompleteSnapshotRoundDropsWhatItOmittedAnIncompleteOneDropsNothing() {
        deliver(false, update(flow, Dpu.OP_CREATE, ConnState.ESTABLISHED, 1), update(other, Dpu.OP_CREATE, ConnState.ESTABLISHED, 1));
        deliver(false, mark(1, 7, 0), update(flow, Dpu.OP_REFRESH, ConnState.ESTABLISHED, 1), mark(2, 7, 2));
        assertEquals(2, b.peer.size(), "END says 2 were sent, 1 arrived: incomplete, nothing is stale");
        deliver(false, mark(1, 8, 0), update(flow, Dpu.OP_REFRESH, ConnState.ESTABLISHED, 1), mark(2, 8, 1));
        assertTrue(b.peer.containsKey(flow.key));
        assertFalse(b.peer.containsKey(other.key), "a complete round omitted it: stale, dropped");
    }

    @Test
    void repliesAreSentOnlyWhenAskedAndTruncatedWhenAllowed() {
        Request asked = new Request(1, a, true, true, List.of(update(flow, Dpu.OP_CREATE, ConnState.SYN_SENT, 1)),
                HasyncEncoder.packet(HasyncEncoder.Flags.REQUEST_QT, 1, 1, new byte[] {9},
                        List.of(HasyncEncoder.message(1, new byte[] {4}, new byte[32]))));
        b.receive(asked);
        assertEquals(1, asked.replyFrames.size());
        Request silent = new Request(2, a, false, false, List.of(update(other, Dpu.OP_CREATE, ConnState.SYN_SENT, 1)),
                HasyncEncoder.packet(HasyncEncoder.Flags.REQUEST, 1, 1, new byte[0], List.of()));
        b.receive(silent);
        assertEquals(0, silent.replyFrames.size(), "no Q, no reply");
        byte[] reply = HasyncEncoder.reply(asked.bytes, true);
        assertEquals(8 + 1 + 4 + 1, reply.length, "truncated: header, opaque, message header and opaque only");
        assertEquals(0x90, reply[1] & 0x90, "R and X set");
    }

    /** A PACKET_UPDATE carrying a segment with these flags; the sender's own state for it is senderState. */
    private Msg packet(Flow f, int flags, int senderState, long version) {
        Msg m = new Msg(Msg.PACKET_UPDATE, f, 0, senderState, version, new byte[0], new byte[0], 0, 0);
        m.tcpFlags = flags;
        return m;
    }

    @Test
    void aPacketUpdateAppliesTheStateItsSegmentImpliesForTheCopyNotTheSendersState() {
        // §4: "PACKET_UPDATE applies the state that the frame implies". B's copy missed the first FIN (v4): the second
        // FIN (v5; CLOSING on the owner) is the first B sees, so B's copy is FIN_WAIT; its resend at v5 changes nothing
        deliver(false, packet(flow, 0x02, ConnState.SYN_SENT, 1), packet(flow, 0x12, ConnState.SYN_RECEIVED, 2),
                packet(flow, 0x10, ConnState.ESTABLISHED, 3));
        assertEquals(ConnState.ESTABLISHED, b.peer.get(flow.key).state);
        deliver(false, packet(flow, 0x11, ConnState.CLOSING, 5));
        assertEquals(ConnState.FIN_WAIT, b.peer.get(flow.key).state, "the first FIN B has seen");
        deliver(false, packet(flow, 0x11, ConnState.CLOSING, 5));
        assertEquals(ConnState.FIN_WAIT, b.peer.get(flow.key).state, "the same change again");
        deliver(false, packet(flow, 0x11, ConnState.CLOSING, 6));
        assertEquals(ConnState.CLOSING, b.peer.get(flow.key).state, "a FIN after one: both ends have closed");
        deliver(false, packet(flow, 0x10, ConnState.CLOSED, 7));
        assertNull(b.peer.get(flow.key), "the last ACK closes it");
        deliver(false, packet(other, 0x10, ConnState.ESTABLISHED, 3));
        assertEquals(ConnState.ESTABLISHED, b.peer.get(other.key).state, "a copy that missed the handshake");
        deliver(false, packet(other, 0x04, ConnState.RESET, 4));
        assertNull(b.peer.get(other.key), "RST");
    }

    @Test
    void theTruthDatesACloseByTheFirstFrameThatShowsItAsOne() {
        // packet mode: the owner's final ACK closes the connection only after both FINs went out; the truth's
        // close_frame is the frame that shows the close, and none when the frames never do (the second FIN was lost
        // before it was sent: its update never left)
        flow.closedVersion = 6;
        Dpu.shownOnTheWire(packet(flow, 0x10, ConnState.ESTABLISHED, 3), 10);
        Dpu.shownOnTheWire(packet(flow, 0x11, ConnState.FIN_WAIT, 4), 11);
        Dpu.shownOnTheWire(packet(flow, 0x11, ConnState.FIN_WAIT, 4), 12); // sent again
        Dpu.shownOnTheWire(packet(flow, 0x11, ConnState.CLOSING, 5), 13);
        Dpu.shownOnTheWire(packet(flow, 0x10, ConnState.CLOSED, 6), 14);
        assertEquals(14, flow.closeFrame);

        other.closedVersion = 5;
        Dpu.shownOnTheWire(packet(other, 0x10, ConnState.ESTABLISHED, 3), 20);
        Dpu.shownOnTheWire(packet(other, 0x11, ConnState.FIN_WAIT, 4), 21);
        Dpu.shownOnTheWire(packet(other, 0x10, ConnState.CLOSED, 5), 22);
        assertEquals(-1, other.closeFrame, "on the wire it is FIN_WAIT still");
        Dpu.shownOnTheWire(update(other, Dpu.OP_DELETE, ConnState.CLOSED, 5), 23);
        assertEquals(23, other.closeFrame, "a DELETE shows it");
    }
}
