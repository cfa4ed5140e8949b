package io.hascope.gen;

import io.hascope.capture.CaptureWriter;
import io.hascope.capture.LinkType;
import io.hascope.encode.DashEncoder;
import io.hascope.encode.FrameEncoder;
import io.hascope.encode.HasyncEncoder;
import io.hascope.encode.PacketUpdate;
import io.hascope.encode.StateUpdate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic but realistic sync traffic for benchmarks: two DPU pairs (one over IPv4 with the reliable transport,
 * one over IPv6 without), requests coalescing 1–60 messages with Q and T, truncated replies, PACKET_UPDATEs
 * carrying TCP frames, IPv4 and IPv6 connections, and a DASH flow-sync share. Deterministic for a seed. It is not
 * the DPU model: it does not keep tables; it only produces plausible bytes at volume.
 */
public final class SyncTrafficGenerator {
    private static final byte[] A4 = {(byte) 203, 0, 113, 1};
    private static final byte[] B4 = {(byte) 203, 0, 113, 2};
    private static final byte[] A6 = ipv6(1);
    private static final byte[] B6 = ipv6(2);
    private static final long ENI = 0x000d3aaabbccL;

    private final SplittableRandom random;
    private final double packetUpdateShare;
    private final double ipv6ConnectionShare;
    private final double dashShare;
    private final Coalescing coalescing;
    private long time = 1_700_000_000_000_000_000L;
    private int seqA;
    private int seqB;
    private long version = 1;
    private int opaque;
    private long messages;

    /** How many messages a request coalesces. */
    public enum Coalescing {
        /** Uniformly 1 to 60: as many heavy packets as light ones (mean 30.5). */
        UNIFORM,
        /** Geometric with mean 10, capped at 60: mostly light packets, heavy ones under bursts of state changes. */
        LOAD
    }

    public SyncTrafficGenerator(long seed, double packetUpdateShare, double ipv6ConnectionShare, double dashShare,
                                Coalescing coalescing) {
        this.coalescing = coalescing;
        this.random = new SplittableRandom(seed);
        this.packetUpdateShare = packetUpdateShare;
        this.ipv6ConnectionShare = ipv6ConnectionShare;
        this.dashShare = dashShare;
    }

    public static SyncTrafficGenerator realistic(long seed, Coalescing coalescing) {
        return new SyncTrafficGenerator(seed, 0.05, 0.3, 0.05, coalescing);
    }

    /** Writes frames (request/reply pairs mostly) to writer; returns the number of sync messages written. */
    public long write(CaptureWriter writer, int frames) throws IOException {
        int iface = writer.addInterface(LinkType.ETHERNET, 65535, "mirror0");
        int written = 0;
        while (written < frames) {
            if (random.nextDouble() < dashShare) {
                writeDash(writer, iface);
                written++;
                continue;
            }
            boolean v6Pair = random.nextInt(4) == 0;
            byte[] request = request();
            byte[] reply = HasyncEncoder.reply(request, true);
            if (v6Pair) {
                emit(writer, iface, A6, B6, request);
                if (written + 1 < frames) {
                    emit(writer, iface, B6, A6, reply);
                }
            } else {
                emit(writer, iface, A4, B4, HasyncEncoder.transport(0, seqA++, seqB, request));
                if (written + 1 < frames) {
                    emit(writer, iface, B4, A4, HasyncEncoder.transport(0, seqB++, seqA, reply));
                }
            }
            written += 2;
        }
        return messages;
    }

    private void emit(CaptureWriter writer, int iface, byte[] src, byte[] dst, byte[] payload) throws IOException {
        time += 2_000 + random.nextInt(8_000);
        writer.write(iface, time, FrameEncoder.udpFrame(src, dst, 7400, 7400, payload));
    }

    private byte[] request() {
        int count = coalescing == Coalescing.UNIFORM ? 1 + random.nextInt(60)
                : (int) Math.min(60, 1 + Math.floor(Math.log(1 - random.nextDouble()) / Math.log(0.9)));
        List<byte[]> msgs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] msgOpaque = {(byte) i};
            if (random.nextDouble() < packetUpdateShare) {
                msgs.add(HasyncEncoder.packetUpdate(packetUpdate(), msgOpaque));
            } else {
                msgs.add(HasyncEncoder.stateUpdate(stateUpdate(), msgOpaque));
            }
        }
        messages += count;
        int o = opaque++;
        byte[] packetOpaque = {(byte) (o >>> 24), (byte) (o >>> 16), (byte) (o >>> 8), (byte) o};
        return HasyncEncoder.packet(HasyncEncoder.Flags.REQUEST_QT, 1, 7, packetOpaque, msgs);
    }

    private StateUpdate stateUpdate() {
        boolean v6 = random.nextDouble() < ipv6ConnectionShare;
        int op = 1 + random.nextInt(4);
        int state = op == 3 ? 6 : 1 + random.nextInt(5);
        return new StateUpdate(op, state, false, 1, 6, ENI, 4, version++, op == 3 ? 0 : 300_000,
                customer(v6, 10), customer(v6, 20), 1024 + random.nextInt(60_000), 443);
    }

    private PacketUpdate packetUpdate() {
        boolean v6 = random.nextDouble() < ipv6ConnectionShare;
        byte[] tcp = FrameEncoder.tcp(1024 + random.nextInt(60_000), 443, random.nextLong() & 0xffffffffL, 0,
                0x02, new byte[0]);
        byte[] frame = FrameEncoder.ethernet(FrameEncoder.MAC_B, FrameEncoder.MAC_A, null, v6 ? 0x86dd : 0x0800,
                FrameEncoder.ip(customer(v6, 10), customer(v6, 20), 6, tcp));
        return new PacketUpdate(1, false, 1, frame.length, ENI, 4, version++, frame);
    }

    private void writeDash(CaptureWriter writer, int iface) throws IOException {
        boolean v6 = random.nextDouble() < ipv6ConnectionShare;
        byte[] src = customer(v6, 10);
        byte[] dst = customer(v6, 20);
        int sport = 1024 + random.nextInt(60_000);
        byte[] inner = FrameEncoder.ethernet(FrameEncoder.MAC_B, FrameEncoder.MAC_A, null, v6 ? 0x86dd : 0x0800,
                FrameEncoder.ip(src, dst, 6, FrameEncoder.tcp(sport, 443, 1, 0, 0x12, new byte[0])));
        byte[] header = DashEncoder.header(3, 1, 1, new DashEncoder.Key(ENI, 4, src, dst, sport, 443, 6),
                new DashEncoder.Data(false, 1, version++, 0, 0, 300_000), inner, -1);
        messages++;
        time += 2_000 + random.nextInt(8_000);
        writer.write(iface, time, FrameEncoder.udpFrame(A4, B4, 7001 + random.nextInt(10), 7000, header));
    }

    private byte[] customer(boolean v6, int net) {
        if (v6) {
            byte[] a = ipv6(random.nextInt(65536));
            a[3] = (byte) net;
            return a;
        }
        return new byte[] {10, (byte) net, (byte) random.nextInt(256), (byte) (1 + random.nextInt(254))};
    }

    private static byte[] ipv6(int host) {
        byte[] a = new byte[16];
        a[0] = 0x20;
        a[1] = 0x01;
        a[2] = 0x0d;
        a[3] = (byte) 0xb8;
        a[14] = (byte) (host >>> 8);
        a[15] = (byte) host;
        return a;
    }
}
