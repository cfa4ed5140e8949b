package io.hascope.live;

import io.hascope.capture.InterfaceInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Several interfaces captured at once (a tap at each DPU's port: {@code live -i A -i B}), each on its own thread,
 * handed on as one capture in time order, numbered by interface as given. Each interface's frames come in time
 * order but late by up to libpcap's buffer timeout, so a frame waits until every other interface has shown a later
 * one, has ended, or {@value #HOLD_MILLIS} ms have passed: then no earlier frame can still come. Two taps need that
 * order, since an arrival must follow its departure.
 */
public final class MultiInterfaceCapture implements FrameSource {
    /** libpcap delivers a buffer up to its 50 ms timeout late, and an idle capture loop sleeps up to 10 ms. */
    static final long HOLD_MILLIS = 200;
    private static final long HOLD_NANOS = HOLD_MILLIS * 1_000_000L;

    private record Waiting(byte[] bytes, long timeNanos, int originalLength, long heldSince) {
    }

    private final List<FrameSource> captures;
    private final List<ArrayDeque<Waiting>> waiting = new ArrayList<>();
    private final boolean[] ended;
    /** Frames handed on per interface (written by the merging thread, read by any). */
    private final java.util.concurrent.atomic.AtomicLongArray handedOn;
    private final Object lock = new Object();
    /** The heap ran out on an interface's thread: the whole capture ends, and run throws it. */
    private volatile OutOfMemoryError outOfMemory;

    public MultiInterfaceCapture(List<? extends FrameSource> captures) {
        if (captures.size() < 2) {
            throw new IllegalArgumentException("a merged capture needs two interfaces or more");
        }
        this.captures = List.copyOf(captures);
        for (int i = 0; i < captures.size(); i++) {
            waiting.add(new ArrayDeque<>());
        }
        this.ended = new boolean[captures.size()];
        this.handedOn = new java.util.concurrent.atomic.AtomicLongArray(captures.size());
    }

    /**
     * Opens each interface with the same options: one is returned as it is, several merged. When one cannot be
     * opened, those already open are closed and its failure thrown.
     */
    public static FrameSource open(List<String> interfaces, int snapLength, int bufferBytes, String filter,
                                   boolean promiscuous) throws LiveCaptureException {
        List<LiveCapture> opened = new ArrayList<>();
        try {
            for (String i : interfaces) {
                opened.add(LiveCapture.open(new LiveCapture.Options(i, snapLength, bufferBytes, filter, promiscuous)));
            }
        } catch (LiveCaptureException | RuntimeException | LinkageError e) {
            opened.forEach(LiveCapture::close);
            throw e;
        }
        return opened.size() == 1 ? opened.get(0) : new MultiInterfaceCapture(opened);
    }

    @Override
    public String name() {
        return String.join(", ", captures.stream().map(FrameSource::name).toList());
    }

    @Override
    public int linkType() {
        return captures.get(0).linkType();
    }

    @Override
    public int snapLength() {
        return captures.get(0).snapLength();
    }

    @Override
    public List<InterfaceInfo> captureInterfaces() {
        List<InterfaceInfo> all = new ArrayList<>();
        for (int i = 0; i < captures.size(); i++) {
            FrameSource c = captures.get(i);
            all.add(new InterfaceInfo(i, c.linkType(), c.snapLength(), c.name(), null, 1_000_000_000L, 0));
        }
        return all;
    }

    /**
     * Captures on every interface until {@link #stop()} or an interface fails; then stops the others, hands on what
     * they had, and throws the first failure.
     */
    @Override
    public void run(LiveCapture.Handler handler) throws LiveCaptureException {
        LiveCaptureException[] failure = new LiveCaptureException[1];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < captures.size(); i++) {
            int id = i;
            Thread t = new Thread(() -> capture(id, failure), "hascope-capture-" + captures.get(i).name());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        while (true) {
            boolean allEnded = handOn(handler);
            if (allEnded) {
                break;
            }
            LockSupport.parkNanos(1_000_000L);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (outOfMemory != null) {
            throw outOfMemory;
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private void capture(int id, LiveCaptureException[] failure) {
        try {
            captures.get(id).run((ignored, bytes, time, originalLength) -> {
                synchronized (lock) {
                    waiting.get(id).addLast(new Waiting(bytes, time, originalLength, System.nanoTime()));
                }
            });
        } catch (LiveCaptureException | RuntimeException e) {
            synchronized (lock) {
                if (failure[0] == null) {
                    failure[0] = e instanceof LiveCaptureException l ? l
                            : new LiveCaptureException("capture on " + captures.get(id).name() + " failed: " + e, false);
                }
            }
            stop(); // one tap gone makes the pair's capture one-sided: end it, keeping what was captured
        } catch (OutOfMemoryError e) {
            outOfMemory = e; // handed on from run, where the session ends the capture
            stopNow();
        } finally {
            synchronized (lock) {
                ended[id] = true;
            }
        }
    }

    /** Hands on every frame no earlier one can still come before; true once all interfaces ended and all is out. */
    private boolean handOn(LiveCapture.Handler handler) {
        while (true) {
            int next;
            Waiting w;
            synchronized (lock) {
                next = earliestReady(System.nanoTime());
                if (next < 0) {
                    boolean allOut = true;
                    for (int i = 0; i < ended.length; i++) {
                        allOut &= ended[i] && waiting.get(i).isEmpty();
                    }
                    return allOut;
                }
                w = waiting.get(next).pollFirst();
            }
            handedOn.lazySet(next, handedOn.get(next) + 1);
            handler.frame(next, w.bytes(), w.timeNanos(), w.originalLength());
        }
    }

    /** The interface whose first waiting frame is the earliest, if nothing earlier can still come; else -1. */
    private int earliestReady(long now) {
        int earliest = -1;
        for (int i = 0; i < waiting.size(); i++) {
            Waiting head = waiting.get(i).peekFirst();
            if (head != null && (earliest < 0 || head.timeNanos() < waiting.get(earliest).peekFirst().timeNanos())) {
                earliest = i;
            }
        }
        if (earliest < 0) {
            return -1;
        }
        Waiting candidate = waiting.get(earliest).peekFirst();
        if (now - candidate.heldSince() >= HOLD_NANOS) {
            return earliest;
        }
        for (int i = 0; i < waiting.size(); i++) {
            if (i != earliest && waiting.get(i).isEmpty() && !ended[i]) {
                return -1; // that interface may still show an earlier frame
            }
        }
        return earliest;
    }

    @Override
    public void stop() {
        for (FrameSource c : captures) {
            c.stop();
        }
    }

    @Override
    public void stopNow() {
        for (FrameSource c : captures) {
            c.stopNow();
        }
    }

    @Override
    public List<InterfaceCount> perInterface() {
        List<InterfaceCount> all = new ArrayList<>();
        for (int i = 0; i < captures.size(); i++) {
            all.add(new InterfaceCount(captures.get(i).name(), handedOn.get(i), captures.get(i).drops()));
        }
        return all;
    }

    /** The interfaces' counters added up. */
    @Override
    public LiveCapture.Drops drops() {
        long received = 0;
        long kernel = 0;
        long iface = 0;
        for (FrameSource c : captures) {
            LiveCapture.Drops d = c.drops();
            received += d.received();
            kernel += d.droppedByKernel();
            iface += d.droppedByInterface();
        }
        return new LiveCapture.Drops(received, kernel, iface);
    }

    @Override
    public void close() {
        for (FrameSource c : captures) {
            c.close();
        }
    }
}
