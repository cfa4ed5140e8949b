package io.hascope.gui;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * hascope gui --bench FILE: opens the capture in a real window and measures what a user feels. Time to first
 * paint (the packet list drawn with rows) from the JVM's start and from the open; then 300 scrolls, page jumps and
 * go-to-frame jumps, one per frame pulse, timing every pulse: the worst gap between two pulses is the worst stall;
 * then the heap in use after a full collection. Prints one line per figure and exits.
 */
final class GuiBench {
    private final MainWindow window;
    private final Scene scene;
    private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    private long openedNanos;
    private long openedWallMillis;
    private boolean waitingForPaint;
    private final List<Long> pulses = new ArrayList<>();
    /** The kind of operation issued before each pulse (0 wheel, 1 thumb drag, 2 jump), for the worst gap by kind. */
    private final List<Integer> kinds = new ArrayList<>();
    private int lastKind = -1;
    private boolean recording;

    GuiBench(MainWindow window, Scene scene) {
        this.window = window;
        this.scene = scene;
    }

    void run(java.nio.file.Path file) {
        scene.addPostLayoutPulseListener(this::pulse);
        window.whenIndexed(c -> waitingForPaint = true);
        window.whenLoaded(c -> Platform.runLater(() -> {
            System.out.printf(Locale.ROOT, "loaded: %,d frames, index %.2f s, index and analysis %.2f s%n",
                    c.index.size(), c.indexNanos / 1e9, c.loadNanos / 1e9);
            scrolls(c.index.size());
        }));
        openedNanos = System.nanoTime();
        openedWallMillis = System.currentTimeMillis();
        window.open(file);
    }

    private void pulse() {
        long now = System.nanoTime();
        if (waitingForPaint && window.packets.displayed() > 0
                && !window.packets.lookupAll(".table-row-cell").isEmpty()) {
            waitingForPaint = false;
            long sinceOpen = now - openedNanos;
            System.out.printf(Locale.ROOT, "first paint: %.2f s after the JVM started, %.2f s after the open%n",
                    (openedWallMillis - jvmStartMillis) / 1e3 + sinceOpen / 1e9, sinceOpen / 1e9);
        }
        if (recording) {
            pulses.add(now);
            kinds.add(lastKind);
        }
    }

    /** One operation at a time: a wheel scroll, a thumb drag anywhere, or a jump to a frame; then the stalls. */
    private void scrolls(int frames) {
        SplittableRandom random = new SplittableRandom(1);
        int warmUp = 60; // the first operations load classes and compile: reported apart, not hidden
        int operations = warmUp + 300;
        int[] done = {0};
        recording = true;
        Runnable[] step = new Runnable[1];
        step[0] = () -> {
            int kind = done[0] % 3;
            lastKind = kind;
            int row = random.nextInt(frames);
            switch (kind) {
                case 0 -> window.packets.scrollPixels(random.nextInt(-600, 600)); // the mouse wheel
                case 1 -> window.packets.showRow(row); // the scroll bar's thumb dragged anywhere
                default -> window.goTo(row + 1); // Ctrl+G: selects it, the tree and bytes are rebuilt too
            }
            if (++done[0] == warmUp) {
                reportGaps("cold (first 60 operations)");
                pulses.clear();
                kinds.clear();
            }
            if (done[0] < operations) {
                Platform.runLater(step[0]);
            } else {
                Platform.runLater(this::report);
            }
        };
        Platform.runLater(step[0]);
    }

    private void report() {
        recording = false;
        reportGaps("steady (next 300 operations)");
        // off the JavaFX thread and once the window is still: while the software renderer holds a JNI critical
        // section, the JVM turns System.gc() into a young collection, and used heap would count old garbage as live
        Thread measure = new Thread(() -> {
            long live = liveHeapAfterFullCollection();
            System.out.printf(Locale.ROOT, "heap: %s (max %.0f MB)%n", live < 0 ? "no full collection happened"
                    : String.format(Locale.ROOT, "%.0f MB live after a full collection", live / 1e6),
                    Runtime.getRuntime().maxMemory() / 1e6);
            // not Platform.exit() first: it disposes the renderer while the JavaFX thread may still be picking the
            // node under the pointer for a queued mouse event, which then fails (seen in 2 of 6 runs under Xvfb)
            System.exit(0);
        }, "bench-heap");
        measure.start();
    }

    /** Heap in use right after a full collection that really happened (counted by the collectors), or -1. */
    private static long liveHeapAfterFullCollection() {
        for (int attempt = 0; attempt < 20; attempt++) {
            long before = fullCollections();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            System.gc();
            if (fullCollections() > before) {
                return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            }
        }
        return -1;
    }

    private static long fullCollections() {
        long n = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Young") && !gc.getName().contains("Copy") && !gc.getName().contains("Scavenge")
                    && !gc.getName().contains("Pauses")) {
                n += gc.getCollectionCount();
            }
        }
        return n;
    }

    private void reportGaps(String phase) {
        long worst = 0;
        long total = 0;
        long[] worstByKind = new long[3];
        for (int i = 1; i < pulses.size(); i++) {
            long gap = pulses.get(i) - pulses.get(i - 1);
            worst = Math.max(worst, gap);
            total += gap;
            if (kinds.get(i) >= 0) {
                worstByKind[kinds.get(i)] = Math.max(worstByKind[kinds.get(i)], gap);
            }
        }
        System.out.printf(Locale.ROOT, "scrolling, %s: %d pulses, mean %.1f ms between pulses, worst %.1f ms%n",
                phase, pulses.size(), pulses.size() < 2 ? 0 : total / 1e6 / (pulses.size() - 1),
                worst / 1e6);
        List<Integer> order = new ArrayList<>();
        for (int i = 1; i < pulses.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Long.compare(pulses.get(b) - pulses.get(b - 1), pulses.get(a) - pulses.get(a - 1)));
        StringBuilder top = new StringBuilder();
        for (int k = 0; k < Math.min(5, order.size()); k++) {
            int i = order.get(k);
            top.append(String.format(Locale.ROOT, " #%d %.0f ms", i, (pulses.get(i) - pulses.get(i - 1)) / 1e6));
        }
        System.out.println("  longest gaps (pulse number, gap):" + top);
        System.out.printf(Locale.ROOT, "  worst gap after a wheel scroll %.1f ms, a thumb drag %.1f ms, a jump to a frame %.1f ms%n",
                worstByKind[0] / 1e6, worstByKind[1] / 1e6, worstByKind[2] / 1e6);
    }
}
