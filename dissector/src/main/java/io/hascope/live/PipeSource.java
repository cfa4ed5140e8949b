package io.hascope.live;

import io.hascope.capture.CaptureProblem;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Frame;
import io.hascope.capture.InterfaceInfo;
import java.io.IOException;
import java.util.List;

/**
 * A capture read from a pipe as it is written (tshark's {@code -i -}): {@code ssh dpu tcpdump -w - | hascope live
 * -i -} for a mirror port on another machine. Its frames go to the session as an interface's would, stamped with the
 * times the writer gave them, on the interfaces its file declares (a pcapng of two taps is two). It ends where the
 * pipe ends, or at {@link #stop()}, which a frame still on its way takes effect at; nothing is dropped before
 * hascope sees it, so it counts no drops.
 */
public final class PipeSource implements FrameSource {
    private final CaptureReader reader;
    private final String name;
    /** The first frame, read to learn the interfaces before the session starts; handed on first. */
    private final Frame first;
    private final int linkType;
    private volatile boolean stopping;

    private PipeSource(CaptureReader reader, String name, Frame first) {
        this.reader = reader;
        this.name = name;
        this.first = first;
        this.linkType = first.linkType();
    }

    /**
     * Takes over an opened reader of the pipe and waits for its first frame, which says the interfaces the frames
     * come on. A pipe that ends before any frame is one sentence.
     */
    public static PipeSource open(CaptureReader reader, String name) throws LiveCaptureException {
        Frame first = new Frame();
        try {
            if (!reader.next(first)) {
                CaptureProblem p = reader.problem();
                throw new LiveCaptureException(name + " ended before its first frame"
                        + (p == null ? "" : ": " + p.message()), false);
            }
        } catch (IOException e) {
            throw new LiveCaptureException(name + " cannot be read: " + e.getMessage(), false);
        }
        return new PipeSource(reader, name, first.detached());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int linkType() {
        return linkType;
    }

    @Override
    public int snapLength() {
        List<InterfaceInfo> declared = reader.interfaces();
        return declared.isEmpty() ? 65535 : declared.get(0).snapLength();
    }

    /** The interfaces the pipe's file declares (one for pcap). */
    @Override
    public List<InterfaceInfo> captureInterfaces() {
        List<InterfaceInfo> declared = reader.interfaces();
        return declared.isEmpty() ? FrameSource.super.captureInterfaces() : declared;
    }

    @Override
    public void run(LiveCapture.Handler handler) throws LiveCaptureException {
        Frame f = first;
        try {
            do {
                handler.frame(f.interfaceId(), f.copyBytes(), f.timeNanos(), f.originalLength());
            } while (!stopping && reader.next(f));
        } catch (IOException e) {
            throw new LiveCaptureException(name + " cannot be read: " + e.getMessage(), false);
        }
        CaptureProblem p = stopping ? null : reader.problem();
        if (p != null) {
            throw new LiveCaptureException(p.message(), false);
        }
    }

    @Override
    public void stop() {
        stopping = true;
    }

    @Override
    public LiveCapture.Drops drops() {
        return new LiveCapture.Drops(0, 0, 0);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // a pipe only read from
        }
    }
}
