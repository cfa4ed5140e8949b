package io.hascope.live;

import io.hascope.capture.Frame;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded single-producer single-consumer queue of captured frames, so that capture never waits for the file or
 * the analysis. Bounded twice, by frames and by bytes; a frame that does not fit is refused and counted (never
 * dropped silently). The consumer reads each frame through a reused {@link Frame} view over the producer's array,
 * which is never written again after it is offered.
 * <p>
 * Its slots come in segments, taken as frames wait and let go once read: a queue bounded at a million frames holds
 * one segment while the consumer keeps up (a session's two queues had held 64 MB of empty slots from the start).
 */
public final class FrameQueue {
    /** Slots per segment: 4,096 frames, 128 KB of slots. */
    private static final int SEGMENT = 4096;

    /** One stretch of slots; the producer links the next before it publishes a frame in it. */
    private static final class Segment {
        final byte[][] bytes;
        final long[] times;
        final int[] originalLengths;
        final long[] numbers;
        final int[] interfaceIds;
        Segment next;

        Segment(int length) {
            bytes = new byte[length][];
            times = new long[length];
            originalLengths = new int[length];
            numbers = new long[length];
            interfaceIds = new int[length];
        }
    }

    private final long maxFrames;
    private final long byteBudget;
    private final int segmentMask;
    /** The producer's segment, and the consumer's. */
    private Segment writing;
    private Segment reading;
    private final AtomicLong head = new AtomicLong(); // next frame the consumer reads
    private final AtomicLong tail = new AtomicLong(); // next frame the producer queues
    private final AtomicLong bytesQueued = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean closed;

    /** Room for at most {@code frames} frames and {@code byteBudget} bytes. */
    public FrameQueue(int frames, long byteBudget) {
        this.maxFrames = Math.max(1, frames);
        this.byteBudget = byteBudget;
        int length = (int) Math.min(SEGMENT, Long.highestOneBit(Math.max(1, maxFrames - 1)) << 1);
        this.segmentMask = length - 1;
        this.writing = new Segment(length);
        this.reading = writing;
    }

    /** Producer side: queues the frame, or refuses it (false, counted) when either bound is reached. */
    public boolean offer(int interfaceId, byte[] frame, long timeNanos, int originalLength, long number) {
        long t = tail.get();
        if (t - head.get() >= maxFrames || bytesQueued.get() + frame.length > byteBudget) {
            refused.incrementAndGet();
            return false;
        }
        int slot = (int) (t & segmentMask);
        if (slot == 0 && t != 0) {
            Segment next = new Segment(segmentMask + 1);
            writing.next = next; // published with the frame below, before the consumer can reach it
            writing = next;
        }
        Segment s = writing;
        s.bytes[slot] = frame;
        s.times[slot] = timeNanos;
        s.originalLengths[slot] = originalLength;
        s.numbers[slot] = number;
        s.interfaceIds[slot] = interfaceId;
        bytesQueued.addAndGet(frame.length);
        tail.lazySet(t + 1); // publishes the slot's contents (and a new segment's link) to the consumer
        return true;
    }

    /** Producer side: no more frames will come; the consumer drains what is queued and then sees the end. */
    public void close() {
        closed = true;
    }

    /**
     * Consumer side: points frame at the next frame (its link type that of its interface in linkTypes), waiting up
     * to maxWaitNanos for one. Returns false when none came in time or the queue is closed and drained (tell them
     * apart with {@link #finished()}).
     */
    public boolean poll(Frame frame, int[] linkTypes, long maxWaitNanos) {
        if (!waitForFrame(maxWaitNanos)) {
            return false;
        }
        long h = head.get();
        int slot = (int) (h & segmentMask);
        Segment s = segmentOf(h);
        byte[] b = s.bytes[slot];
        int iface = s.interfaceIds[slot];
        // everything that can fail (the wrapper's allocation when the heap is full) comes before the queue changes:
        // a consumer that catches the failure and polls again finds the same frame, not an emptied slot
        ByteBuffer buffer = ByteBuffer.wrap(b);
        int linkType = linkTypes[iface];
        frame.set(buffer, 0, b.length, s.originalLengths[slot], s.times[slot], linkType, s.numbers[slot])
                .onInterface(iface);
        take(h, s, slot, b.length);
        return true;
    }

    /**
     * Consumer side: lets the next frame go unread, waiting up to maxWaitNanos for one; false as {@link #poll}. It
     * allocates nothing, so a consumer whose heap has run out can still empty the queue for the producer.
     */
    public boolean skip(long maxWaitNanos) {
        if (!waitForFrame(maxWaitNanos)) {
            return false;
        }
        long h = head.get();
        int slot = (int) (h & segmentMask);
        Segment s = segmentOf(h);
        take(h, s, slot, s.bytes[slot].length);
        return true;
    }

    private boolean waitForFrame(long maxWaitNanos) {
        long h = head.get();
        long deadline = System.nanoTime() + maxWaitNanos;
        int idle = 0;
        while (h == tail.get()) {
            if (closed && h == tail.get()) {
                return false;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            // spin briefly for a burst's next frame, then back off towards 10 ms: an idle line costs
            // almost nothing and a busy one never waits long behind a sleeping consumer
            if (++idle < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(Math.min(10_000_000L, 10_000L << Math.min(10, (idle - 100) / 8)));
            }
        }
        return true;
    }

    /** The segment frame h is in: the next one when h opens it (linked before h was published). */
    private Segment segmentOf(long h) {
        return (h & segmentMask) == 0 && h != 0 ? reading.next : reading;
    }

    /** Frame h leaves the queue: its slot lets go of its bytes, and the segment before it goes once h opens s. */
    private void take(long h, Segment s, int slot, int length) {
        reading = s;
        s.bytes[slot] = null;
        bytesQueued.addAndGet(-length);
        head.lazySet(h + 1);
    }

    /** True once the producer has closed the queue and the consumer has taken every frame. */
    public boolean finished() {
        return closed && head.get() == tail.get();
    }

    /** Frames refused because the consumer was too far behind. */
    public long refused() {
        return refused.get();
    }

    /** Frames waiting now. */
    public long depth() {
        return tail.get() - head.get();
    }

    public long bytesQueued() {
        return bytesQueued.get();
    }
}
