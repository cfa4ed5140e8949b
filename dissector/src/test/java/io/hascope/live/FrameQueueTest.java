package io.hascope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.capture.Frame;
import org.junit.jupiter.api.Test;

/** The queue between the capture thread and its consumers: bounded, counted, in order, never blocking capture. */
class FrameQueueTest {
    @Test
    void aFullQueueRefusesAndCountsInsteadOfWaiting() {
        FrameQueue q = new FrameQueue(4, 1 << 20);
        for (int i = 1; i <= 6; i++) {
            q.offer(0, new byte[] {(byte) i}, i, 1, i);
        }
        assertEquals(4, q.depth(), "four slots");
        assertEquals(2, q.refused());
        Frame f = new Frame();
        assertTrue(q.poll(f, new int[] {1}, 0));
        assertEquals(1, f.number());
        assertTrue(q.offer(0, new byte[] {7}, 7, 1, 7), "room again once the consumer took one");
    }

    @Test
    void theByteBudgetBoundsItToo() {
        FrameQueue q = new FrameQueue(1024, 100);
        assertTrue(q.offer(0, new byte[60], 1, 60, 1));
        assertFalse(q.offer(0, new byte[60], 2, 60, 2), "120 bytes do not fit in 100");
        assertEquals(1, q.refused());
        assertEquals(60, q.bytesQueued());
    }

    @Test
    void aClosedQueueIsFinishedOnlyOnceDrained() {
        FrameQueue q = new FrameQueue(8, 1 << 20);
        q.offer(0, new byte[] {1, 2, 3}, 10, 64, 1);
        q.close();
        assertFalse(q.finished());
        Frame f = new Frame();
        assertTrue(q.poll(f, new int[] {1}, 0));
        assertEquals(3, f.capturedLength());
        assertEquals(64, f.originalLength(), "the length on the wire travels with the frame");
        assertEquals(10, f.timeNanos());
        assertFalse(q.poll(f, new int[] {1}, 1_000_000));
        assertTrue(q.finished());
    }

    @Test
    void aPollThatFailsLeavesItsFrameQueuedForTheNext() {
        // the analysis thread catches an OutOfMemoryError thrown inside poll and then drains the queue: a poll that
        // had emptied its slot first left the drain a null frame (CI, live's heap test: a NullPointerException)
        FrameQueue q = new FrameQueue(8192, 1 << 20);
        for (int i = 1; i <= 4097; i++) {
            q.offer(i == 4097 ? 1 : 0, new byte[] {(byte) i}, i, 1, i);
        }
        Frame f = new Frame();
        for (int i = 1; i <= 4096; i++) {
            assertTrue(q.poll(f, new int[] {1}, 0));
        }
        // frame 4097 opens the second segment and came on interface 1, which these link types do not name
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> q.poll(f, new int[] {1}, 0));
        assertEquals(1, q.depth(), "still queued");
        assertEquals(1, q.bytesQueued());
        assertTrue(q.poll(f, new int[] {1, 1}, 0));
        assertEquals(4097, f.number(), "the same frame, from the segment it opened");
        assertEquals(1, f.interfaceId());
        assertEquals(0, q.depth());
    }

    @Test
    void skippingLetsFramesGoUnreadAcrossSegmentsWithoutAllocating() {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        FrameQueue q = new FrameQueue(1 << 16, 64L << 20);
        byte[] frame = {1, 2};
        for (int i = 1; i <= 10_000; i++) {
            q.offer(0, frame, i, 2, i);
        }
        q.close();
        long before = mx.getCurrentThreadAllocatedBytes();
        int skipped = 0;
        while (q.skip(0)) {
            skipped++;
        }
        long made = mx.getCurrentThreadAllocatedBytes() - before;
        assertEquals(10_000, skipped);
        assertTrue(q.finished());
        assertEquals(0, q.bytesQueued());
        assertTrue(made < 1024, "a drain once the heap has run out must not need any: " + made + " bytes");
    }

    @Test
    void aQueueForAMillionFramesTakesItsSlotsOnlyAsFramesWait() {
        // a live session makes two such queues: their slots had taken 64 MB of heap from the start
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        FrameQueue q = new FrameQueue(1 << 20, 512L << 20);
        long made = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(made < 256 << 10, "one segment of slots, not a million: " + made + " bytes");
        byte[] frame = {1};
        for (int i = 1; i <= 1 << 20; i++) {
            assertTrue(q.offer(0, frame, i, 1, i));
        }
        assertFalse(q.offer(0, frame, 0, 1, 0), "a million frames waiting, and no more");
        assertEquals(1, q.refused());
        Frame f = new Frame();
        for (int i = 1; i <= 1 << 20; i++) {
            assertTrue(q.poll(f, new int[] {1}, 0));
            assertEquals(i, f.number(), "in order across 256 segments");
        }
        assertFalse(q.poll(f, new int[] {1}, 0));
    }

    @Test
    void aProducerAndAConsumerOnTwoThreadsPassEveryFrameInOrder() throws Exception {
        FrameQueue q = new FrameQueue(256, 1 << 20);
        int frames = 500_000;
        Thread producer = new Thread(() -> {
            for (int i = 1; i <= frames; i++) {
                byte[] b = {(byte) i, (byte) (i >> 8), (byte) (i >> 16)};
                while (!q.offer(0, b, i, 3, i)) {
                    Thread.onSpinWait(); // this test's producer waits; a capture thread would count and go on
                }
            }
            q.close();
        });
        producer.start();
        Frame f = new Frame();
        long expected = 1;
        while (!q.finished()) {
            if (q.poll(f, new int[] {1}, 10_000_000)) {
                assertEquals(expected, f.number());
                assertEquals((byte) expected, f.buffer().get(f.offset()));
                expected++;
            }
        }
        producer.join();
        assertEquals(frames + 1, expected);
    }
}
