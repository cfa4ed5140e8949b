package io.hascope.decode;

import static io.hascope.decode.MalformationTest.A;
import static io.hascope.decode.MalformationTest.B;
import static io.hascope.decode.MalformationTest.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.encode.DashEncoder;
import io.hascope.encode.FrameEncoder;
import io.hascope.encode.HasyncEncoder;
import io.hascope.encode.PacketUpdate;
import io.hascope.encode.StateUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both dialects become the same normalized events, so the analysis never knows which one it reads. */
class EventsTest {
    static final long ENI = 0x000d3aaabbccL;
    static final byte[] C = {10, 1, 0, 5};
    static final byte[] S = {10, 2, 0, 9};

    @Test
    void aHasyncCreateAndADashFlowCreateDescribeTheSameConnection() {
        StateUpdate create = new StateUpdate(1, 1, false, 1, 6, ENI, 7, 3, 1000, C, S, 40000, 443);
        byte[] hasync = HasyncEncoder.packet(HasyncEncoder.Flags.REQUEST_QT, 1, 5, new byte[] {9},
                List.of(HasyncEncoder.stateUpdate(create, NONE)));
        Decoded h = Decoded.frame(FrameEncoder.udpFrame(A, B, 7400, 7400, hasync));
        byte[] inner = FrameEncoder.ethernet(FrameEncoder.MAC_A, FrameEncoder.MAC_B, null, 0x0800,
                FrameEncoder.ip(C, S, 6, FrameEncoder.tcp(40000, 443, 1, 0, 0x02, NONE)));
        byte[] dash = DashEncoder.header(3, 1, 1, new DashEncoder.Key(ENI, 7, C, S, 40000, 443, 6),
                new DashEncoder.Data(false, 1, 3, 0, 0, 1000), inner, -1);
        Decoded d = Decoded.frame(FrameEncoder.udpFrame(A, B, 7003, 7000, dash));

        Decoded.Packet hp = h.packets.get(0);
        Decoded.Packet dp = d.packets.get(0);
        assertEquals("HASYNC", hp.dialect());
        assertEquals("DASH", dp.dialect());
        assertEquals("REQUEST", hp.kind());
        assertEquals("REQUEST", dp.kind());
        assertTrue(hp.q() && dp.q(), "DASH requests always expect an ACK");
        assertEquals("192.0.2.1", dp.source());
        Decoded.Message hm = hp.messages().get(0);
        Decoded.Message dm = dp.messages().get(0);
        for (Decoded.Message m : List.of(hm, dm)) {
            assertEquals("STATE", m.type());
            assertEquals(1, m.op(), "CREATE");
            assertEquals("10.1.0.5", m.source());
            assertEquals("10.2.0.9", m.destination());
            assertEquals(40000, m.sourcePort());
            assertEquals(443, m.destinationPort());
            assertEquals(6, m.protocol());
            assertEquals(ENI, m.eni());
            assertEquals(7, m.vnet());
            assertEquals(3, m.version());
        }
        assertEquals(1, hm.state(), "hasync carries SYN_SENT");
        assertEquals(-1, dm.state(), "DASH carries no state");
        assertEquals(0x02, dm.tcpFlags(), "but the carried frame's flags");
    }

    @Test
    void dashAcksAreRepliesAndProbesAreProbes() {
        byte[] ack = DashEncoder.header(3, 2, 3, new DashEncoder.Key(ENI, 7, C, S, 1, 2, 17), null, NONE, -1);
        assertEquals("REPLY", Decoded.frame(FrameEncoder.udpFrame(B, A, 7000, 7003, ack)).packets.get(0).kind());
        byte[] probe = DashEncoder.header(3, 3, 0, null, null, NONE, -1);
        Decoded p = Decoded.frame(FrameEncoder.udpFrame(A, B, 7003, 7000, probe));
        assertEquals("PROBE", p.packets.get(0).kind());
        assertEquals(0, p.packets.get(0).count());
        byte[] regular = DashEncoder.header(1, 0, 1, new DashEncoder.Key(ENI, 7, C, S, 1, 2, 17), null, NONE, -1);
        assertTrue(Decoded.frame(FrameEncoder.ethernet(FrameEncoder.MAC_A, FrameEncoder.MAC_B, null, 0x876d, regular))
                .packets.isEmpty(), "a REGULAR packet is not sync traffic");
    }

    @Test
    void packetUpdateNamesItsConnectionFromTheCarriedFrame() {
        byte[] v6c = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5};
        byte[] v6s = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9};
        byte[] ipFrame = FrameEncoder.ip(v6c, v6s, 6, FrameEncoder.tcp(5555, 80, 1, 1, 0x11, NONE));
        byte[] p = HasyncEncoder.packet(HasyncEncoder.Flags.REQUEST_Q, 1, 1, NONE, List.of(
                HasyncEncoder.packetUpdate(new PacketUpdate(1, false, 2, ipFrame.length, ENI, 7, 9, ipFrame), NONE)));
        Decoded d = Decoded.frame(FrameEncoder.udpFrame(A, B, 7400, 7400, p));
        Decoded.Message m = d.packets.get(0).messages().get(0);
        assertEquals("PACKET", m.type());
        assertEquals("2001:db8:1::5", m.source());
        assertEquals(80, m.destinationPort());
        assertEquals(0x11, m.tcpFlags());
        assertEquals("17", d.field("hasync.pkt.tcp_flags"));
    }

    @Test
    void truncatedRepliesKeepHeadersAndOpaquesButNoBodies() {
        StateUpdate s = new StateUpdate(3, 6, false, 1, 6, ENI, 7, 4, 0, C, S, 40000, 443);
        byte[] request = HasyncEncoder.packet(HasyncEncoder.Flags.REQUEST_QT, 1, 1, new byte[] {1, 2},
                List.of(HasyncEncoder.stateUpdate(s, new byte[] {5}), HasyncEncoder.stateUpdate(s, new byte[] {6})));
        Decoded d = Decoded.frame(FrameEncoder.udpFrame(B, A, 7400, 7400, HasyncEncoder.reply(request, true)));
        Decoded.Packet p = d.packets.get(0);
        assertEquals("REPLY", p.kind());
        assertTrue(p.x());
        assertEquals(2, p.messages().size());
        assertFalse(p.messages().get(0).bodyPresent());
        assertEquals(32, p.messages().get(0).bodyLength());
        assertEquals("05,06", d.field("hasync.msg.opaque"));
        assertEquals("", d.field("hasync.state.op"));
        assertEquals(List.of(), d.expertKinds());
    }

    @Test
    void transportEventsCarryTheirNumbers() {
        Decoded d = Decoded.frame(FrameEncoder.udpFrame(A, B, 7400, 7400, HasyncEncoder.transport(2, 0xfffffe, 17, NONE)));
        assertEquals(List.of(new Decoded.Transport(2, 0xfffffe, 17)), d.transports);
        assertEquals("16777214", d.field("rudp.seq"));
    }
}
