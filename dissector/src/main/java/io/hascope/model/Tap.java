package io.hascope.model;

import io.hascope.capture.CaptureWriter;
import io.hascope.capture.LinkType;
import io.hascope.encode.FrameEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The mirror port: every HA frame as a tap on the link sees it, at the moment it is sent. Frames are numbered as the
 * tap saw them; when the tap misses some (--tap-miss), {@link #shownAs(long)} gives the number a reader of the
 * written capture sees.
 */
final class Tap {
    static final int HASYNC_PORT = 7400;
    private final CaptureWriter writer;
    private final int iface;
    /** With two taps: the interface at each DPU's port (0: A's, 1: B's); frames leave on one and arrive on the other. */
    private final int[] tapOf;
    private long arrivals;
    private long frames;
    private final long[] bytesSent = new long[2];
    private final long[] framesSent = new long[2];
    private final long[] lastSent = {-1, -1};
    private long lastWritten = -1;

    /** The share of frames missed, their own random stream (the traffic stays the seed's), and what became of each. */
    private final double miss;
    private final java.util.Random missing;
    private long written;
    private long[] writtenAs = new long[0];
    private long[] arrivalOf = new long[0];

    Tap(CaptureWriter writer, boolean twoTaps, double miss, long seed) throws IOException {
        this.writer = writer;
        this.miss = miss;
        this.missing = new java.util.Random(seed * 0x9E3779B97F4A7C15L + 0x7A9);
        if (twoTaps) {
            this.tapOf = new int[] {writer == null ? 0 : writer.addInterface(LinkType.ETHERNET, 65535, "tap-dpu-a"),
                writer == null ? 1 : writer.addInterface(LinkType.ETHERNET, 65535, "tap-dpu-b")};
            this.iface = tapOf[0];
        } else {
            this.tapOf = null;
            this.iface = writer == null ? 0 : writer.addInterface(LinkType.ETHERNET, 65535, "dpu-link");
        }
    }

    boolean twoTaps() {
        return tapOf != null;
    }

    /**
     * What runs when a frame reaches its receiver: with two taps, the receiver's tap records it first (the same
     * bytes, a new frame on the other interface); with one, deliver itself.
     */
    Runnable arriving(long departure, Dpu from, Dpu to, int sourcePort, int destinationPort, byte[] payload,
                      Runnable deliver) {
        if (tapOf == null) {
            return deliver;
        }
        return () -> {
            if (!to.dead) {
                record(model().sim.now(), tapOf[to.index], from, to, sourcePort, destinationPort, payload,
                        (int) departure);
                arrivals++;
                if (miss > 0) {
                    arrivalOf = grown(arrivalOf, departure);
                    if (arrivalOf[(int) departure] == 0) {
                        arrivalOf[(int) departure] = frames;
                    }
                }
            }
            deliver.run();
        };
    }

    /**
     * The number a reader of the capture sees for the frame the tap numbered {@code frame}: itself when the tap
     * missed nothing; otherwise its place among the frames written, or, for a departure the sender's tap missed, its
     * arrival at the other tap; 0 when no tap wrote it.
     */
    long shownAs(long frame) {
        if (miss == 0) {
            return frame;
        }
        long shown = frame < writtenAs.length ? writtenAs[(int) frame] : 0;
        if (shown == 0 && frame < arrivalOf.length && arrivalOf[(int) frame] > 0) {
            shown = writtenAs[(int) arrivalOf[(int) frame]];
        }
        return shown;
    }

    /** Whether the tap wrote the frame it numbered {@code frame} (it may have missed it: --tap-miss). */
    boolean wrote(long frame) {
        return miss == 0 || frame < writtenAs.length && writtenAs[(int) frame] > 0;
    }

    /** Two taps: the frame the departure {@code frame} arrived as at the other tap (its first copy), or 0. */
    long arrivalOf(long frame) {
        return frame < arrivalOf.length ? arrivalOf[(int) frame] : 0;
    }

    /** Frames written to the capture (all of them unless the tap misses some). */
    long written() {
        return miss == 0 ? frames : written;
    }

    private static long[] grown(long[] a, long index) {
        return index < a.length ? a : java.util.Arrays.copyOf(a, (int) Math.max(index + 1, a.length * 2L));
    }

    private Model model;

    void attach(Model model) {
        this.model = model;
    }

    private Model model() {
        return model;
    }

    /** Frames written at the receivers' taps. */
    long arrivals() {
        return arrivals;
    }

    static final int DP_CHANNEL_PORT = 7000;

    /** Writes one UDP datagram from DPU `from` to DPU `to` between the given ports; returns its frame number. */
    long write(long time, Dpu from, Dpu to, int sourcePort, int destinationPort, byte[] payload) {
        int length = record(time, tapOf == null ? iface : tapOf[from.index], from, to, sourcePort, destinationPort,
                payload, (int) frames + 1);
        bytesSent[from.index] += length;
        framesSent[from.index]++;
        lastSent[from.index] = time;
        return frames;
    }

    private int record(long time, int onInterface, Dpu from, Dpu to, int sourcePort, int destinationPort,
                       byte[] payload, int ipId) {
        byte[] udp = FrameEncoder.udp(sourcePort, destinationPort, payload);
        byte[] frame = FrameEncoder.ethernet(to.mac, from.mac, null, 0x0800, from.address.length == 4
                ? FrameEncoder.ipv4(from.address, to.address, 17, udp, new byte[0], ipId)
                : FrameEncoder.ip(from.address, to.address, 17, udp));
        frames++;
        if (miss > 0) {
            writtenAs = grown(writtenAs, frames);
            if (missing.nextDouble() < miss) {
                return frame.length; // the mirror port missed it: it crossed the link all the same
            }
            writtenAs[(int) frames] = ++written;
        }
        lastWritten = Math.max(lastWritten, time);
        if (writer != null) {
            try {
                writer.write(onInterface, time, frame);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return frame.length;
    }

    /** Time of the capture's last frame, or -1 before the first. */
    long lastWritten() {
        return lastWritten;
    }

    /** Time of the last frame sent by dpu, or -1. */
    long lastSent(int dpu) {
        return lastSent[dpu];
    }

    long frames() {
        return frames;
    }

    long bytesSent(int dpu) {
        return bytesSent[dpu];
    }

    long framesSent(int dpu) {
        return framesSent[dpu];
    }
}
