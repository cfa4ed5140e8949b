package io.hascope.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hascope.encode.DashEncoder;
import io.hascope.encode.FrameEncoder;
import io.hascope.encode.HasyncEncoder;
import io.hascope.encode.PacketUpdate;
import io.hascope.encode.StateUpdate;
import io.hascope.text.AddressText;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any valid packet the encoders build decodes back to the same values, in the tree and in the events. */
class RoundTripProperties {

    @Provide
    Arbitrary<byte[]> addresses4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4);
    }

    @Provide
    Arbitrary<StateUpdate> stateUpdates() {
        Arbitrary<Boolean> v6 = Arbitraries.of(true, false);
        return v6.flatMap(ipv6 -> {
            Arbitrary<byte[]> addr = Arbitraries.bytes().array(byte[].class).ofSize(ipv6 ? 16 : 4);
            return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(0, 8),
                    Arbitraries.of(true, false), Arbitraries.integers().between(0, 2),
                    Arbitraries.integers().between(0, 255), Arbitraries.longs().between(0, (1L << 48) - 1),
                    Arbitraries.integers().between(0, 65535), Arbitraries.longs().between(0, 0xffffffffL))
                    .flatAs((op, state, uni, dir, proto, eni, vnet, version) -> Combinators.combine(
                            Arbitraries.longs().between(0, 0xffffffffL), addr, addr,
                            Arbitraries.integers().between(0, 65535), Arbitraries.integers().between(0, 65535))
                            .as((idle, src, dst, sp, dp) -> new StateUpdate(op, state, uni, dir, proto, eni, vnet,
                                    version, idle, src, dst, sp, dp)));
        });
    }

    @Provide
    Arbitrary<byte[]> opaques() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(255);
    }

    @Property(tries = 300)
    void stateUpdatesSurviveTheRoundTrip(@ForAll @net.jqwik.api.constraints.Size(min = 1, max = 60) List<@net.jqwik.api.From("stateUpdates") StateUpdate> updates,
                                          @ForAll("opaques") byte[] packetOpaque,
                                          @ForAll boolean q, @ForAll boolean t, @ForAll boolean rudp, @ForAll boolean ipv6Outer,
                                          @ForAll("role") int role, @ForAll("u16") int term) {
        if (updates.isEmpty() || updates.size() > 60) {
            return;
        }
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < updates.size(); i++) {
            messages.add(HasyncEncoder.stateUpdate(updates.get(i), new byte[] {(byte) i, (byte) (i * 7)}));
        }
        byte[] packet = HasyncEncoder.packet(new HasyncEncoder.Flags(false, q, t, false), role, term, packetOpaque,
                messages);
        byte[] payload = rudp ? HasyncEncoder.transport(0, 12345, 678, packet) : packet;
        byte[] src = ipv6Outer ? LayersTest.A6 : MalformationTest.A;
        byte[] dst = ipv6Outer ? LayersTest.B6 : MalformationTest.B;
        Decoded d = Decoded.frame(FrameEncoder.udpFrame(src, dst, 7400, 7400, payload));

        assertEquals(List.of(), d.expertKinds());
        Decoded.Packet p = d.packets.get(0);
        assertFalse(p.malformed());
        assertEquals(q, p.q());
        assertEquals(t, p.t());
        assertEquals(role, p.role());
        assertEquals(term, p.term());
        assertEquals(rudp, p.transport());
        assertEquals(updates.size(), p.count());
        assertEquals(hex(packetOpaque), d.field("hasync.opaque"));
        for (int i = 0; i < updates.size(); i++) {
            StateUpdate u = updates.get(i);
            Decoded.Message m = p.messages().get(i);
            assertEquals(u.op(), m.op());
            assertEquals(u.state(), m.state());
            assertEquals(u.protocol(), m.protocol());
            assertEquals(u.eni(), m.eni());
            assertEquals(u.vnet(), m.vnet());
            assertEquals(u.version(), m.version());
            assertEquals(AddressText.of(u.source()), m.source());
            assertEquals(AddressText.of(u.destination()), m.destination());
            assertEquals(u.sourcePort(), m.sourcePort());
            assertEquals(u.destinationPort(), m.destinationPort());
        }
        assertEquals(join(updates, u -> Long.toString(u.idleTimeoutMs())), d.field("hasync.state.idle_timeout"));
        assertEquals(join(updates, u -> u.unidirectional() ? "1" : "0"), d.field("hasync.state.unidirectional"));
        assertEquals(join(updates, u -> Integer.toString(u.direction())), d.field("hasync.state.direction"));
        assertEquals(join(updates, u -> u.ipv6() ? "1" : "0"), d.field("hasync.state.ipv6"));
    }

    @Property(tries = 200)
    void otherMessageTypesAndTruncatedRepliesSurviveTheRoundTrip(@ForAll("u16") int maxMessages, @ForAll("u16") int maxBytes,
                                                                @ForAll boolean truncates, @ForAll boolean packetUpdates,
                                                                @ForAll("phase") int phase, @ForAll("u32") long round,
                                                                @ForAll("u32") long count, @ForAll("addresses4") byte[] c,
                                                                @ForAll("u16") int port, @ForAll("tcpFlags") int flags,
                                                                @ForAll boolean truncating) {
        if (maxMessages == 0) {
            return;
        }
        byte[] customer = FrameEncoder.ethernet(FrameEncoder.MAC_A, FrameEncoder.MAC_B, null, 0x0800,
                FrameEncoder.ip(c, MalformationTest.B, 6, FrameEncoder.tcp(port, 443, 1, 2, flags, new byte[0])));
        byte[] request = HasyncEncoder.packet(HasyncEncoder.Flags.REQUEST_QT, 2, 9, new byte[] {1}, List.of(
                HasyncEncoder.capabilities(maxMessages, maxBytes, truncates, packetUpdates, new byte[0]),
                HasyncEncoder.snapshotMark(phase, round, count, new byte[] {3}),
                HasyncEncoder.packetUpdate(new PacketUpdate(2, false, 1, customer.length, 42, 3, 77, customer),
                        new byte[] {4, 4})));
        Decoded d = Decoded.frame(FrameEncoder.udpFrame(MalformationTest.A, MalformationTest.B, 7400, 7400, request));
        assertEquals(List.of(), d.expertKinds());
        List<Decoded.Message> ms = d.packets.get(0).messages();
        assertEquals(maxMessages, ms.get(0).maxMessages());
        assertEquals(Integer.toString(maxBytes), d.field("hasync.cap.max_bytes"));
        assertEquals(truncates ? "1" : "0", d.field("hasync.cap.truncation"));
        assertEquals(packetUpdates ? "1" : "0", d.field("hasync.cap.packet_updates"));
        assertEquals(phase, ms.get(1).snapshotPhase());
        assertEquals(round, ms.get(1).snapshotRound());
        assertEquals(count, ms.get(1).snapshotCount());
        assertEquals(AddressText.of(c), ms.get(2).source());
        assertEquals(port, ms.get(2).sourcePort());
        assertEquals(flags, ms.get(2).tcpFlags());
        assertEquals(77, ms.get(2).version());

        Decoded r = Decoded.frame(FrameEncoder.udpFrame(MalformationTest.B, MalformationTest.A, 7400, 7400,
                HasyncEncoder.reply(request, truncating)));
        assertEquals(List.of(), r.expertKinds());
        Decoded.Packet rp = r.packets.get(0);
        assertEquals("REPLY", rp.kind());
        assertEquals(truncating, rp.x());
        assertEquals(3, rp.messages().size());
        assertEquals(!truncating, rp.messages().get(2).bodyPresent());
        assertEquals(",03,0404", r.field("hasync.msg.opaque"), "empty, then 03, then 0404");
    }

    @Property(tries = 200)
    void dashHeadersSurviveTheRoundTrip(@ForAll("dashType") int type, @ForAll("subtype") int subtype,
                                        @ForAll("addresses4") byte[] src, @ForAll("u16") int sport,
                                        @ForAll("u32") long version, @ForAll("actions") long actions,
                                        @ForAll boolean withData, @ForAll boolean overUdp) {
        byte[] inner = FrameEncoder.ethernet(FrameEncoder.MAC_A, FrameEncoder.MAC_B, null, 0x0800,
                FrameEncoder.ip(src, MalformationTest.B, 17, FrameEncoder.udp(sport, 53, new byte[] {1})));
        byte[] header = DashEncoder.header(3, type, subtype, new DashEncoder.Key(5, 6, src, MalformationTest.B, sport,
                53, 17), withData ? new DashEncoder.Data(true, 2, version, actions, 9, 1000) : null, inner, -1);
        byte[] frame = overUdp ? FrameEncoder.udpFrame(MalformationTest.A, MalformationTest.B, 7001, 7000, header)
                : FrameEncoder.ethernet(FrameEncoder.MAC_B, FrameEncoder.MAC_A, null, 0x876d, header);
        Decoded d = Decoded.frame(frame);
        assertEquals(List.of(), d.expertKinds());
        assertEquals(Integer.toString(type), d.field("dashmeta.type"));
        assertEquals(Integer.toString(subtype), d.field("dashmeta.subtype"));
        assertEquals(AddressText.of(src), d.field("dashmeta.key.src"));
        assertEquals(Integer.toString(sport), d.field("dashmeta.key.srcport"));
        assertEquals(withData ? Long.toString(version) : "", d.field("dashmeta.data.version"));
        assertEquals(withData && (actions & 1) != 0 ? "100" : "", d.field("dashmeta.u0.vni"));
        assertEquals(withData && (actions & 2) != 0 ? "200" : "", d.field("dashmeta.u1.vni"));
        assertEquals(AddressText.of(src), d.field("dashmeta.inner.src"));
        assertEquals(Integer.toString(sport), d.field("dashmeta.inner.srcport"));
    }

    @Provide
    Arbitrary<Integer> role() {
        return Arbitraries.integers().between(0, 4);
    }

    @Provide
    Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 65535);
    }

    @Provide
    Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xffffffffL);
    }

    @Provide
    Arbitrary<Integer> phase() {
        return Arbitraries.integers().between(1, 2);
    }

    @Provide
    Arbitrary<Integer> tcpFlags() {
        return Arbitraries.integers().between(0, 255);
    }

    @Provide
    Arbitrary<Integer> dashType() {
        return Arbitraries.integers().between(1, 2);
    }

    @Provide
    Arbitrary<Integer> subtype() {
        return Arbitraries.integers().between(1, 3);
    }

    @Provide
    Arbitrary<Long> actions() {
        return Arbitraries.longs().between(0, 3);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }

    private static <T> String join(List<T> items, java.util.function.Function<T, String> f) {
        return String.join(",", items.stream().map(f).toList());
    }
}
