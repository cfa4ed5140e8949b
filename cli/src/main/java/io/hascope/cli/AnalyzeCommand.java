package io.hascope.cli;

import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.Finding;
import io.hascope.analysis.FindingComments;
import io.hascope.analysis.TappedReader;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.PcapngWriter;
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

/** hascope analyze: both DPUs' tables, the held packets, the findings and the HA scorecard of a capture. */
@Command(name = "analyze", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Analyse HA sync: both tables, holds, findings and the scorecard",
        description = {"Analyse HA sync traffic (shared/spec/analysis.md): reply matching, holds, both connection tables,",
                "findings worst first, and the scorecard of the proposal's four HA properties.",
                "Exit 0, or 1 when --fail-on finds what it forbids; 2 bad options; 3 unreadable; 4 cut short;",
                "5 the -w file cannot be written."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-r", paramLabel = "FILE", required = true,
            description = "Capture to analyse (pcap or pcapng, gzip-compressed or not; - for stdin);"
                    + " several are analysed as one capture in time order")
    List<String> files = new ArrayList<>();

    @Option(names = "--tap", paramLabel = "ADDR=IFACE|FILE",
            description = "Name a DPU's tap (repeat, one per DPU): its address, then its interface's name or number,"
                    + " or the -r file that tap wrote. Two taps from the first frame; a frame seen only arriving"
                    + " still arrived. Without it, taps are recognised from frames seen on two interfaces")
    List<String> taps = new ArrayList<>();

    @Option(names = "-q", description = "Quiet: no progress on standard error")
    boolean quiet;

    @Option(names = "-w", paramLabel = "FILE",
            description = "Also write the frames analysed to this pcapng, each finding shown a comment on the frame that"
                    + " proves it (Wireshark: frame.comment contains \"lost_reply\")")
    String annotated;

    @Mixin
    AnalysisOptions analysis;

    @Mixin
    DissectorOptions dissectorOptions;

    /** Standard input kept for -w's second reading (-r - -w FILE), or null; also in spooled, by "-". */
    private volatile SpooledInput stdin;
    /** The -r captures read from pipes, kept for -w's second reading, by their -r name. */
    private final java.util.Map<String, SpooledInput> spooled = new java.util.HashMap<>();

    @Override
    public Integer call() throws Exception {
        analysis.validate();
        PcapngWriter writer = annotated == null ? null : annotatedWriter();
        if (files.contains("-")) {
            Signals.finishInputOnInterrupt(() -> SpooledInput.stoppedAtOnce(stdin, writer == null ? null
                    : annotated + " is left as " + annotated + ".partial"));
        }
        try {
            if (writer != null) {
                for (String f : files) {
                    if (SpooledInput.isPipe(f)) { // a pipe gives its frames once; -w reads them again to copy
                        SpooledInput kept = SpooledInput.create(f);
                        if (f.equals("-")) {
                            stdin = kept; // before it is read, so that a second Ctrl-C removes it
                        }
                        spooled.put(f, kept.keep(f));
                    }
                }
            }
            int code = analyse(writer);
            if (writer != null) {
                writer.close();
            }
            return code;
        } catch (Exception | Error e) {
            if (writer != null) {
                writer.abort();
            }
            throw e;
        } finally {
            if (stdin != null) {
                stdin.close();
            }
            for (SpooledInput kept : spooled.values()) {
                kept.close();
            }
        }
    }

    /** One of the -r captures from its first frame (standard input as kept, when it is). */
    private CaptureReader open(String file) throws Main.UnreadableCapture {
        SpooledInput kept = spooled.get(file);
        return kept != null ? kept.open() : Main.open(file);
    }

    /** Opened before the analysis, so that a file that cannot be written is said before a long run. */
    private PcapngWriter annotatedWriter() throws java.io.IOException {
        Path target = Path.of(annotated);
        if (Main.isOneOf(target, files)) {
            throw new ParameterException(spec.commandLine(), "-w " + annotated + " would overwrite the capture it"
                    + " copies");
        }
        return new PcapngWriter(target, "hascope analyze");
    }

    private int analyse(PcapngWriter writer) throws Exception {
        List<CaptureReader> readers = new ArrayList<>();
        try {
            for (String f : files) {
                readers.add(open(f));
            }
            TappedReader input = tapped(readers); // closed below, file by file
            Analyzer analyzer = analysis.newAnalyzer();
            AnalyzeProgress progress = AnalyzeProgress.forTerminal(quiet, files.size() == 1 ? sizeOf(files.get(0)) : -1);
            CaptureAnalysis.Run run = CaptureAnalysis.run(input.reader(), dissectorOptions.config(), analyzer,
                    analysis.stopFrame, analysis.stopTime, analysis.display(), progress, input.taps());
            if (progress != null) {
                progress.done();
            }
            int code = analysis.report(Main.stdout(), analyzer, run, String.join(" + ", files));
            if (writer != null) {
                copyWithComments(analysis.shown(analyzer.findings(), run), run.framesRead(), writer);
            }
            if (run.problem() != null) {
                System.err.println("hascope: " + run.problem().message());
                return ExitCode.CORRUPT;
            }
            return code;
        } finally {
            for (CaptureReader r : readers) {
                r.close();
            }
        }
    }

    /** The frames analysed, read again in the same order and numbering, with the findings as their comments. */
    private void copyWithComments(List<Finding> findings, long frames, PcapngWriter writer) throws Exception {
        List<CaptureReader> again = new ArrayList<>();
        try {
            for (String f : files) {
                again.add(open(f));
            }
            FindingComments.copy(tapped(again).reader(), findings, frames, writer);
        } finally {
            for (CaptureReader r : again) {
                r.close();
            }
        }
    }

    /** The files as one capture, with the --tap options resolved against their interfaces. */
    private TappedReader tapped(List<CaptureReader> readers) throws java.io.IOException {
        try {
            return TappedReader.of(readers, files, taps);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The bytes the progress counts to: -1 (frames counted instead) for a pipe, or a gzip file (offsets inflated). */
    private static long sizeOf(String file) {
        try {
            java.nio.file.Path path = java.nio.file.Path.of(file);
            return SpooledInput.isPipe(file) || io.hascope.capture.Captures.isGzip(path) ? -1
                    : java.nio.file.Files.size(path);
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            return -1;
        }
    }
}
