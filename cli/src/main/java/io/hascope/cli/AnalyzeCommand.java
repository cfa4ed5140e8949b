package io.hascope.cli;

import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.TappedReader;
import io.hascope.capture.CaptureReader;
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
                "Exit 0, or 1 when --fail-on finds what it forbids; 2 bad options; 3 unreadable; 4 cut short."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-r", paramLabel = "FILE", required = true,
            description = "Capture to analyse; several are analysed as one capture in time order")
    List<String> files = new ArrayList<>();

    @Option(names = "--tap", paramLabel = "ADDR=IFACE|FILE",
            description = "Name a DPU's tap (repeat, one per DPU): its address, then its interface's name or number,"
                    + " or the -r file that tap wrote. Two taps from the first frame; a frame seen only arriving"
                    + " still arrived. Without it, taps are recognised from frames seen on two interfaces")
    List<String> taps = new ArrayList<>();

    @Option(names = "-q", description = "Quiet: no progress on standard error")
    boolean quiet;

    @Mixin
    AnalysisOptions analysis;

    @Mixin
    DissectorOptions dissectorOptions;

    @Override
    public Integer call() throws Exception {
        analysis.validate();
        List<CaptureReader> readers = new ArrayList<>();
        try {
            for (String f : files) {
                readers.add(Main.open(f));
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

    /** The files as one capture, with the --tap options resolved against their interfaces. */
    private TappedReader tapped(List<CaptureReader> readers) throws java.io.IOException {
        try {
            return TappedReader.of(readers, files, taps);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static long sizeOf(String file) {
        try {
            return file.equals("-") ? -1 : java.nio.file.Files.size(java.nio.file.Path.of(file));
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            return -1;
        }
    }
}
