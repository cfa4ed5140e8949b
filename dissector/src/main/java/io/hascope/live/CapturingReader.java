package io.hascope.live;

import io.hascope.capture.Frame;

/**
 * A live source read as a capture, frame after frame as it captures them (decode -i, as tshark -i): the source
 * runs on a thread of its own into a bounded queue, so a slow reader never makes capture wait, and a frame the
 * queue has no room for is counted ({@link #notRead()}), never lost silently. It ends when the source ends: at
 * {@link #stop()}, or on an error ({@link #captureError()}).
 */
public final class CapturingReader extends LiveReader {
    private final FrameSource source;
    private final FrameQueue queue;
    /** The queue read as a session's analysis reads its own (no tick, never given up). */
    private final QueueReader frames;
    private volatile String captureError;
    private volatile long captured;

    private CapturingReader(FrameSource source, FrameQueue queue) {
        super(source.captureInterfaces(), source.name());
        this.source = source;
        this.queue = queue;
        this.frames = new QueueReader(queue, source, () -> { }, () -> false);
    }

    /** Starts capturing from the source on a thread of its own; frames wait in a queue of a million or 512 MB. */
    public static CapturingReader start(FrameSource source) {
        LiveSession.Limits limits = LiveSession.Limits.none();
        CapturingReader r = new CapturingReader(source, new FrameQueue(limits.queueFrames(), limits.queueBytes()));
        Thread t = new Thread(r::capture, "hascope-capture");
        t.setDaemon(true);
        t.start();
        return r;
    }

    private void capture() {
        try {
            source.run((iface, bytes, time, originalLength) -> queue.offer(iface, bytes, time, originalLength,
                    ++captured));
        } catch (LiveCaptureException e) {
            captureError = e.getMessage();
        } catch (RuntimeException e) {
            captureError = "capture failed: " + e;
        } finally {
            queue.close();
        }
    }

    @Override
    public boolean next(Frame frame) {
        return frames.next(frame);
    }

    /** Waits for the next frame until the deadline (Long.MAX_VALUE: until a frame or the end). */
    @Override
    public int nextBy(Frame frame, long deadlineNanos) {
        return frames.nextBy(frame, deadlineNanos);
    }

    /** Ends the capture: what is already queued is still read, then {@link #next} says the end. */
    public void stop() {
        source.stop();
    }

    /** Why the capture ended on its own (the interface went away, ...), or null. */
    public String captureError() {
        return captureError;
    }

    /** Frames the source captured so far (those the queue had no room for among them). */
    public long captured() {
        return captured;
    }

    /** Frames captured that the queue had no room for (the reader fell that far behind). */
    public long notRead() {
        return queue.refused();
    }

    /** libpcap's counters of frames lost before hascope saw them. */
    public LiveCapture.Drops drops() {
        return source.drops();
    }
}
