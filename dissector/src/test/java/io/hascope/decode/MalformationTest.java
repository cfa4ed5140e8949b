package io.hascope.decode;

import static io.hascope.encode.HasyncEncoder.Flags.REQUEST;
import static io.hascope.encode.HasyncEncoder.Flags.REQUEST_QT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.capture.Frame;
import io.hascope.capture.LinkType;
import io.hascope.encode.DashEncoder;
import io.hascope.encode.FrameEncoder;
import io.hascope.encode.HasyncEncoder;
import io.hascope.encode.StateUpdate;
import io.hascope.field.ExpertKind;
import io.hascope.field.Severity;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spec §6: a malformed packet is decoded as far as it goes, each problem is a distinct named finding with a
 * severity and the offset where it was found, and the dissector moves on.
 */
class MalformationTest {
    static final byte[] A = {(byte) 192, 0, 2, 1};
    static final byte[] B = {(byte) 192, 0, 2, 2};
    /** Ethernet 14 + IPv4 20 + UDP 8: where the UDP payload starts in these frames. */
    static final int PAYLOAD = 42;
    static final byte[] NONE = new byte[0];

    static StateUpdate conn(int sport) {
        return new StateUpdate(1, 1, false, 1, 6, 0x000d3aaabbccL, 4, 1, 5000, new byte[] {10, 0, 0, 1},
                new byte[] {10, 0, 0, 2}, sport, 443);
    }

    static byte[] udp(byte[] payload) {
        return FrameEncoder.udpFrame(A, B, 7400, 7400, payload);
    }

    static byte[] goodRequest() {
        return HasyncEncoder.packet(REQUEST_QT, 1, 2, new byte[] {0, 1}, List.of(
                HasyncEncoder.stateUpdate(conn(1000), new byte[] {1}),
                HasyncEncoder.stateUpdate(conn(1001), new byte[] {2})));
    }

    @Test
    void wellFormedRequestHasNoFindings() {
        Decoded d = Decoded.frame(udp(goodRequest()));
        assertEquals(List.of(), d.expertKinds());
        assertEquals(0, d.tree.worstSeverity());
        assertFalse(d.packets.get(0).malformed());
    }

    @Test
    void packetOpaqueRunningPastTheDatagram() {
        byte[] p = goodRequest();
        p[4] = (byte) 200; // opaque length far beyond the datagram
        Decoded d = Decoded.frame(udp(p));
        assertEquals(List.of((long) PAYLOAD + 8), d.offsets(ExpertKind.HASYNC_OPAQUE_OVERRUN));
        assertEquals("2", d.field("hasync.msg_count"), "the header is still decoded");
        assertTrue(d.packets.get(0).malformed());
    }

    @Test
    void messageBodyRunningPastTheDatagram() {
        byte[] p = goodRequest();
        byte[] cut = Arrays.copyOf(p, p.length - 12); // second body loses 12 of its 32 bytes
        Decoded d = Decoded.frame(udp(cut));
        int secondBody = PAYLOAD + 8 + 2 + (4 + 1 + 32) + 4 + 1;
        assertEquals(List.of((long) secondBody), d.offsets(ExpertKind.HASYNC_MSG_OVERRUN));
        assertEquals(Severity.ERROR, ExpertKind.HASYNC_MSG_OVERRUN.severity());
        assertEquals("1000", d.field("hasync.state.srcport"), "the first message is intact");
        assertEquals(1, d.packets.get(0).messages().size());
    }

    @Test
    void messageHeaderRunningPastTheDatagram() {
        byte[] p = goodRequest();
        byte[] cut = Arrays.copyOf(p, p.length - 35); // 2 bytes of the second message header remain
        Decoded d = Decoded.frame(udp(cut));
        assertTrue(d.has(ExpertKind.HASYNC_MSG_HEADER_OVERRUN), d.expertKinds().toString());
    }

    @Test
    void countPromisingMoreMessagesThanPresent() {
        byte[] p = HasyncEncoder.packet(REQUEST, 1, 2, NONE, List.of(HasyncEncoder.stateUpdate(conn(1), NONE)), 3);
        Decoded d = Decoded.frame(udp(p));
        assertEquals(List.of((long) PAYLOAD + 2), d.offsets(ExpertKind.HASYNC_COUNT_MISMATCH));
        assertEquals(1, d.packets.get(0).messages().size());
        assertEquals(3, d.packets.get(0).count());
    }

    @Test
    void bytesAfterTheCountedMessages() {
        byte[] p = HasyncEncoder.packet(REQUEST, 1, 2, NONE, List.of(HasyncEncoder.stateUpdate(conn(1), NONE),
                HasyncEncoder.stateUpdate(conn(2), NONE)), 1);
        Decoded d = Decoded.frame(udp(p));
        assertEquals(List.of((long) PAYLOAD + 8 + 36), d.offsets(ExpertKind.HASYNC_TRAILING_BYTES));
        assertEquals(Severity.WARN, ExpertKind.HASYNC_TRAILING_BYTES.severity());
    }

    @Test
    void unknownMessageTypeIsSkippedByItsLengthsAndTheNextOneDecodes() {
        byte[] p = HasyncEncoder.packet(REQUEST, 1, 2, NONE, List.of(
                HasyncEncoder.message(9, new byte[] {7}, new byte[] {1, 2, 3, 4, 5}),
                HasyncEncoder.stateUpdate(conn(2222), NONE)));
        Decoded d = Decoded.frame(udp(p));
        assertEquals(List.of((long) PAYLOAD + 8), d.offsets(ExpertKind.HASYNC_UNKNOWN_MSG_TYPE));
        assertEquals("2222", d.field("hasync.state.srcport"));
        assertEquals("0102030405", d.field("hasync.msg.body"));
        assertEquals(List.of("UNKNOWN", "STATE"), d.packets.get(0).messages().stream().map(Decoded.Message::type).toList());
    }

    @Test
    void reservedBitsAreWarningsAndNeverStopDecoding() {
        byte[] p = goodRequest();
        p[0] = 0x13; // reserved nibble of byte 0
        p[1] |= 0x02; // reserved nibble of the flags
        Decoded d = Decoded.frame(udp(p));
        assertEquals(List.of((long) PAYLOAD), d.offsets(ExpertKind.HASYNC_RESERVED_BITS));
        assertEquals(Severity.WARN, ExpertKind.HASYNC_RESERVED_BITS.severity());
        assertEquals("1000,1001", d.field("hasync.state.srcport"));

        byte[] q = goodRequest();
        q[8 + 2 + 4 + 1 + 2] |= (byte) 0x80; // flags byte of the first STATE_UPDATE
        Decoded e = Decoded.frame(udp(q));
        assertEquals(List.of((long) PAYLOAD + 8 + 2 + 4 + 1 + 2), e.offsets(ExpertKind.HASYNC_RESERVED_BITS));

        byte[] t = HasyncEncoder.transport(0, 5, 4, goodRequest());
        t[4] = 1;
        Decoded f = Decoded.frame(udp(t));
        assertEquals(List.of((long) PAYLOAD + 4), f.offsets(ExpertKind.RUDP_RESERVED_BITS));
        assertEquals("2", f.field("hasync.msg_count"));
    }

    @Test
    void bodiesShorterThanTheirLayout() {
        byte[] shortState = HasyncEncoder.message(1, NONE, Arrays.copyOf(HasyncEncoder.stateBody(conn(1)), 20));
        Decoded d = Decoded.frame(udp(HasyncEncoder.packet(REQUEST, 1, 2, NONE, List.of(shortState))));
        assertEquals(List.of((long) PAYLOAD + 8 + 4), d.offsets(ExpertKind.HASYNC_SHORT_BODY));
        assertFalse(d.packets.get(0).messages().get(0).hasConnection());

        byte[] v6flagInV4Body = HasyncEncoder.stateBody(conn(1));
        v6flagInV4Body[2] |= 1; // claims IPv6 addresses in a 32-byte body
        Decoded e = Decoded.frame(udp(HasyncEncoder.packet(REQUEST, 1, 2, NONE,
                List.of(HasyncEncoder.message(1, NONE, v6flagInV4Body)))));
        assertTrue(e.has(ExpertKind.HASYNC_SHORT_BODY));

        Decoded c = Decoded.frame(udp(HasyncEncoder.packet(REQUEST, 1, 2, NONE,
                List.of(HasyncEncoder.message(3, NONE, new byte[] {0, 1, 0, 0})))));
        assertTrue(c.has(ExpertKind.HASYNC_SHORT_BODY), "CAPABILITIES needs 8 bytes");
    }

    @Test
    void longerBodiesAreExtensionsShownAndSkipped() {
        byte[] body = Arrays.copyOf(HasyncEncoder.stateBody(conn(1)), 40);
        Decoded d = Decoded.frame(udp(HasyncEncoder.packet(REQUEST, 1, 2, NONE,
                List.of(HasyncEncoder.message(1, NONE, body), HasyncEncoder.stateUpdate(conn(2), NONE)))));
        assertEquals(List.of((long) PAYLOAD + 8 + 4 + 32), d.offsets(ExpertKind.HASYNC_BODY_EXTENSION));
        assertEquals(Severity.NOTE, ExpertKind.HASYNC_BODY_EXTENSION.severity());
        assertEquals("1,2", d.field("hasync.state.srcport"));
    }

    @Test
    void undefinedValuesAreFlagged() {
        byte[] body = HasyncEncoder.stateBody(conn(1));
        body[0] = 9; // op
        Decoded d = Decoded.frame(udp(HasyncEncoder.packet(REQUEST, 7, 2, NONE,
                List.of(HasyncEncoder.message(1, NONE, body)))));
        assertEquals(List.of((long) PAYLOAD + 5, (long) PAYLOAD + 8 + 4), d.offsets(ExpertKind.HASYNC_UNKNOWN_VALUE),
                "role 7 and op 9");
    }

    @Test
    void garbageOnTheHasyncPort() {
        Decoded d = Decoded.frame(udp("GET / HTTP/1.1\r\n".getBytes()));
        assertEquals(List.of((long) PAYLOAD), d.offsets(ExpertKind.HASYNC_NOT_HASYNC));
        assertTrue(d.packets.isEmpty(), "no sync event from garbage");
    }

    @Test
    void emptyDatagramsOnHaPorts() {
        Decoded d = Decoded.frame(udp(NONE));
        assertTrue(d.has(ExpertKind.UDP_EMPTY));
        Decoded e = Decoded.frame(FrameEncoder.udpFrame(A, B, 7005, 7000, NONE));
        assertTrue(e.has(ExpertKind.UDP_EMPTY));
        Decoded other = Decoded.frame(FrameEncoder.udpFrame(A, B, 5000, 5001, NONE));
        assertEquals(List.of(), other.expertKinds(), "an empty datagram elsewhere is nobody's business");
    }

    @Test
    void transportPacketsThatCarryTheWrongThing() {
        Decoded keepalive = Decoded.frame(udp(HasyncEncoder.transport(1, 3, 3, new byte[] {1, 2})));
        assertEquals(List.of((long) PAYLOAD + 8), keepalive.offsets(ExpertKind.RUDP_UNEXPECTED_PAYLOAD));
        Decoded data = Decoded.frame(udp(HasyncEncoder.transport(0, 3, 3, NONE)));
        assertTrue(data.has(ExpertKind.RUDP_NO_DATA));
        assertEquals(1, data.transports.size(), "the transport event is still emitted");
    }

    @Test
    void truncatedFlagOnARequest() {
        byte[] p = goodRequest();
        p[1] |= 0x10;
        Decoded d = Decoded.frame(udp(p));
        assertTrue(d.has(ExpertKind.HASYNC_TRUNCATED_REQUEST));
        assertEquals("1000,1001", d.field("hasync.state.srcport"), "bodies are still read: it is not a reply");
    }

    static byte[] dash(int lengthOverride) {
        byte[] inner = FrameEncoder.ethernet(FrameEncoder.MAC_A, FrameEncoder.MAC_B, null, 0x0800,
                FrameEncoder.ip(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2}, 6,
                        FrameEncoder.tcp(1, 2, 0, 0, 0x02, NONE)));
        byte[] header = DashEncoder.header(3, 1, 1, new DashEncoder.Key(0x000d3aaabbccL, 4, new byte[] {10, 0, 0, 1},
                new byte[] {10, 0, 0, 2}, 1, 2, 6), new DashEncoder.Data(false, 1, 3, 0, 0, 1000), inner, lengthOverride);
        return FrameEncoder.ethernet(FrameEncoder.MAC_B, FrameEncoder.MAC_A, null, 0x876d, header);
    }

    @Test
    void dashLengthBelowItsKey() {
        Decoded d = Decoded.frame(dash(30));
        assertEquals(List.of(14L + 2), d.offsets(ExpertKind.DASH_LENGTH_BELOW_KEY));
        assertEquals("1", d.field("dashmeta.type"));
    }

    @Test
    void dashLengthRunningPastTheFrameOrDisagreeingWithTrailers() {
        byte[] frame = dash(-1);
        byte[] cut = Arrays.copyOf(frame, 14 + 60); // the header says 69 bytes
        Decoded d = Decoded.frame(cut);
        assertEquals(List.of(14L + 2), d.offsets(ExpertKind.DASH_LENGTH_OVERRUN));
        assertEquals("10.0.0.1", d.field("dashmeta.key.src"), "the key is still decoded");

        Decoded m = Decoded.frame(dash(60));
        assertEquals(List.of(14L + 50), m.offsets(ExpertKind.DASH_LENGTH_MISMATCH));
        assertEquals(Severity.WARN, ExpertKind.DASH_LENGTH_MISMATCH.severity());
    }

    @Test
    void dashGarbageOnTheDpChannelPort() {
        Decoded d = Decoded.frame(FrameEncoder.udpFrame(A, B, 7005, 7000, new byte[] {(byte) 0xff, (byte) 0xff, 0x7f, 0x7f, 0}));
        assertTrue(d.has(ExpertKind.DASH_NOT_DASH), d.expertKinds().toString());
    }

    @Test
    void frameCutByTheSnaplenIsOneFindingNotAnOverrun() {
        byte[] whole = udp(goodRequest());
        Frame f = new Frame().set(ByteBuffer.wrap(whole), 0, 80, whole.length, 0, LinkType.ETHERNET, 1);
        Decoded d = Decoded.frame(f, DissectorConfig.defaults());
        assertEquals(List.of("frame.snaplen_cut"), d.expertKinds());
        assertEquals("2", d.field("hasync.msg_count"));
        assertEquals(String.valueOf(whole.length), d.field("frame.len"));
        assertEquals("80", d.field("frame.cap_len"));
    }

    @Test
    void aFrameTooShortForItsEthernetHeader() {
        Decoded d = Decoded.frame(new byte[] {1, 2, 3, 4, 5});
        assertEquals(List.of(0L), d.offsets(ExpertKind.LINK_SHORT));
    }

    @Test
    void ipHeadersThatLie() {
        byte[] f = udp(goodRequest());
        f[14 + 2] = (byte) 0x7f; // IPv4 total length far beyond the frame
        assertTrue(Decoded.frame(f).has(ExpertKind.IP_LENGTH_OVERRUN));
        byte[] g = udp(goodRequest());
        g[14] = 0x43; // header length 12
        assertTrue(Decoded.frame(g).has(ExpertKind.IP_BAD_HEADER_LENGTH));
        byte[] h = udp(goodRequest());
        h[14] = 0x75; // version 7
        assertTrue(Decoded.frame(h).has(ExpertKind.IP_BAD_VERSION));
        byte[] u = udp(goodRequest());
        u[14 + 20 + 4] = 0;
        u[14 + 20 + 5] = 4; // UDP length 4
        assertTrue(Decoded.frame(u).has(ExpertKind.UDP_BAD_LENGTH));
    }
}
