package io.hascope.cli;

import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.DpuState;
import io.hascope.analysis.Finding;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.decode.DissectorConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/** `bench --analyze`: the figures issue 4 asks for, on one capture, with tshark beside it. */
final class AnalyzeBench {
    private final Path capture;
    private final int rounds;
    private final int runs;
    private final boolean noTshark;

    AnalyzeBench(Path capture, int rounds, int runs, boolean noTshark) {
        this.capture = capture;
        this.rounds = rounds;
        this.runs = runs;
        this.noTshark = noTshark;
    }

    int run() throws Exception {
        System.out.printf("capture: %s (%,d bytes)%n", capture, Files.size(capture));
        System.out.printf("machine: %s, %d cores, Java %s%n", BenchCommand.cpuModel(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        long[] counts = countMessages();
        System.out.printf("frames %,d, sync packets %,d, messages %,d%n", counts[0], counts[1], counts[2]);

        List<List<String>> commands = new ArrayList<>(List.of(BenchCommand.javaCommand("analyze", "-q", "--format",
                "json", "-r", capture.toString())));
        boolean withTshark = !noTshark && BenchCommand.tsharkRuns();
        if (withTshark) {
            commands.add(List.of("tshark", "-n", "-r", capture.toString(), "-T", "fields", "-e", "udp.length"));
        }
        System.out.printf("median of %d runs each, taken in turn, wall time including JVM start:%n", runs);
        double[][] times = BenchCommand.timeInTurn(commands, runs);
        double ours = BenchCommand.medianOf(times[0]);
        System.out.printf("hascope analyze, fresh JVM: %.2f s, %.2f M messages/s%n", ours, counts[2] / ours / 1e6);
        double theirs = Double.NaN;
        if (withTshark) {
            theirs = BenchCommand.medianOf(times[1]);
            System.out.printf("tshark -T fields -e udp.length: %.2f s%n", theirs);
            System.out.printf("ratio: hascope analyze is %.1fx the speed of tshark on this file (run by run: %s)%n",
                    theirs / ours, BenchCommand.pairRatios(times[0], times[1]));
        }

        double[] rates = new double[rounds + 1];
        for (int round = 0; round <= rounds; round++) { // round 0 warms the JIT and the page cache
            long start = System.nanoTime();
            analyse(Long.MAX_VALUE);
            rates[round] = counts[2] / ((System.nanoTime() - start) / 1e9);
        }
        double[] timed = Arrays.copyOfRange(rates, 1, rates.length);
        Arrays.sort(timed);
        double median = timed[timed.length / 2];
        System.out.printf("analysis in process, one thread (%d rounds): median %.2f M messages/s, best %.2f M"
                + " messages/s%n", rounds, median / 1e6, timed[timed.length - 1] / 1e6);
        double steady = counts[2] / median;
        System.out.printf("the command's time beyond the in-process median (JVM start, compilers' warm-up): %.2f s%n",
                ours - steady);
        if (!Double.isNaN(theirs)) {
            // the ratio if a fresh JVM cost nothing: what no start-up work can raise the command's ratio above
            System.out.printf("in process against tshark: %.1fx%n", theirs / steady);
        }

        heapPerConnection(counts[0]);
        return ExitCode.OK;
    }

    /**
     * Heap the analysis retains, halfway through the capture (the tables are at their steady size there), divided by
     * the connections it holds then: the heap a full collection left live with the analysis, then again once it is
     * dropped. Both readings are taken at the same point, so what earlier rounds left behind counts in neither. Live
     * heap is what {@code jcmd PID GC.class_histogram} counts (its full collection, then every live object), asked in
     * process: the heap in use after {@code System.gc()} still held some 13 MB that collection frees, and moved by
     * ±25 bytes per connection from run to run. The findings made so far are weighed apart (a third reading, with
     * only them kept): they grow with what went wrong, not with the connections live.
     */
    private void heapPerConnection(long frames) throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Analyzer analyzer = analyse(frames / 2);
        long entries = 0;
        long owned = 0;
        for (DpuState d : analyzer.tables().values()) {
            entries += d.own().size() + d.peer().size();
            owned += d.own().size();
        }
        List<Finding> findings = new ArrayList<>(analyzer.findings());
        boolean noTables = analyzer.tables().isEmpty();
        settle(memory);
        long with = liveHeap();
        analyzer = null; // from here it is garbage, and nothing else changed
        settle(memory);
        long findingsOnly = liveHeap();
        int findingCount = findings.size();
        findings = null;
        settle(memory);
        long none = liveHeap();
        long byFindings = findingsOnly - none;
        long retained = with - none - byFindings;
        System.out.printf("heap retained at frame %,d: %,d bytes for %,d live connections (%,d table entries, own and"
                        + " peer): %.0f bytes per connection, %.0f per entry; %s%n", frames / 2,
                retained, owned, entries, retained / (double) Math.max(1, owned),
                retained / (double) Math.max(1, entries), findingCount == 0 ? "no findings so far"
                        : String.format("%,d findings so far, %,d bytes besides (%.0f per finding)", findingCount,
                        byFindings, byFindings / (double) findingCount));
        if (noTables) {
            System.out.println("(no tables: nothing to divide by)");
        }
    }

    /**
     * Full collections until the heap stops shrinking: right after a run, objects waiting for the JVM's reference
     * processing (finalizers, cleaners) are still counted, about 10 MB here, which a single collection keeps.
     */
    private static void settle(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            memory.gc();
            System.runFinalization();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = memory.getHeapMemoryUsage().getUsed();
            if (i >= 2 && now >= used) {
                return;
            }
            used = now;
        }
    }

    /** Bytes of live objects, by the class histogram's full collection (the "Total" line of GC.class_histogram). */
    private static long liveHeap() throws IOException {
        try {
            Object histogram = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(histogram.toString());
            if (!total.find()) {
                throw new IOException("the class histogram has no Total line");
            }
            return Long.parseLong(total.group(1));
        } catch (JMException e) {
            throw new IOException("cannot read the class histogram: " + e.getMessage(), e);
        }
    }

    private Analyzer analyse(long stopAfterFrame) throws IOException {
        Analyzer analyzer = new Analyzer(new AnalysisConfig());
        try (CaptureReader reader = Captures.open(capture.toString())) {
            CaptureAnalysis.run(reader, DissectorConfig.defaults(), analyzer, stopAfterFrame, Long.MAX_VALUE);
        }
        return analyzer;
    }

    private long[] countMessages() throws IOException {
        long[] counts = new long[3];
        BenchCommand.eventPass(capture, counts);
        return counts;
    }
}
