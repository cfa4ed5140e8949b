package io.hascope.live;

import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.Finding;
import io.hascope.analysis.LiveFigures;
import io.hascope.capture.CaptureWriter;
import io.hascope.decode.DissectorConfig;
import io.hascope.filter.DisplayFilter;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A live capture end to end: the source on its own thread hands every frame to two bounded queues, one drained by
 * the file writer and one by the analysis, so neither can slow capture down and a lagging analysis never costs
 * the file a frame. Whatever is refused is counted and shown, never lost silently. The analysis thread publishes
 * a {@link LiveStatus} and the new findings a few times a second; everything else reads only those.
 */
public final class LiveSession {
    /**
     * Limits: stop after this many frames or this much wall time (≤ 0: none); the file writer's queue in frames and
     * bytes; the analysis queue in frames (bytes as the writer's).
     */
    public record Limits(long maxFrames, long maxNanos, int queueFrames, long queueBytes, int analysisQueueFrames) {
        public static Limits none() {
            return new Limits(0, 0, 1 << 20, 512L << 20, 1 << 20);
        }

        public Limits stoppingAt(long frames, long nanos) {
            return new Limits(frames, nanos, queueFrames, queueBytes, analysisQueueFrames);
        }
    }

    private final FrameSource source;
    private final CaptureWriter writer;
    /** Let go when it has filled the heap (null then): the session's threads need the room to end. */
    private volatile Analyzer analyzer;
    private final DissectorConfig dissectorConfig;
    private final DisplayFilter filter;
    private final Limits limits;
    private final FrameQueue toWriter;
    private final FrameQueue toAnalysis;
    private final ConcurrentLinkedQueue<Finding> newFindings = new ConcurrentLinkedQueue<>();
    private final CountDownLatch done = new CountDownLatch(3);
    private final long startedNanos = System.nanoTime();
    private long stopAfterFrame = Long.MAX_VALUE;
    private long stopAtNanos = Long.MAX_VALUE;
    private volatile long framesCaptured;
    private volatile long bytesCaptured;
    private volatile long framesWritten;
    private volatile long framesAnalysed;
    private volatile LiveFigures figures;
    private volatile String captureError;
    private volatile String writeError;
    private volatile long framesSalvaged = -1;
    private volatile CaptureAnalysis.Run run;
    private volatile Throwable analysisFault;
    private volatile OutOfMemoryError outOfMemory;
    /**
     * Heap set aside from the start and let go when the heap runs out, so that the threads have room to stop the
     * capture, write what was captured and close the file, while what filled the heap is still held.
     */
    private volatile byte[] reserve = new byte[RESERVE_BYTES];
    private static final int RESERVE_BYTES = 8 << 20;
    private volatile LiveFrames viewer;
    /** Until the analysis thread ends: while it runs, it alone can let go of what it holds (at its next frame). */
    private volatile boolean analysisRunning = true;
    private io.hascope.analysis.NamedTaps taps;

    public LiveSession(FrameSource source, CaptureWriter writer, Analyzer analyzer, DissectorConfig dissectorConfig,
                       DisplayFilter filter, Limits limits) {
        this.source = source;
        this.writer = writer;
        this.analyzer = analyzer;
        this.dissectorConfig = dissectorConfig;
        this.filter = filter;
        this.limits = limits;
        this.toWriter = writer == null ? null : new FrameQueue(limits.queueFrames(), limits.queueBytes());
        this.toAnalysis = new FrameQueue(limits.analysisQueueFrames(), limits.queueBytes());
        this.figures = analyzer.liveFigures();
        analyzer.onFinding(newFindings::add); // each as it is made: a report may keep only the first ones
    }

    /** The analysis stops at this frame or time since the first frame (analyze --at); capture goes on. */
    public LiveSession analyseUntil(long frame, long relativeNanos) {
        this.stopAfterFrame = frame;
        this.stopAtNanos = relativeNanos;
        return this;
    }

    /** The taps named by hand (analysis.md §0, --tap): which of the source's interfaces is which DPU's port. */
    public LiveSession withTaps(io.hascope.analysis.NamedTaps taps) {
        this.taps = taps;
        return this;
    }

    /** Frames for a viewer, added as they are written to the file (so they carry the file's numbers). */
    public LiveFrames viewFrames() {
        if (writer == null) {
            throw new IllegalStateException("a viewer follows the written file; give the session a writer");
        }
        if (viewer == null) {
            viewer = new LiveFrames(source.linkType());
        }
        return viewer;
    }

    /** Starts the three threads and returns at once. */
    public void start() throws IOException {
        if (writer != null) {
            for (io.hascope.capture.InterfaceInfo i : source.captureInterfaces()) {
                writer.addInterface(i.linkType(), i.snapLength(), i.name());
            }
        }
        thread("hascope-capture", this::capture).start();
        thread("hascope-writer", this::write).start();
        thread("hascope-analysis", this::analyse).start();
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    private void capture() {
        try {
            source.run(this::onFrame);
        } catch (LiveCaptureException e) {
            captureError = e.getMessage();
        } catch (RuntimeException e) {
            captureError = "capture failed: " + e;
        } catch (OutOfMemoryError e) {
            ranOutOfMemory(e); // the queues close below: what was captured is written and the file closed
        } finally {
            if (toWriter != null) {
                toWriter.close();
            }
            toAnalysis.close();
            done.countDown();
        }
    }

    private void onFrame(int interfaceId, byte[] bytes, long timeNanos, int originalLength) {
        long n = framesCaptured + 1;
        framesCaptured = n;
        bytesCaptured += bytes.length;
        if (toWriter != null && writeError == null) {
            toWriter.offer(interfaceId, bytes, timeNanos, originalLength, n);
        }
        toAnalysis.offer(interfaceId, bytes, timeNanos, originalLength, n);
        if (limits.maxFrames() > 0 && n >= limits.maxFrames()) {
            source.stop();
        }
    }

    private void write() {
        try {
            if (writer == null) {
                return;
            }
            io.hascope.capture.Frame f = new io.hascope.capture.Frame();
            int[] linkTypes = source.captureInterfaces().stream().mapToInt(io.hascope.capture.InterfaceInfo::linkType)
                    .toArray();
            long nextFlush = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (true) {
                if (toWriter.poll(f, linkTypes, 100_000_000L)) {
                    writer.write(f, f.interfaceId());
                    framesWritten++;
                    LiveFrames v = viewer;
                    if (v != null) { // the queue's own array, held until the file has it
                        v.add(f.buffer().array(), f.timeNanos(), f.originalLength(), f.interfaceId(),
                                writer.fileBeingWritten(), writer.lastFrameOffset());
                    }
                } else if (toWriter.finished()) {
                    break;
                }
                if (System.nanoTime() >= nextFlush) {
                    writer.flush(); // a crash of the machine loses at most about a second
                    LiveFrames v = viewer;
                    if (v != null) {
                        v.flushed(); // the viewer reads them back from the file from now on
                    }
                    nextFlush = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
            }
            writer.close();
        } catch (IOException | RuntimeException e) {
            writeError = String.valueOf(e.getMessage());
            framesSalvaged = writer.salvage();
            source.stop();
        } catch (OutOfMemoryError e) {
            ranOutOfMemory(e);
            closeAfterOutOfMemory();
        } finally {
            done.countDown();
        }
    }

    /**
     * The heap ran out between writes, not the disk: what the writer buffered is whole and goes to the file; only if
     * that fails too is the file cut at its last whole frame.
     */
    private void closeAfterOutOfMemory() {
        // the analysis thread lets go of what fills the heap at its next frame; publishing the file allocates (a
        // rename), so it waits for that room, without allocating itself (CI: the file left as NAME.partial)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (analysisRunning && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
        letGoOfAnalysis(); // had it ended first, still holding it for a report that cannot come now
        try {
            writer.close();
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            framesSalvaged = writer.salvage();
        }
    }

    private void analyse() {
        QueueReader reader = new QueueReader(toAnalysis, source, this::publish, () -> outOfMemory != null);
        try {
            run = CaptureAnalysis.run(reader, dissectorConfig, analyzer, stopAfterFrame, stopAtNanos, filter, null,
                    taps);
            if (outOfMemory != null) {
                letGoOfAnalysis(); // the heap ran out on another thread: no report comes of it, and the room helps
                return;
            }
            publish();
            if (run.stoppedEarly()) {
                reader.drain();
            } else {
                framesAnalysed = run.framesRead();
            }
        } catch (QueueReader.Abandoned e) {
            letGoOfAnalysis(); // the heap ran out on another thread: no report comes of it, and the room helps
            reader.drain();
        } catch (IOException | RuntimeException e) {
            analysisFault = e;
            reader.drain();
        } catch (OutOfMemoryError e) {
            // what the analysis holds fills the heap: capturing on without it would only fill the disk unanalysed,
            // and no report can come of it any more, so it goes
            letGoOfAnalysis();
            ranOutOfMemory(e);
            analysisFault = e;
            reader.drain();
        } finally {
            analysisRunning = false;
            done.countDown();
        }
    }

    /**
     * The analysis and the findings not yet shown, let go once the heap has run out: by the analysis thread, or by
     * the writer once that thread has ended.
     */
    private void letGoOfAnalysis() {
        analyzer = null;
        run = null; // it holds the analyzer too
        newFindings.clear();
    }

    /** On the analysis thread: figures for whoever displays them (findings go out as they are made). */
    private void publish() {
        figures = analyzer.liveFigures();
        framesAnalysed = figures.frames();
    }

    /**
     * The heap ran out, on one of the session's threads or on the one following it: the reserve goes, so that there
     * is room to end, and the capture stops; what was captured is written and the file closed. The first error is
     * the one {@link #outOfMemory} gives.
     */
    public void ranOutOfMemory(OutOfMemoryError e) {
        reserve = null;
        if (outOfMemory == null) {
            outOfMemory = e;
        }
        source.stopNow();
    }

    /** Asks the session to end: the source stops, queues drain, the file is closed, the analysis finishes. */
    public void stop() {
        source.stop();
    }

    /** Waits until everything has ended; true when it did within the time. Stops at the wall-clock limit. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            long now = System.nanoTime();
            if (limits.maxNanos() > 0 && now - startedNanos >= limits.maxNanos()) {
                source.stop();
            }
            long wait = Math.min(deadline - now, 50_000_000L);
            if (wait <= 0) {
                return done.getCount() == 0;
            }
            if (done.await(wait, TimeUnit.NANOSECONDS)) {
                return true;
            }
        }
    }

    public boolean finished() {
        return done.getCount() == 0;
    }

    /** Findings the analysis has made certain since the last call (in the order it made them). */
    public Finding nextNewFinding() {
        return newFindings.poll();
    }

    public LiveStatus status() {
        LiveCapture.Drops d = source.drops();
        return new LiveStatus(System.nanoTime() - startedNanos, framesCaptured, bytesCaptured,
                writer == null ? -1 : framesWritten, framesAnalysed, toWriter == null ? 0 : toWriter.refused(),
                toAnalysis.refused(), toAnalysis.depth(), d, source.perInterface(), figures, captureError, writeError);
    }

    /** The analysis run, once finished (null if the analysis itself failed: see {@link #analysisFault()}). */
    public CaptureAnalysis.Run run() {
        return run;
    }

    public Throwable analysisFault() {
        return analysisFault;
    }

    /**
     * The heap ran out on one of the session's threads (null: it did not). No thread dies unnoticed: the capture
     * stops with it, the file is closed whole with every frame written before (all those captured, unless the writer
     * itself ran out), and a command says so as any run out of memory (exit 7).
     */
    public OutOfMemoryError outOfMemory() {
        return outOfMemory;
    }

    /** After a failed write: the frames the salvaged file kept (-1 none). */
    public long framesSalvaged() {
        return framesSalvaged;
    }

    public FrameSource source() {
        return source;
    }

    /** The session's analysis; null once it ran out of memory ({@link #outOfMemory}). */
    public Analyzer analyzer() {
        return analyzer;
    }
}
