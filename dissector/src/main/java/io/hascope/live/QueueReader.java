package io.hascope.live;

import io.hascope.capture.CaptureProblem;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Frame;
import io.hascope.capture.InterfaceInfo;
import java.util.List;

/**
 * A live capture seen as a capture file: frames come out of a {@link FrameQueue} in capture order, so the same
 * analysis loop serves files and interfaces. While it waits it calls its tick a few times a second (on the
 * reading thread, which owns the analysis), so a display can be fed even when the line is quiet.
 */
final class QueueReader implements CaptureReader {
    private static final long TICK_NANOS = 200_000_000L;
    private final FrameQueue queue;
    private final InterfaceInfo iface;
    private final Runnable tick;
    private long nextTick = System.nanoTime() + TICK_NANOS;

    QueueReader(FrameQueue queue, FrameSource source, Runnable tick) {
        this.queue = queue;
        this.iface = new InterfaceInfo(0, source.linkType(), source.snapLength(), source.name(), null,
                1_000_000_000L, 0);
        this.tick = tick;
    }

    @Override
    public boolean next(Frame frame) {
        while (true) {
            long now = System.nanoTime();
            if (now >= nextTick) {
                tick.run();
                nextTick = now + TICK_NANOS;
            }
            if (queue.poll(frame, iface.linkType(), Math.max(0, nextTick - now))) {
                return true;
            }
            if (queue.finished()) {
                return false;
            }
        }
    }

    /** Discards what is left (after an analysis stopped at --at, so capture never waits for it). */
    void drain() {
        Frame f = new Frame();
        while (!queue.finished()) {
            queue.poll(f, iface.linkType(), TICK_NANOS);
        }
    }

    @Override
    public CaptureProblem problem() {
        return null;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return List.of(iface);
    }

    @Override
    public String format() {
        return "live";
    }

    @Override
    public List<String> fileComments() {
        return List.of();
    }

    @Override
    public String name() {
        return iface.name();
    }

    @Override
    public void close() {
    }
}
