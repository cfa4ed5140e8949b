package io.hascope.model;

import io.hascope.capture.CaptureWriter;
import io.hascope.capture.LinkType;
import io.hascope.encode.FrameEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The mirror port: every HA frame as a tap on the link sees it, at the moment it is sent. Frame numbers are those
 * a reader of the written capture will see.
 */
final class Tap {
    static final int HASYNC_PORT = 7400;
    private final CaptureWriter writer;
    private final int iface;
    private long frames;
    private final long[] bytesSent = new long[2];
    private final long[] framesSent = new long[2];
    private final long[] lastSent = {-1, -1};

    Tap(CaptureWriter writer) throws IOException {
        this.writer = writer;
        this.iface = writer == null ? 0 : writer.addInterface(LinkType.ETHERNET, 65535, "dpu-link");
    }

    static final int DP_CHANNEL_PORT = 7000;

    /** Writes one UDP datagram from DPU `from` to DPU `to` between the given ports; returns its frame number. */
    long write(long time, Dpu from, Dpu to, int sourcePort, int destinationPort, byte[] payload) {
        byte[] frame = FrameEncoder.ethernet(to.mac, from.mac, null, 0x0800,
                FrameEncoder.ip(from.address, to.address, 17, FrameEncoder.udp(sourcePort, destinationPort, payload)));
        frames++;
        bytesSent[from.index] += frame.length;
        framesSent[from.index]++;
        lastSent[from.index] = time;
        if (writer != null) {
            try {
                writer.write(iface, time, frame);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return frames;
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
