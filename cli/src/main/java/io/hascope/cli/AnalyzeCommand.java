package io.hascope.cli;

import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.AnalysisResult;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.Finding;
import io.hascope.analysis.FindingType;
import io.hascope.analysis.InFlight;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.MergingReader;
import io.hascope.field.Severity;
import io.hascope.filter.DisplayFilter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** hascope analyze: both DPUs' tables, the held packets, the findings and the HA scorecard of a capture. */
@Command(name = "analyze", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Analyse HA sync traffic (shared/spec/analysis.md): reply matching, holds, both connection tables,",
                "findings worst first, and the scorecard of the proposal's four HA properties.",
                "Exit 0, or 1 when --fail-on finds what it forbids; 2 bad options; 3 unreadable; 4 cut short."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-r", paramLabel = "FILE", required = true,
            description = "Capture to analyse; several are analysed as one capture in time order")
    List<String> files = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json or csv (one row per finding)")
    String format = "text";

    @Option(names = "--findings", paramLabel = "TYPE,...", split = ",", description = "Only these finding types")
    List<String> only = new ArrayList<>();

    @Option(names = "-Y", paramLabel = "FILTER", description = "Only findings whose proving frame matches this display filter")
    String filter;

    @Option(names = "--tables", description = "Also print both DPUs' connection tables (at the end, or --at)")
    boolean tables;

    @Option(names = "--at", paramLabel = "FRAME|TIME", description = "Tables as of frame N, or of a time since the first frame (1.5s)")
    String at;

    @Option(names = "--dpu", paramLabel = "ADDR", description = "Tables of this DPU only")
    String dpu;

    @Option(names = "--diff", description = "Tables side by side: each owner's entries against the peer's copies")
    boolean diff;

    @Option(names = "--holds", description = "Also list the holds in flight (at the end, or --at): requests still"
            + " waiting for their reply, with the customer packets they hold")
    boolean holds;

    @Option(names = "--fail-on", paramLabel = "LEVEL", description = "error, warn or never (default): exit 1 when a finding is at least this severe")
    String failOn = "never";

    @Option(names = "--reply-timeout", converter = DurationConverter.class, description = "Hold timeout (default 100ms)")
    Long replyTimeout;

    @Option(names = "--divergence-grace", converter = DurationConverter.class, description = "Default 1s")
    Long divergenceGrace;

    @Option(names = "--zombie-grace", converter = DurationConverter.class, description = "Default 1s")
    Long zombieGrace;

    @Option(names = "--ha-timeout", converter = DurationConverter.class, description = "Default 181s")
    Long haTimeout;

    @Option(names = "--failover-silence", converter = DurationConverter.class, description = "Default 1s")
    Long failoverSilence;

    @Option(names = "--max-nack", description = "Default 3")
    Integer maxNack;

    @Option(names = "--idle-timeout", converter = DurationConverter.class, description = "Default 1s")
    Long idleTimeout;

    @Option(names = "-q", description = "Quiet: no progress on standard error")
    boolean quiet;

    @Mixin
    DissectorOptions dissectorOptions;

    @Override
    public Integer call() throws Exception {
        AnalysisConfig config = config();
        Set<FindingType> types = types();
        Severity gate = gate();
        DisplayFilter display = Main.displayFilter(filter, spec);
        if (!List.of("text", "json", "csv").contains(format)) {
            throw new ParameterException(spec.commandLine(), "--format is text, json or csv, not '" + format + "'");
        }
        long stopFrame = Long.MAX_VALUE;
        long stopTime = Long.MAX_VALUE;
        if (at != null) {
            if (at.matches("\\d+")) {
                stopFrame = Long.parseLong(at);
            } else {
                try {
                    stopTime = new DurationConverter().convert(at);
                } catch (picocli.CommandLine.TypeConversionException e) {
                    throw new ParameterException(spec.commandLine(), "--at takes a frame number or a time like 1.5s, not '"
                            + at + "'");
                }
            }
            tables = true;
        }
        List<CaptureReader> readers = new ArrayList<>();
        try {
            for (String f : files) {
                readers.add(Main.open(f));
            }
            CaptureReader reader = readers.size() == 1 ? readers.get(0) : new MergingReader(readers);
            Analyzer analyzer = new Analyzer(config);
            AnalyzeProgress progress = AnalyzeProgress.forTerminal(quiet, files.size() == 1 ? sizeOf(files.get(0)) : -1);
            CaptureAnalysis.Run run = CaptureAnalysis.run(reader, dissectorOptions.config(), analyzer, stopFrame,
                    stopTime, display, progress);
            if (progress != null) {
                progress.done();
            }
            String name = String.join(" + ", files);
            List<InFlight> inFlight = holds ? analyzer.inFlight() : null;
            AnalysisResult result = analyzer.result(name);
            List<Finding> shown = new ArrayList<>();
            for (Finding f : result.findings()) {
                if (types.contains(f.type()) && (run.matching() == null
                        || run.matching().get((int) Math.min(Integer.MAX_VALUE, f.frame())))) {
                    shown.add(f);
                }
            }
            Writer out = Main.stdout();
            switch (format) {
                case "json" -> new AnalysisJson(out).write(result, shown, tables ? analyzer.tables() : null, dpu,
                        inFlight);
                case "csv" -> AnalysisText.csv(out, shown);
                default -> new AnalysisText(out).write(result, shown, run, tables ? analyzer.tables() : null, dpu, diff,
                        at, inFlight);
            }
            out.flush();
            if (run.problem() != null) {
                System.err.println("hascope: " + run.problem().message());
                return ExitCode.CORRUPT;
            }
            if (gate != null && shown.stream().anyMatch(f -> f.severity().level() >= gate.level())) {
                return ExitCode.GATE;
            }
            return ExitCode.OK;
        } finally {
            for (CaptureReader r : readers) {
                r.close();
            }
        }
    }

    private static long sizeOf(String file) {
        try {
            return file.equals("-") ? -1 : java.nio.file.Files.size(java.nio.file.Path.of(file));
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            return -1;
        }
    }

    private Set<FindingType> types() {
        Set<FindingType> types = EnumSet.allOf(FindingType.class);
        if (!only.isEmpty()) {
            types.clear();
            for (String t : only) {
                try {
                    types.add(FindingType.byLabel(t.trim()));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--findings: '" + t + "' is not a finding type ("
                            + String.join(", ", EnumSet.allOf(FindingType.class).stream().map(FindingType::label).toList())
                            + ")");
                }
            }
        }
        return types;
    }

    private Severity gate() {
        return switch (failOn.toLowerCase(Locale.ROOT)) {
            case "never" -> null;
            case "error" -> Severity.ERROR;
            case "warn" -> Severity.WARN;
            default -> throw new ParameterException(spec.commandLine(), "--fail-on is error, warn or never, not '"
                    + failOn + "'");
        };
    }

    private AnalysisConfig config() {
        AnalysisConfig c = new AnalysisConfig();
        if (replyTimeout != null) {
            c.replyTimeout = replyTimeout;
        }
        if (divergenceGrace != null) {
            c.divergenceGrace = divergenceGrace;
        }
        if (zombieGrace != null) {
            c.zombieGrace = zombieGrace;
        }
        if (haTimeout != null) {
            c.haTimeout = haTimeout;
        }
        if (failoverSilence != null) {
            c.failoverSilence = failoverSilence;
        }
        if (maxNack != null) {
            c.maxNack = maxNack;
        }
        if (idleTimeout != null) {
            c.idleTimeout = idleTimeout;
        }
        try {
            return c.validate();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
