package io.hascope.gen;

import static io.hascope.encode.HasyncEncoder.Flags.REQUEST;
import static io.hascope.encode.HasyncEncoder.Flags.REQUEST_Q;
import static io.hascope.encode.HasyncEncoder.Flags.REQUEST_QT;

import io.hascope.capture.CaptureWriter;
import io.hascope.capture.LinkType;
import io.hascope.encode.DashEncoder;
import io.hascope.encode.FrameEncoder;
import io.hascope.encode.HasyncEncoder;
import io.hascope.encode.PacketUpdate;
import io.hascope.encode.StateUpdate;
import java.io.IOException;
import java.util.List;

/**
 * The bundled sample samples/sync-basic.pcapng: a short, scripted exchange between two DPUs that shows every
 * message type, the reliable transport (a gap, its NACK and the go-back-N resend, keepalives), truncated and whole
 * replies, a lost reply, a snapshot round, IPv6 and VLAN-tagged HA traffic, DASH flow sync on the DP channel and on
 * raw Ethernet, and three malformed frames. Regenerate with {@code ./hascope generate sample -w FILE}.
 */
public final class SampleCapture {
    static final byte[] A = {(byte) 192, 0, 2, 1};
    static final byte[] B = {(byte) 192, 0, 2, 2};
    static final byte[] A6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static final byte[] B6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    static final long ENI = 0x000d3a0a0b0cL;
    private static final byte[] NONE = new byte[0];

    private final CaptureWriter writer;
    private final int iface;
    private long time = 1_764_000_000_000_000_000L;
    private int seqA;
    private int seqB;

    private SampleCapture(CaptureWriter writer) throws IOException {
        this.writer = writer;
        this.iface = writer.addInterface(LinkType.ETHERNET, 65535, "dpu-mirror");
    }

    public static void write(CaptureWriter writer) throws IOException {
        new SampleCapture(writer).script();
    }

    private static byte[] v4(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    private static StateUpdate conn(int op, int state, long version, byte[] src, byte[] dst, int sport) {
        return new StateUpdate(op, state, false, 1, 6, ENI, 100, version, op == 3 ? 0 : 300_000, src, dst, sport, 443);
    }

    private void script() throws IOException {
        byte[] c1 = v4(10, 1, 0, 5);
        byte[] s1 = v4(10, 2, 0, 9);
        byte[] c2 = v4(10, 1, 0, 6);
        byte[] c6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5};
        byte[] s6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9};

        // session start: each receiver advertises what it accepts
        byte[] capA = HasyncEncoder.packet(REQUEST, 1, 3, NONE, List.of(
                HasyncEncoder.capabilities(32, 9000, true, true, NONE)));
        byte[] capB = HasyncEncoder.packet(REQUEST, 2, 3, NONE, List.of(
                HasyncEncoder.capabilities(16, 9000, true, true, NONE)));
        dataAtoB(capA, 1_000);
        dataBtoA(capB, 150);

        // three connections open on A: one coalesced request, replies truncated
        byte[] r1 = HasyncEncoder.packet(REQUEST_QT, 1, 3, opaque(1), List.of(
                HasyncEncoder.stateUpdate(conn(1, 1, 1, c1, s1, 40000), opaque1(1)),
                HasyncEncoder.stateUpdate(conn(1, 1, 1, c2, s1, 40001), opaque1(2)),
                HasyncEncoder.stateUpdate(conn(1, 1, 1, c6, s6, 40002), opaque1(3))));
        dataAtoB(r1, 2_000);
        dataBtoA(HasyncEncoder.reply(r1, true), 180);

        // the SYN+ACK of connection 1 rides as a PACKET_UPDATE (approach 1: no truncation)
        byte[] synAck = FrameEncoder.ethernet(FrameEncoder.MAC_A, FrameEncoder.MAC_B, null, 0x0800,
                FrameEncoder.ip(s1, c1, 6, FrameEncoder.tcp(443, 40000, 9000, 1001, 0x12, NONE)));
        byte[] r2 = HasyncEncoder.packet(REQUEST_Q, 1, 3, opaque(2), List.of(HasyncEncoder.packetUpdate(
                new PacketUpdate(2, false, 1, synAck.length, ENI, 100, 2, synAck), opaque1(4))));
        dataAtoB(r2, 1_500);
        dataBtoA(HasyncEncoder.reply(r2, true), 210);

        // handshakes complete: UPDATE to ESTABLISHED; this request is lost on the wire (a gap B NACKs)
        byte[] r3 = HasyncEncoder.packet(REQUEST_QT, 1, 3, opaque(3), List.of(
                HasyncEncoder.stateUpdate(conn(2, 3, 3, c1, s1, 40000), opaque1(5)),
                HasyncEncoder.stateUpdate(conn(2, 3, 2, c2, s1, 40001), opaque1(6))));
        int lostSeq = seqA++;
        byte[] r4 = HasyncEncoder.packet(REQUEST_QT, 1, 3, opaque(4), List.of(
                HasyncEncoder.stateUpdate(conn(2, 3, 2, c6, s6, 40002), opaque1(7))));
        dataAtoB(r4, 3_000);
        frame(B, A, HasyncEncoder.transport(2, lostSeq, seqB, NONE), 120);
        seqA = lostSeq; // go-back-N: resend from the NACKed number
        dataAtoB(r3, 400);
        dataAtoB(r4, 30);
        dataBtoA(HasyncEncoder.reply(r3, true), 150);
        dataBtoA(HasyncEncoder.reply(r4, true), 40);

        // idle: keepalives both ways
        frame(A, B, HasyncEncoder.transport(1, seqA, seqB, NONE), 250_000);
        frame(B, A, HasyncEncoder.transport(1, seqB, seqA, NONE), 90);

        // approach 2 on the IPv6 pair: a snapshot round of REFRESHes, no replies requested, over a VLAN
        byte[] snap = HasyncEncoder.packet(REQUEST, 1, 3, NONE, List.of(
                HasyncEncoder.snapshotMark(1, 17, 0, NONE),
                HasyncEncoder.stateUpdate(conn(4, 3, 3, c1, s1, 40000), NONE),
                HasyncEncoder.stateUpdate(conn(4, 3, 2, c2, s1, 40001), NONE),
                HasyncEncoder.stateUpdate(conn(4, 3, 2, c6, s6, 40002), NONE),
                HasyncEncoder.snapshotMark(2, 17, 3, NONE)));
        time += 5_000;
        writer.write(iface, time, FrameEncoder.ethernet(FrameEncoder.MAC_B, FrameEncoder.MAC_A, new int[] {42},
                0x86dd, FrameEncoder.ip(A6, B6, 17, FrameEncoder.udp(7400, 7400, snap))));

        // connection 2 closes: its DELETE asks for a reply that never comes
        byte[] r5 = HasyncEncoder.packet(REQUEST_QT, 1, 3, opaque(5), List.of(
                HasyncEncoder.stateUpdate(conn(3, 6, 4, c2, s1, 40001), opaque1(8))));
        dataAtoB(r5, 8_000);

        // DASH flow sync on the DP channel (UDP 7000) and a pipeline-to-DPAPP header on raw Ethernet
        byte[] dashInner = FrameEncoder.ethernet(FrameEncoder.MAC_A, FrameEncoder.MAC_B, null, 0x0800,
                FrameEncoder.ip(c1, s1, 6, FrameEncoder.tcp(40003, 443, 77, 0, 0x02, NONE)));
        byte[] dashReq = DashEncoder.header(3, 1, 1, new DashEncoder.Key(ENI, 100, c1, s1, 40003, 443, 6),
                new DashEncoder.Data(false, 1, 1, 0, 0, 300_000), dashInner, -1);
        frame(A, B, 7004, 7000, dashReq, 20_000);
        byte[] dashAck = dashReq.clone();
        dashAck[1] = 0x21;
        frame(B, A, 7000, 7004, dashAck, 160);
        byte[] toDpApp = DashEncoder.header(1, 0, 1, new DashEncoder.Key(ENI, 100, c1, s1, 40004, 443, 6),
                null, dashInner, -1);
        time += 700;
        writer.write(iface, time, FrameEncoder.ethernet(FrameEncoder.MAC_B, FrameEncoder.MAC_A, null, 0x876d, toDpApp));

        // malformed: a count that promises more messages than present, a message running past the datagram,
        // and garbage on the hasync port
        byte[] short1 = HasyncEncoder.packet(REQUEST, 1, 3, NONE, List.of(
                HasyncEncoder.stateUpdate(conn(4, 3, 5, c1, s1, 40000), NONE)), 2);
        frame(A, B, 7400, 7400, short1, 30_000);
        byte[] overrun = HasyncEncoder.packet(REQUEST, 1, 3, NONE, List.of(
                HasyncEncoder.stateUpdate(conn(4, 3, 5, c1, s1, 40000), NONE)));
        byte[] cut = java.util.Arrays.copyOf(overrun, overrun.length - 10);
        frame(A, B, 7400, 7400, cut, 500);
        frame(A, B, 7400, 7400, "GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 500);
    }

    private static byte[] opaque(int n) {
        return new byte[] {0, 0, 0, (byte) n};
    }

    private static byte[] opaque1(int n) {
        return new byte[] {(byte) n};
    }

    private void dataAtoB(byte[] packet, long gapMicros) throws IOException {
        frame(A, B, HasyncEncoder.transport(0, seqA++, seqB, packet), gapMicros);
    }

    private void dataBtoA(byte[] packet, long gapMicros) throws IOException {
        frame(B, A, HasyncEncoder.transport(0, seqB++, seqA, packet), gapMicros);
    }

    private void frame(byte[] src, byte[] dst, byte[] payload, long gapMicros) throws IOException {
        frame(src, dst, 7400, 7400, payload, gapMicros);
    }

    private void frame(byte[] src, byte[] dst, int sport, int dport, byte[] payload, long gapMicros) throws IOException {
        time += gapMicros * 1_000;
        writer.write(iface, time, FrameEncoder.udpFrame(src, dst, sport, dport, payload));
    }
}
