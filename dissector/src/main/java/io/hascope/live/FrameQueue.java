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
 */
public final class FrameQueue {
    private final byte[][] bytes;
    private final long[] times;
    private final int[] originalLengths;
    private final long[] numbers;
    private final int[] interfaceIds;
    private final int mask;
    private final long byteBudget;
    private final AtomicLong head = new AtomicLong(); // next slot the consumer reads
    private final AtomicLong tail = new AtomicLong(); // next slot the producer fills
    private final AtomicLong bytesQueued = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean closed;

    /** Room for at most {@code frames} frames (rounded up to a power of two) and {@code byteBudget} bytes. */
    public FrameQueue(int frames, long byteBudget) {
        int capacity = Integer.highestOneBit(Math.max(2, frames - 1)) << 1;
        this.bytes = new byte[capacity][];
        this.times = new long[capacity];
        this.originalLengths = new int[capacity];
        this.numbers = new long[capacity];
        this.interfaceIds = new int[capacity];
        this.mask = capacity - 1;
        this.byteBudget = byteBudget;
    }

    /** Producer side: queues the frame, or refuses it (false, counted) when either bound is reached. */
    public boolean offer(int interfaceId, byte[] frame, long timeNanos, int originalLength, long number) {
        long t = tail.get();
        if (t - head.get() > mask || bytesQueued.get() + frame.length > byteBudget) {
            refused.incrementAndGet();
            return false;
        }
        int slot = (int) (t & mask);
        bytes[slot] = frame;
        times[slot] = timeNanos;
        originalLengths[slot] = originalLength;
        numbers[slot] = number;
        interfaceIds[slot] = interfaceId;
        bytesQueued.addAndGet(frame.length);
        tail.lazySet(t + 1); // publishes the slot's contents to the consumer
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
        int slot = (int) (h & mask);
        byte[] b = bytes[slot];
        bytes[slot] = null;
        int iface = interfaceIds[slot];
        frame.set(ByteBuffer.wrap(b), 0, b.length, originalLengths[slot], times[slot], linkTypes[iface], numbers[slot])
                .onInterface(iface);
        bytesQueued.addAndGet(-b.length);
        head.lazySet(h + 1);
        return true;
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
