package io.hascope.cli;

import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.capture.PcapngWriter;
import io.hascope.decode.Dissector;
import io.hascope.decode.DissectorConfig;
import io.hascope.event.SyncEventSink;
import io.hascope.event.SyncMessage;
import io.hascope.event.SyncPacket;
import io.hascope.field.FieldSink;
import io.hascope.gen.SyncTrafficGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * hascope bench: decode throughput on a generated capture, and `decode -T fields` against tshark on the same file,
 * each as a fresh process timed from the outside, the two tools' runs taken in turn, reported as a ratio. Not a unit
 * test: figures depend on the machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Measure decoding and analysis speed, side by side with tshark",
        description = {"Measure decoding speed on a generated capture of realistic sync traffic, and run",
                "`hascope decode -T fields` and `tshark -T fields` (8 columns each) side by side on the same file."})
public final class BenchCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("frame.number", "frame.time_epoch", "frame.len", "ip.src", "ip.dst",
            "udp.srcport", "udp.dstport", "udp.length");
    static final List<String> HASYNC_COLUMNS = List.of("frame.number", "ip.src", "hasync.flags.reply",
            "hasync.msg_count", "hasync.opaque", "hasync.msg.type", "hasync.state.op", "hasync.state.version");

    private static volatile long blackhole;

    @Option(names = "--frames", paramLabel = "N", description = "Frames in the generated capture (default 1000000)")
    int frames = 1_000_000;

    @Option(names = "-r", paramLabel = "FILE", description = "Benchmark this capture instead of a generated one")
    Path file;

    @Option(names = "--rounds", paramLabel = "N", description = "Timed rounds of the in-process decode (default 5)")
    int rounds = 5;

    @Option(names = "--coalescing", paramLabel = "MIX",
            description = "Mix of the generated capture: LOAD (default, mean 10 messages per request) or UNIFORM (1-60)")
    SyncTrafficGenerator.Coalescing coalescing = SyncTrafficGenerator.Coalescing.LOAD;

    @Option(names = "--runs", paramLabel = "N",
            description = "Times each command is run, the commands in turn; the median counts (default 3)")
    int runs = 3;

    @Option(names = "--no-tshark", description = "Skip the side-by-side run against tshark")
    boolean noTshark;

    @Option(names = "--events-only", description = "Only measure decoding into events")
    boolean eventsOnly;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--analyze", description = "Measure `analyze` instead: end-to-end messages/s on one thread, heap"
            + " per live connection, and `analyze` against `tshark -T fields -e udp.length` on the same file")
    boolean analyze;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || runs < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), (rounds < 1 ? "--rounds" : "--runs")
                    + " needs at least 1, not " + (rounds < 1 ? rounds : runs));
        }
        if (file != null && !java.nio.file.Files.isReadable(file)) {
            throw new Main.UnreadableCapture(file + ": no such file (or not readable)");
        }
        if (analyze) {
            if (file == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--analyze needs -r FILE: a capture whose connections make sense, such as `hascope simulate`"
                                + " writes (the generated bench traffic keeps no tables)");
            }
            return new AnalyzeBench(file, rounds, runs, noTshark).run();
        }
        Path capture = file != null ? file : generated();
        long size = Files.size(capture);
        System.out.printf("capture: %s (%,d bytes)%n", capture, size);
        System.out.printf("machine: %s, %d cores, Java %s%n", cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        // Whole processes first, on a quiet machine: the in-process passes below write a large file whose
        // write-back would otherwise run under the timed processes.
        if (!eventsOnly) {
            processRuns(capture);
        }
        long[] counts = new long[3];
        double[] eventRates = new double[rounds + 1];
        double[] messageRates = new double[rounds + 1];
        for (int round = 0; round <= rounds; round++) { // round 0 warms the JIT and the page cache
            long start = System.nanoTime();
            eventPass(capture, counts);
            double seconds = (System.nanoTime() - start) / 1e9;
            eventRates[round] = counts[0] / seconds;
            messageRates[round] = counts[2] / seconds;
        }
        System.out.printf("frames %,d, sync packets %,d, messages %,d%n", counts[0], counts[1], counts[2]);
        System.out.printf("decode into events, one thread (%d rounds): median %.2f M frames/s, %.1f M messages/s;"
                        + " best %.2f M frames/s, %.1f M messages/s%n", rounds, median(eventRates) / 1e6,
                median(messageRates) / 1e6, max(eventRates) / 1e6, max(messageRates) / 1e6);
        if (!eventsOnly) {
            double writeRate = writePass(capture, counts[0]);
            System.out.printf("pcapng writer (copying every frame of the capture to a new file): %.2f M frames/s%n",
                    writeRate / 1e6);
        }
        return ExitCode.OK;
    }

    /** hascope and tshark as fresh processes on the same file, same 8 columns, median wall time, run in turn. */
    private void processRuns(Path capture) throws IOException, InterruptedException {
        long frames = countFrames(capture);
        List<List<String>> commands = new ArrayList<>(List.of(ourCommand(capture, COLUMNS),
                ourCommand(capture, HASYNC_COLUMNS)));
        boolean withTshark = !noTshark && tsharkRuns();
        if (withTshark) {
            List<String> tshark = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString(), "-T", "fields"));
            for (String c : COLUMNS) {
                tshark.add("-e");
                tshark.add(c);
            }
            commands.add(tshark);
        }
        System.out.printf("median of %d runs each, taken in turn, wall time including JVM start:%n", runs);
        double[][] times = timeInTurn(commands, runs);
        double ours = medianOf(times[0]);
        System.out.printf("hascope decode -T fields (8 columns), fresh JVM: %.2f s, %.0f k frames/s%n", ours,
                frames / ours / 1e3);
        double oursHasync = medianOf(times[1]);
        System.out.printf("hascope decode -T fields (8 hasync columns, every occurrence), fresh JVM: %.2f s,"
                + " %.0f k frames/s%n", oursHasync, frames / oursHasync / 1e3);
        if (!withTshark) {
            return;
        }
        double theirs = medianOf(times[2]);
        System.out.printf("tshark -T fields (same 8 columns): %.2f s, %.0f k frames/s%n", theirs, frames / theirs / 1e3);
        System.out.printf("ratio: hascope is %.1fx the speed of tshark on this file (run by run: %s)%n", theirs / ours,
                pairRatios(times[0], times[2]));
    }

    private static long countFrames(Path capture) throws IOException {
        long n = 0;
        try (CaptureReader reader = Captures.open(capture.toString())) {
            Frame frame = new Frame();
            while (reader.next(frame)) {
                n++;
            }
        }
        return n;
    }

    private Path generated() throws IOException {
        Path path = Path.of(System.getProperty("java.io.tmpdir"), "hascope-bench-" + frames + "-"
                + coalescing.name().toLowerCase(java.util.Locale.ROOT) + ".pcapng");
        if (!Files.exists(path)) {
            System.out.printf("generating %,d frames into %s …%n", frames, path);
            try (PcapngWriter writer = new PcapngWriter(path, "hascope bench")) {
                SyncTrafficGenerator.realistic(1, coalescing).write(writer, frames);
            }
        }
        return path;
    }

    /** Frames per second of reading the capture and writing every frame to a new pcapng (best of 3). */
    private static double writePass(Path capture, long frames) throws IOException {
        Path out = Files.createTempFile("hascope-bench-write", ".pcapng");
        double best = 0;
        try {
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                try (CaptureReader reader = Captures.open(capture.toString());
                     PcapngWriter writer = new PcapngWriter(out, "hascope bench")) {
                    writer.addInterface(io.hascope.capture.LinkType.ETHERNET, 65535, null);
                    Frame frame = new Frame();
                    while (reader.next(frame)) {
                        writer.write(frame, 0);
                    }
                }
                best = Math.max(best, frames / ((System.nanoTime() - start) / 1e9));
            }
        } finally {
            Files.deleteIfExists(out);
        }
        return best;
    }

    /** Frames, sync packets and messages of capture, into counts[0..2], through the dissector's event path. */
    static void eventPass(Path capture, long[] counts) throws IOException {
        CountingSink sink = new CountingSink();
        long frameCount = 0;
        try (CaptureReader reader = Captures.open(capture.toString())) {
            Dissector dissector = new Dissector(DissectorConfig.defaults());
            Frame frame = new Frame();
            while (reader.next(frame)) {
                dissector.dissect(frame, FieldSink.NONE, sink);
                frameCount++;
            }
        }
        blackhole = sink.checksum; // the sink's work is observable, so the JIT cannot drop it
        counts[0] = frameCount;
        counts[1] = sink.packets;
        counts[2] = sink.messages;
    }

    /** What an analysis would touch of each event, summed so the JIT cannot drop it. */
    static final class CountingSink implements SyncEventSink {
        long packets;
        long messages;
        long checksum;

        @Override
        public void onPacketStart(SyncPacket p) {
            packets++;
            checksum += p.term + p.messageCount + p.source.low();
        }

        @Override
        public void onMessage(SyncPacket p, SyncMessage m) {
            messages++;
            checksum += m.version + m.sourcePort + m.connectionState + m.destination.low();
        }
    }

    static List<String> javaCommand(String... args) {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBinary));
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static List<String> ourCommand(Path capture, List<String> columns) {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the JVM options of this process are those the launcher chose (HASCOPE_JAVA_OPTS or its default)
        List<String> cmd = new ArrayList<>(List.of(javaBinary));
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "decode", "-r",
                capture.toString(), "-T", "fields"));
        for (String c : columns) {
            cmd.add("-e");
            cmd.add(c);
        }
        return cmd;
    }

    /**
     * Each command's wall time in runs executions, taken in turn (the first, the second, ..., then the first again):
     * this VM's speed drifts by tens of percent within minutes, and a block of one tool's runs then another's would
     * hand the drift to the ratio. times[c][i] is command c's i-th run.
     */
    static double[][] timeInTurn(List<List<String>> commands, int runs) throws IOException, InterruptedException {
        double[][] times = new double[commands.size()][Math.max(1, runs)];
        for (int i = 0; i < times[0].length; i++) {
            for (int c = 0; c < commands.size(); c++) {
                times[c][i] = timeOnce(commands.get(c));
            }
        }
        return times;
    }

    static double medianOf(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** "a–b" of theirs[i] / ours[i], the ratio of each turn's pair of runs. */
    static String pairRatios(double[] ours, double[] theirs) {
        double low = Double.MAX_VALUE;
        double high = 0;
        for (int i = 0; i < ours.length; i++) {
            low = Math.min(low, theirs[i] / ours[i]);
            high = Math.max(high, theirs[i] / ours[i]);
        }
        return String.format("%.1f–%.1fx", low, high);
    }

    /** Whether a tshark runs here; if not, says so in one line (the reason) and the comparison is left out. */
    static boolean tsharkRuns() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() == 0) {
                return true;
            }
            System.out.println("tshark: not run (tshark --version exited with " + p.exitValue() + ")");
        } catch (IOException e) {
            System.out.println("tshark: not run (" + e.getMessage() + "); install Debian's tshark for the comparison");
        }
        return false;
    }

    /**
     * One run's wall time. What the tool says on stderr is kept aside and shown only if it fails: tshark run as root
     * warns on every start, and those lines would split the bench's own output.
     */
    static double timeOnce(List<String> command) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("hascope-bench-stderr", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile());
            long start = System.nanoTime();
            Process p = pb.start();
            int rc = p.waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (rc != 0) {
                String said = Files.readString(errors).strip();
                throw new IOException(command.get(0) + " exited with " + rc + (said.isEmpty() ? "" : ": " + said));
            }
            return seconds;
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: the model stays unknown
        }
        return "unknown CPU";
    }

    private static double median(double[] rates) {
        double[] timed = Arrays.copyOfRange(rates, 1, rates.length);
        Arrays.sort(timed);
        return timed[timed.length / 2];
    }

    private static double max(double[] rates) {
        return Arrays.stream(rates, 1, rates.length).max().orElse(0);
    }
}
