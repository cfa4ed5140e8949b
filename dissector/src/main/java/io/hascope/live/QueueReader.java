package io.hascope.live;

import io.hascope.capture.Frame;
import io.hascope.capture.InterfaceInfo;

/**
 * A live capture seen as a capture file: frames come out of a {@link FrameQueue} in capture order, so the same
 * analysis loop serves files and interfaces. While it waits it calls its tick a few times a second (on the
 * reading thread, which owns the analysis), so a display can be fed even when the line is quiet.
 */
final class QueueReader extends LiveReader {
    private static final long TICK_NANOS = 200_000_000L;
    private final FrameQueue queue;
    private final int[] linkTypes;
    private final Runnable tick;
    private final java.util.function.BooleanSupplier abandoned;
    private long nextTick = System.nanoTime() + TICK_NANOS;

    /** abandoned: asked before each frame; once true, reading throws {@link Abandoned} (no report will come). */
    QueueReader(FrameQueue queue, FrameSource source, Runnable tick, java.util.function.BooleanSupplier abandoned) {
        super(source.captureInterfaces(), source.name());
        this.queue = queue;
        this.linkTypes = interfaces().stream().mapToInt(InterfaceInfo::linkType).toArray();
        this.tick = tick;
        this.abandoned = abandoned;
    }

    /**
     * The analysis is given up part-way (the heap ran out on another of the session's threads): thrown out of the
     * analysis loop so that what it holds goes at once, without the end-of-capture work a last frame would start.
     * One instance, without a stack trace: it is thrown when the heap may have no room for another.
     */
    static final class Abandoned extends RuntimeException {
        static final Abandoned INSTANCE = new Abandoned();

        private Abandoned() {
            super("the live analysis was given up", null, false, false);
        }
    }

    @Override
    public boolean next(Frame frame) {
        return nextBy(frame, Long.MAX_VALUE) == READ;
    }

    /** Waits for the line until the deadline (Long.MAX_VALUE: until a frame or the end), ticking meanwhile. */
    @Override
    public int nextBy(Frame frame, long deadlineNanos) {
        while (true) {
            if (abandoned.getAsBoolean()) {
                throw Abandoned.INSTANCE;
            }
            long now = System.nanoTime();
            if (now >= nextTick) {
                tick.run();
                nextTick = now + TICK_NANOS;
            }
            long wait = Math.max(0, nextTick - now);
            if (deadlineNanos != Long.MAX_VALUE) {
                wait = Math.min(wait, Math.max(0, deadlineNanos - now));
            }
            if (queue.poll(frame, linkTypes, wait)) {
                return READ;
            }
            if (queue.finished()) {
                return ENDED;
            }
            if (deadlineNanos != Long.MAX_VALUE && deadlineNanos - System.nanoTime() <= 0) {
                return NOT_YET;
            }
        }
    }

    /**
     * Discards what is left (after an analysis stopped at --at, failed, or ran out of heap), so that capture never
     * waits for it.
     */
    void drain() {
        while (!queue.finished()) {
            queue.skip(TICK_NANOS); // allocates nothing: this also runs once the heap has run out
        }
    }
}
