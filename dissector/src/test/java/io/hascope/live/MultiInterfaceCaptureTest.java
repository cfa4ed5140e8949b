package io.hascope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A tap at each DPU's port, captured on two interfaces at once: each interface hands its frames over in its own
 * time order and at its own pace (libpcap delivers in buffers), and the merged capture must still be in time order,
 * every frame once, with the interface that saw it.
 */
class MultiInterfaceCaptureTest {
    /** An interface that hands over frames stamped at the given times, in bursts, then waits to be stopped. */
    private static final class Scripted extends EthernetTestSource {
        private final long[] times;
        private final int burst;
        private final long pauseNanos;
        private final String failWith;
        private final CountDownLatch stopped = new CountDownLatch(1);

        Scripted(String name, long[] times, int burst, long pauseNanos, String failWith) {
            super(name);
            this.times = times;
            this.burst = burst;
            this.pauseNanos = pauseNanos;
            this.failWith = failWith;
        }

        @Override
        public void run(LiveCapture.Handler handler) throws LiveCaptureException {
            for (int i = 0; i < times.length; i++) {
                handler.frame(0, new byte[] {(byte) i}, times[i], 1);
                if ((i + 1) % burst == 0) {
                    LockSupport.parkNanos(pauseNanos);
                }
            }
            if (failWith != null) {
                throw new LiveCaptureException(failWith, false);
            }
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void stop() {
            stopped.countDown();
        }

        @Override
        public LiveCapture.Drops drops() {
            return new LiveCapture.Drops(times.length, 1, 0);
        }
    }

    private record Seen(int iface, long time) {
    }

    private static long[] every(long first, long step, int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = first + i * step;
        }
        return t;
    }

    @Test
    void framesOfTwoInterfacesComeOutInTimeOrderWithTheInterfaceThatSawThem() throws Exception {
        // A's tap hands over bursts of 50 every 5 ms, B's bursts of 7 every 1 ms; their times interleave
        Scripted a = new Scripted("tap-a", every(1_000, 20, 2_000), 50, 5_000_000L, null);
        Scripted b = new Scripted("tap-b", every(1_010, 20, 2_000), 7, 1_000_000L, null);
        MultiInterfaceCapture both = new MultiInterfaceCapture(List.of(a, b));
        List<Seen> seen = new ArrayList<>();
        Thread stopper = new Thread(() -> {
            LockSupport.parkNanos(1_500_000_000L);
            both.stop();
        });
        stopper.start();
        both.run((iface, bytes, time, length) -> seen.add(new Seen(iface, time)));
        stopper.join();

        assertEquals(4_000, seen.size(), "every frame once");
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(new Seen(i % 2, 1_000 + 10L * i), seen.get(i), "frame " + (i + 1));
        }
        assertEquals(List.of("tap-a", "tap-b"), both.captureInterfaces().stream().map(i -> i.name()).toList());
        assertEquals("tap-a, tap-b", both.name());
        assertEquals(new LiveCapture.Drops(4_000, 2, 0), both.drops(), "the interfaces' counters added up");
        assertEquals(List.of(new InterfaceCount("tap-a", 2_000, new LiveCapture.Drops(2_000, 1, 0)),
                new InterfaceCount("tap-b", 2_000, new LiveCapture.Drops(2_000, 1, 0))), both.perInterface(),
                "and each interface's own");
    }

    @Test
    void aQuietInterfaceHoldsTheOtherBackNoLongerThanTheHold() throws Exception {
        Scripted a = new Scripted("tap-a", every(1_000, 10, 3), 3, 0, null);
        Scripted quiet = new Scripted("tap-b", new long[0], 1, 0, null);
        MultiInterfaceCapture both = new MultiInterfaceCapture(List.of(a, quiet));
        CountDownLatch handedOn = new CountDownLatch(3);
        long start = System.nanoTime();
        long[] after = new long[1];
        Thread run = new Thread(() -> {
            try {
                both.run((iface, bytes, time, length) -> {
                    after[0] = System.nanoTime() - start;
                    handedOn.countDown();
                });
            } catch (LiveCaptureException e) {
                throw new IllegalStateException(e);
            }
        });
        run.start();
        assertTrue(handedOn.await(5, TimeUnit.SECONDS), "handed on although the other interface says nothing");
        assertTrue(after[0] >= MultiInterfaceCapture.HOLD_MILLIS * 1_000_000L * 9 / 10,
                "after the hold, when no earlier frame can still come: " + after[0] / 1e6 + " ms");
        both.stop();
        run.join(5_000);
    }

    @Test
    void aTapThatCapturesNothingWhileTheOtherDoesIsCalledSilentAfterFiveSeconds() {
        io.hascope.analysis.LiveFigures none = new io.hascope.analysis.Analyzer(
                new io.hascope.analysis.AnalysisConfig()).liveFigures();
        LiveCapture.Drops zero = new LiveCapture.Drops(0, 0, 0);
        List<InterfaceCount> oneSided = List.of(new InterfaceCount("b0", 120, zero), new InterfaceCount("b1", 0, zero));
        assertEquals("b1", status(6_000_000_000L, oneSided, none).silentInterface());
        assertEquals(null, status(4_000_000_000L, oneSided, none).silentInterface(), "not in the first five seconds");
        assertEquals(null, status(6_000_000_000L, List.of(new InterfaceCount("b0", 0, zero),
                new InterfaceCount("b1", 0, zero)), none).silentInterface(), "a quiet line is no one-sided capture");
        assertEquals(null, status(6_000_000_000L, List.of(new InterfaceCount("b0", 120, zero),
                new InterfaceCount("b1", 3, zero)), none).silentInterface());
        assertEquals(null, status(6_000_000_000L, List.of(), none).silentInterface(), "one interface");
    }

    private static LiveStatus status(long elapsed, List<InterfaceCount> interfaces,
                                     io.hascope.analysis.LiveFigures figures) {
        long frames = interfaces.stream().mapToLong(InterfaceCount::frames).sum();
        return new LiveStatus(elapsed, frames, frames * 100, frames, frames, 0, 0, 0,
                new LiveCapture.Drops(frames, 0, 0), interfaces, figures, null, null);
    }

    @Test
    void anInterfaceThatFailsEndsTheCaptureAfterHandingOnWhatBothSaw() {
        Scripted a = new Scripted("tap-a", every(1_000, 10, 100), 100, 0, null);
        Scripted failing = new Scripted("tap-b", every(1_005, 10, 10), 10, 0, "capture on tap-b ended: it went away");
        MultiInterfaceCapture both = new MultiInterfaceCapture(List.of(a, failing));
        List<Seen> seen = new ArrayList<>();
        LiveCaptureException e = assertThrows(LiveCaptureException.class,
                () -> both.run((iface, bytes, time, length) -> seen.add(new Seen(iface, time))));
        assertEquals("capture on tap-b ended: it went away", e.getMessage());
        assertEquals(110, seen.size(), "what both interfaces captured is kept");
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).time() >= seen.get(i - 1).time(), "in time order at frame " + (i + 1));
        }
    }
}
