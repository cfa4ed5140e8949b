package io.hascope.decode;

import static io.hascope.decode.MalformationTest.A;
import static io.hascope.decode.MalformationTest.B;
import static io.hascope.decode.MalformationTest.goodRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.capture.LinkType;
import io.hascope.encode.FrameEncoder;
import io.hascope.encode.HasyncEncoder;
import io.hascope.field.HasyncFields;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every link type and outer layer of spec §1, port dispatch, and the heuristics of §6. */
class LayersTest {
    static final byte[] A6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static final byte[] B6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};

    static byte[] ipUdp(byte[] payload) {
        return FrameEncoder.ip(A, B, 17, FrameEncoder.udp(7400, 7400, payload));
    }

    private static void assertHasync(Decoded d) {
        assertEquals("1000,1001", d.field("hasync.state.srcport"), d.expertKinds().toString());
        assertEquals(List.of(), d.expertKinds());
        assertEquals(1, d.packets.size());
    }

    @Test
    void qinqTaggedEthernet() {
        byte[] f = FrameEncoder.ethernet(FrameEncoder.MAC_B, FrameEncoder.MAC_A, new int[] {100, 200}, 0x0800,
                ipUdp(goodRequest()));
        Decoded d = Decoded.frame(f);
        assertHasync(d);
        assertEquals("100,200", d.field("vlan.id"));
        assertEquals("34984", d.field("eth.type"), "outer tag is 802.1ad");
    }

    @Test
    void linuxCookedV1AndV2() {
        byte[] ip = ipUdp(goodRequest());
        byte[] sll = FrameEncoder.sll(4, 1, FrameEncoder.MAC_A, 0x0800, ip);
        Decoded d = Decoded.frame(sll, LinkType.LINUX_SLL);
        assertHasync(d);
        assertEquals("4", d.field("sll.pkttype"));
        assertEquals("02000000000a", d.field("sll.src"));

        byte[] sll2 = FrameEncoder.sll2(0x0800, 3, 1, 0, FrameEncoder.MAC_A, ip);
        Decoded e = Decoded.frame(sll2, LinkType.LINUX_SLL2);
        assertHasync(e);
        assertEquals("3", e.field("sll.ifindex"));
    }

    @Test
    void rawIpLinkTypes() {
        assertHasync(Decoded.frame(ipUdp(goodRequest()), LinkType.RAW));
        assertHasync(Decoded.frame(ipUdp(goodRequest()), LinkType.IPV4));
        byte[] v6 = FrameEncoder.ip(A6, B6, 17, FrameEncoder.udp(7400, 7400, goodRequest()));
        Decoded d = Decoded.frame(v6, LinkType.IPV6);
        assertHasync(d);
        assertEquals("2001:db8::1", d.field("ip.src"));
        assertEquals("6", d.field("ip.version"));
    }

    @Test
    void bsdLoopbackInEitherByteOrderAndOpenBsdLoop() {
        byte[] ip = ipUdp(goodRequest());
        Decoded d = Decoded.frame(FrameEncoder.loopback(2, ByteOrder.LITTLE_ENDIAN, ip), LinkType.NULL);
        assertHasync(d);
        assertEquals("2", d.field("null.family"));
        assertHasync(Decoded.frame(FrameEncoder.loopback(2, ByteOrder.BIG_ENDIAN, ip), LinkType.NULL));
        byte[] v6 = FrameEncoder.ip(A6, B6, 17, FrameEncoder.udp(7400, 7400, goodRequest()));
        assertHasync(Decoded.frame(FrameEncoder.loopback(24, ByteOrder.BIG_ENDIAN, v6), LinkType.LOOP));
    }

    @Test
    void ipv4OptionsAndIpv6ExtensionHeaders() {
        byte[] withOptions = FrameEncoder.ipv4(A, B, 17, FrameEncoder.udp(7400, 7400, goodRequest()),
                new byte[] {(byte) 0x94, 4, 0, 0});
        Decoded d = Decoded.frame(withOptions, LinkType.RAW);
        assertHasync(d);
        assertEquals("24", d.field("ip.hdr_len"));
        assertEquals("94040000", d.field("ip.options"));

        byte[] ext = FrameEncoder.ipv6(A6, B6, 17, FrameEncoder.udp(7400, 7400, goodRequest()), 2);
        Decoded e = Decoded.frame(ext, LinkType.RAW);
        assertHasync(e);
        assertEquals("17", e.field("ip.proto"), "the upper layer after the extension headers");
        assertEquals("60", e.field("ipv6.nxt"));
        assertEquals("8,8", e.field("ipv6.ext.len"));
    }

    @Test
    void portDispatchIsConfigurableAndHeuristicsCanBeTurnedOff() {
        byte[] f = FrameEncoder.udpFrame(A, B, 9100, 9200, goodRequest());
        assertHasync(Decoded.frame(f), "heuristics find hasync on another port");
        Decoded off = Decoded.frame(f, LinkType.ETHERNET, new DissectorConfig(List.of(7400), List.of(7000), false));
        assertFalse(off.hasField(HasyncFields.HASYNC));
        Decoded configured = Decoded.frame(f, LinkType.ETHERNET, new DissectorConfig(List.of(9200), List.of(7000), false));
        assertHasync(configured);
    }

    private static void assertHasync(Decoded d, String why) {
        assertTrue(d.hasField(HasyncFields.HASYNC), why);
        assertHasync(d);
    }

    @Test
    void heuristicsFindTransportAndDashButLeaveOtherTrafficAlone() {
        byte[] keepalive = FrameEncoder.udpFrame(A, B, 9100, 9200, HasyncEncoder.transport(1, 4, 4, new byte[0]));
        assertEquals("1", Decoded.frame(keepalive).field("rudp.type"));
        byte[] data = FrameEncoder.udpFrame(A, B, 9100, 9200, HasyncEncoder.transport(0, 4, 4, goodRequest()));
        assertEquals("2", Decoded.frame(data).field("hasync.msg_count"));
        byte[] dash = MalformationTest.dash(-1);
        byte[] dashOnUdp = FrameEncoder.udpFrame(A, B, 9100, 9200, java.util.Arrays.copyOfRange(dash, 14, dash.length));
        assertEquals("1", Decoded.frame(dashOnUdp).field("dashmeta.subtype"));
        byte[] dns = FrameEncoder.udpFrame(A, B, 5353, 53, new byte[] {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0});
        Decoded d = Decoded.frame(dns);
        assertFalse(d.hasField(HasyncFields.HASYNC));
        assertEquals(List.of(), d.expertKinds());
        assertTrue(d.packets.isEmpty());
    }

    @Test
    void unknownLinkTypesStillListTheirFrameFields() {
        Decoded d = Decoded.frame(new byte[] {1, 2, 3}, 147);
        assertEquals("3", d.field("frame.len"));
        assertEquals("147", d.field("frame.link_type"));
        assertEquals("link type 147", Columns.protocol(d.tree));
    }
}
