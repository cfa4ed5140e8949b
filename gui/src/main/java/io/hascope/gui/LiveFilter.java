package io.hascope.gui;

import io.hascope.capture.Frame;
import io.hascope.capture.FrameStore;
import io.hascope.decode.Dissector;
import io.hascope.decode.DissectorConfig;
import io.hascope.event.SyncEventSink;
import io.hascope.field.FieldTree;
import io.hascope.filter.DisplayFilter;
import java.io.IOException;
import java.util.Arrays;

/**
 * A display filter over a live capture's frames as they come, as Wireshark filters while it captures: a thread of
 * its own dissects each new frame through a reader of its own and keeps the numbers of those that match; the packet
 * list takes them at each tick. The analysis fields (reply in, lost reply, ...) come with the second pass, once the
 * capture stops and its file opens, so filters on them match nothing until then.
 */
final class LiveFilter {
    private final DisplayFilter filter;
    private final FrameStore frames;
    private final DissectorConfig config;
    private final Thread thread;
    /** Matching frame numbers, in order; published before the count that makes them visible. */
    private volatile int[] matches = new int[1024];
    private volatile int matched;
    private volatile int checked;
    private volatile boolean stopped;
    private volatile Exception failure;
    /** The JavaFX thread's: matches handed to the list so far. */
    private int taken;

    /** Starts filtering frames (a live capture's, as they are added) from the first. */
    LiveFilter(DisplayFilter filter, FrameStore frames, DissectorConfig config) throws IOException {
        this.filter = filter;
        this.frames = frames.secondReader();
        this.config = config;
        this.thread = new Thread(this::run, "hascope-live-filter");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the filter names an analysis field, which matches nothing until the capture stops. */
    boolean waitsForTheAnalysis() {
        return io.hascope.field.AnalysisFields.firstOf(filter.fields()) != null;
    }

    private void run() {
        Dissector dissector = new Dissector(config);
        FieldTree tree = FieldTree.only(filter.fields());
        Frame frame = new Frame();
        try {
            while (!stopped) {
                int size = frames.size();
                if (checked == size) {
                    Thread.sleep(20); // caught up: the capture's next frames come within the tick
                    continue;
                }
                for (int n = checked + 1; n <= size && !stopped; n++) {
                    dissector.dissect(frames.read(n, frame), tree, SyncEventSink.NONE);
                    if (filter.matches(tree)) {
                        add(n);
                    }
                    checked = n;
                }
            }
        } catch (InterruptedException e) {
            // stopped
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            try {
                frames.close();
            } catch (IOException e) {
                // only read from
            }
        }
    }

    private void add(int number) {
        int[] m = matches;
        int n = matched;
        if (n == m.length) {
            m = Arrays.copyOf(m, n * 2);
            matches = m;
        }
        m[n] = number;
        matched = n + 1;
    }

    /** On the JavaFX thread: the frames that matched since the last call, in order. */
    int[] newMatches() {
        int n = matched;
        int[] out = Arrays.copyOfRange(matches, taken, n);
        taken = n;
        return out;
    }

    /** Frames filtered so far. */
    int checked() {
        return checked;
    }

    /** Why filtering stopped early (a frame that could not be read back), or null. */
    Exception failure() {
        return failure;
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }
}
