package io.hascope.cli;

import io.hascope.analysis.NamedTaps;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.MergingReader;
import io.hascope.decode.DissectorConfig;
import io.hascope.live.FrameSource;
import io.hascope.live.LiveCapture;
import io.hascope.live.MultiInterfaceCapture;
import io.hascope.live.RingFileWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** hascope live: capture a DPU mirror port, keep the raw frames, and analyse them as they come. */
@Command(name = "live", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Capture from an interface, write it and analyse it as it comes",
        description = {"Capture HA traffic from an interface (libpcap), write it (-w, with ring buffers), and analyse it",
                "as it comes: a status screen once a second on a terminal (or JSON lines with --format json), and at",
                "the end (autostop, Ctrl-C) the same report analyze gives on the written capture.",
                "Exit 0, or 1 by --fail-on; 2 bad options; 5 the file could not be written; 6 capture failed."})
public final class LiveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-i", paramLabel = "IFACE", description = "Interface to capture on; repeat it for a tap at each"
            + " DPU's port (as dumpcap: one pcapng interface each, the frames merged in time order). - reads a"
            + " capture from standard input as its writer writes it, as tshark -i - (ssh dpu tcpdump -w - |"
            + " hascope live -i -)")
    List<String> ifaces = new ArrayList<>();

    @Option(names = "--tap", paramLabel = "ADDR=IFACE", description = "Name a DPU's tap (repeat, one per DPU): its"
            + " address, then the -i interface its mirror port is on (name, or number from 0 in -i order). Two taps"
            + " from the first frame; a frame seen only arriving still arrived. Without it, taps are recognised")
    List<String> taps = new ArrayList<>();

    @Option(names = "-D", description = "List the interfaces that can be captured on, and exit")
    boolean list;

    @Option(names = "-f", paramLabel = "BPF", description = "Capture filter (default: the hasync and DP ports and"
            + " EtherType 0x876D, tagged or not; '' captures everything)")
    String captureFilter;

    @Option(names = "-s", paramLabel = "SNAPLEN", description = "Bytes kept of each frame (default 65535)")
    int snapLength = 65535;

    @Option(names = "-B", paramLabel = "MiB", description = "Kernel capture buffer in MiB (default 64)")
    int bufferMiB = 64;

    @Option(names = "-p", description = "Do not put the interface into promiscuous mode")
    boolean noPromiscuous;

    @Option(names = "-w", paramLabel = "FILE", description = "Write every captured frame to this pcapng")
    String write;

    @Option(names = "-b", paramLabel = "KEY:VALUE", description = "Ring buffer: filesize:MB, duration:S, files:N")
    List<String> ring = new ArrayList<>();

    @Option(names = "-a", paramLabel = "KEY:VALUE", description = "Autostop: duration:S, packets:N")
    List<String> autostop = new ArrayList<>();

    @Option(names = "-q", description = "No status screen; only the new findings and the final report")
    boolean quiet;

    @Mixin
    AnalysisOptions analysis;

    @Mixin
    DissectorOptions dissectorOptions;

    private long ringBytes;
    private long ringSpan;
    private int ringFiles;
    private long stopFrames;
    private long stopNanos;

    @Override
    public Integer call() throws Exception {
        if (list) {
            return listInterfaces();
        }
        if (ifaces.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "say which interface to capture on with -i (-D lists them)");
        }
        if (ifaces.contains("-")) {
            return fromPipe();
        }
        checkOptions();
        NamedTaps namedTaps = namedTaps();
        prepareAnalysis();
        DissectorConfig dissector = dissectorOptions.config();
        String filter = captureFilter != null ? captureFilter : LiveCapture.defaultFilter(dissectorOptions.hasyncPortsOrDefault(),
                dissectorOptions.dpPortsOrDefault());
        // a LiveCaptureException is one sentence and exit 2 or 6 (Main)
        FrameSource capture = MultiInterfaceCapture.open(ifaces, snapLength, bufferMiB << 20, filter, !noPromiscuous);
        RingFileWriter writer = write == null ? null : new RingFileWriter(Path.of(write), "hascope live", ringBytes,
                ringSpan, ringFiles);
        try {
            return LiveRun.run(capture, writer, analysis, dissector, stopFrames, stopNanos, quiet,
                    "capturing on " + String.join(", ", ifaces),
                    (filter.isBlank() ? "no capture filter" : "capture filter: " + filter)
                            + (namedTaps == null ? "" : "; taps " + String.join(", ", taps)), namedTaps);
        } finally {
            closeEnded(capture);
        }
    }

    /** The analysis options as a live session takes them: its findings kept up to a limit, JSON a line each. */
    void prepareAnalysis() {
        if (analysis.keepFindings == null) {
            analysis.keepFindings = 1_000_000L; // half a GB of heap: a session may run for days, each shown as it came
        }
        analysis.validate();
        analysis.prettyJson = false;
    }

    /**
     * -i -: a capture read from standard input as its writer writes it (tshark's -i -), for a mirror port on another
     * machine (ssh dpu tcpdump -w - | hascope live -i -). Its taps are the interfaces its file declares, named by
     * their names or numbers.
     */
    private int fromPipe() throws Exception {
        if (ifaces.size() > 1) {
            throw new ParameterException(spec.commandLine(), "-i - reads one pipe: a tap at each DPU's port comes in"
                    + " it as two interfaces of one pcapng (dumpcap -i A -i B -w -), not as two -i");
        }
        if (captureFilter != null) {
            throw new ParameterException(spec.commandLine(), "-f filters what an interface captures; a pipe carries"
                    + " what its writer captured (give the filter to tcpdump)");
        }
        checkOptions();
        prepareAnalysis();
        System.err.println("hascope: waiting for the first frame on standard input");
        CaptureReader opened = Main.open("-");
        FrameSource pipe = io.hascope.live.PipeSource.open(opened, "standard input");
        try {
            NamedTaps namedTaps = null;
            if (!taps.isEmpty()) {
                List<String> names = pipe.interfaceNames();
                if (names.size() < 2) {
                    throw new ParameterException(spec.commandLine(), "--tap names a tap at each DPU's port: the pipe"
                            + " brings one interface");
                }
                try {
                    namedTaps = NamedTaps.parseLive(taps, names);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
            }
            RingFileWriter writer = write == null ? null : new RingFileWriter(Path.of(write), "hascope live",
                    ringBytes, ringSpan, ringFiles);
            return LiveRun.run(pipe, writer, analysis, dissectorOptions.config(), stopFrames, stopNanos, quiet,
                    "reading standard input", namedTaps == null ? "" : "taps " + String.join(", ", taps), namedTaps);
        } finally {
            closeEnded(pipe);
        }
    }

    /**
     * Closes a capture that has ended. Not with try-with-resources: with the heap out the JVM throws one
     * OutOfMemoryError object again and again, and the close's, added to the run's as suppressed, would be the same
     * object, which Java refuses (an internal error instead of exit 7).
     */
    private static void closeEnded(FrameSource capture) {
        try {
            capture.close();
        } catch (RuntimeException | OutOfMemoryError e) {
            // it captures no more either way; the handle goes with the process
        }
    }

    /** --tap resolved against the -i interfaces, or null without it. */
    private NamedTaps namedTaps() {
        if (taps.isEmpty()) {
            return null;
        }
        if (ifaces.size() < 2) {
            throw new ParameterException(spec.commandLine(), "--tap names a tap at each DPU's port: capture on each"
                    + " with its own -i");
        }
        try {
            return NamedTaps.parseLive(taps, ifaces);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private int listInterfaces() throws Exception {
        List<LiveCapture.Interface> all = LiveCapture.interfaces();
        Writer out = Main.stdout();
        int n = 1;
        for (LiveCapture.Interface i : all) {
            out.write(n++ + ". " + i.name() + (i.description() == null ? "" : " (" + i.description() + ")")
                    + (i.addresses().isEmpty() ? "" : "  " + String.join(", ", i.addresses()))
                    + (i.up() ? "" : "  [down]") + "\n");
        }
        out.flush();
        return ExitCode.OK;
    }

    private void checkOptions() {
        if (new java.util.HashSet<>(ifaces).size() < ifaces.size()) {
            throw new ParameterException(spec.commandLine(), "-i names the same interface twice: "
                    + String.join(", ", ifaces));
        }
        if (snapLength < 64 || snapLength > 262144) {
            throw new ParameterException(spec.commandLine(), "-s takes a snap length from 64 to 262144, not " + snapLength);
        }
        if (bufferMiB < 1 || bufferMiB > 4096) {
            throw new ParameterException(spec.commandLine(), "-B takes a buffer from 1 to 4096 MiB, not " + bufferMiB);
        }
        for (String b : ring) {
            long v = keyValue("-b", b, List.of("filesize", "duration", "files"));
            switch (b.substring(0, b.indexOf(':'))) {
                case "filesize" -> ringBytes = v * 1_000_000L;
                case "duration" -> ringSpan = v * 1_000_000_000L;
                default -> ringFiles = (int) Math.min(Integer.MAX_VALUE, v);
            }
        }
        if (write != null) {
            java.nio.file.Path folder = Path.of(write).toAbsolutePath().getParent();
            if (folder == null || !java.nio.file.Files.isDirectory(folder) || !java.nio.file.Files.isWritable(folder)) {
                throw new ParameterException(spec.commandLine(), "-w: cannot write into " + folder
                        + " (no such folder, or not writable)");
            }
        }
        if (!ring.isEmpty() && write == null) {
            throw new ParameterException(spec.commandLine(), "-b needs a file to write: add -w FILE");
        }
        if (ringFiles > 0 && ringBytes == 0 && ringSpan == 0) {
            throw new ParameterException(spec.commandLine(), "-b files:N needs -b filesize:MB or -b duration:S to"
                    + " start new files");
        }
        for (String a : autostop) {
            long v = keyValue("-a", a, List.of("duration", "packets"));
            if (a.startsWith("duration")) {
                stopNanos = v * 1_000_000_000L;
            } else {
                stopFrames = v;
            }
        }
    }

    private long keyValue(String option, String text, List<String> keys) {
        int colon = text.indexOf(':');
        String key = colon < 0 ? text : text.substring(0, colon);
        if (colon < 0 || !keys.contains(key)) {
            throw new ParameterException(spec.commandLine(), option + " takes " + String.join(":N, ", keys) + ":N, not '"
                    + text + "'");
        }
        try {
            long v = Long.parseLong(text.substring(colon + 1));
            if (v > 0 && v <= 1_000_000_000L) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ParameterException(spec.commandLine(), option + " " + key + " takes a whole number from 1 to"
                + " 1000000000, not '" + text.substring(colon + 1) + "'");
    }

    /** Readers over the written files, oldest first, as analyze -r would open them. */
    static CaptureReader reopen(List<Path> files) throws Exception {
        List<CaptureReader> readers = new ArrayList<>();
        for (Path p : files) {
            readers.add(Main.open(p.toString()));
        }
        return readers.size() == 1 ? readers.get(0) : new MergingReader(readers);
    }
}
