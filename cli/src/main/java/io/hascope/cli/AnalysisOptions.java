package io.hascope.cli;

import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.AnalysisResult;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.Finding;
import io.hascope.analysis.FindingType;
import io.hascope.analysis.InFlight;
import io.hascope.field.Severity;
import io.hascope.filter.DisplayFilter;
import io.hascope.text.AddressText;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What to report of an analysis and how to judge it: shared by analyze and live, so both report alike. */
public final class AnalysisOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text (default), json or csv (one row per finding; per table entry with --tables, per hold"
                    + " with --holds)")
    String format = "text";

    @Option(names = "--findings", paramLabel = "TYPE,...", split = ",", description = "Only these finding types")
    List<String> only = new ArrayList<>();

    @Option(names = "-Y", paramLabel = "FILTER", description = "Only findings whose proving frame matches this display filter")
    String filter;

    @Option(names = "--tables", description = "Also print both DPUs' connection tables (at the end, or --at)")
    boolean tables;

    @Option(names = "--at", paramLabel = "FRAME|TIME", description = "Tables as of frame N, or of a time since the first frame (1.5s)")
    String at;

    @Option(names = "--dpu", paramLabel = "ADDR", description = "Tables of this DPU only (implies --tables)")
    String dpu;

    @Option(names = "--diff", description = "Tables side by side: each owner's entries against the peer's copies"
            + " (implies --tables)")
    boolean diff;

    @Option(names = "--holds", description = "Also list the holds in flight (at the end, or --at): requests still"
            + " waiting for their reply, with the customer packets they hold")
    boolean holds;

    @Option(names = "--keep-findings", paramLabel = "N", description = "Keep only the first N findings made for the"
            + " report (some 500 bytes of heap each); the others are counted, and go into the counts and the gate"
            + " (default: all for analyze, 1000000 for live, which shows each as it comes)")
    Long keepFindings;

    @Option(names = "--fail-on", paramLabel = "LEVEL", description = "error, warn or never (default): exit 1 when a finding is at least this severe")
    String failOn = "never";

    @Option(names = "--reply-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a request waits for its reply after its latest send: a reply after that is late,"
                    + " and one that never comes is a lost reply (default 100ms)")
    Long replyTimeout;

    @Option(names = "--divergence-grace", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long an owner's entry and the peer's copy may differ before it is a divergence"
                    + " (default 1s)")
    Long divergenceGrace;

    @Option(names = "--zombie-grace", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a peer's copy may outlive its owner closing the connection before it is a zombie"
                    + " (default 1s)")
    Long zombieGrace;

    @Option(names = "--ha-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A copy whose owner refreshes its entries (REFRESH outside snapshot rounds) ages out when"
                    + " not refreshed for this long, ending any zombie of it; one the owner fell silent on while"
                    + " refreshing others is a zombie (default 181s)")
    Long haTimeout;

    @Option(names = "--failover-silence", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A DPU silent for this long while its peer goes on sending has failed (default 1s)")
    Long failoverSilence;

    @Option(names = "--max-nack", paramLabel = "N",
            description = "rUDP: NACKs repeated for one DATA number more than N times break the channel (default 3)")
    Integer maxNack;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "rUDP: a direction silent for this long while the other still sends is broken (default 1s)")
    Long idleTimeout;

    @Option(names = "--dash-resends", description = "DASH: the senders resend an unanswered FLOW_SYNC_REQ on timeout,"
            + " so a copy of one still unanswered is its resend; otherwise a copy is a new request"
            + " holding the endpoint's retransmitted packet (a DASH request has no opaque to tell them apart)")
    boolean dashResends;

    private Set<FindingType> types;
    private Severity gate;
    private DisplayFilter display;
    private AnalysisConfig config;
    /** JSON over several lines (analyze) or one (live's JSON lines). */
    boolean prettyJson = true;
    long stopFrame = Long.MAX_VALUE;
    long stopTime = Long.MAX_VALUE;
    private boolean csvOfTables;

    /** Checks every option (one sentence and exit 2 on the first bad one); call before any work. */
    AnalysisOptions validate() {
        config = config();
        types = types();
        gate = gate();
        display = Main.displayFilter(filter, spec);
        if (!List.of("text", "json", "csv").contains(format)) {
            throw new ParameterException(spec.commandLine(), "--format is text, json or csv, not '" + format + "'");
        }
        // --at alone says when, not what: a CSV as of a frame is still the findings unless the tables are asked for
        csvOfTables = tables || dpu != null || diff;
        if (format.equals("csv") && csvOfTables && holds) {
            throw new ParameterException(spec.commandLine(), "--format csv writes one table: the tables (--tables, "
                    + "--dpu, --diff) or the holds in flight (--holds), not both; --format json has room for both");
        }
        if (at != null) {
            if (at.matches("\\d{19,}")) {
                throw new ParameterException(spec.commandLine(), "--at: frame " + at + " is beyond any capture");
            } else if (at.matches("\\d+")) {
                stopFrame = Long.parseLong(at);
            } else {
                try {
                    stopTime = new DurationConverter().convert(at);
                } catch (picocli.CommandLine.TypeConversionException e) {
                    throw new ParameterException(spec.commandLine(), "--at takes a frame number or a time like 1.5s, not '"
                            + at + "'");
                }
            }
        }
        if (dpu != null) {
            byte[] address = AddressText.parseIp(dpu);
            if (address == null) {
                throw new ParameterException(spec.commandLine(), "--dpu takes a DPU's IP address, not '" + dpu + "'");
            }
            dpu = AddressText.of(address); // as the report writes it: 2001:DB8::0:1 is 2001:db8::1
        }
        tables |= at != null || dpu != null || diff; // each of them is about the tables
        if (keepFindings != null && keepFindings < 0) {
            throw new ParameterException(spec.commandLine(), "--keep-findings takes a count of 0 or more, not "
                    + keepFindings);
        }
        return this;
    }

    Analyzer newAnalyzer() {
        return new Analyzer(config).keepFindings(keepFindings == null ? Long.MAX_VALUE : keepFindings);
    }

    DisplayFilter display() {
        return display;
    }

    /**
     * Prints the report of a finished run (text, JSON or CSV) and returns the exit code the gate gives:
     * {@link ExitCode#GATE} when a shown finding is at least as severe as --fail-on, else {@link ExitCode#OK}.
     */
    int report(Writer out, Analyzer analyzer, CaptureAnalysis.Run run, String name) throws IOException {
        List<InFlight> inFlight = holds ? analyzer.inFlight() : null;
        AnalysisResult result = analyzer.result(name);
        List<Finding> shown = shown(result.findings(), run);
        switch (format) {
            case "json" -> new AnalysisJson(out, prettyJson).write(result, shown, tables ? analyzer.tables() : null, dpu,
                    diff, inFlight);
            case "csv" -> csv(new AnalysisCsv(out), analyzer, shown, inFlight);
            default -> new AnalysisText(out).write(result, shown, run, tables ? analyzer.tables() : null, dpu, diff,
                    at, inFlight);
        }
        out.flush();
        if (result.findingsNotKept() > 0) {
            // counted but not listed: one line where nobody parses, so no format's output changes shape
            System.err.printf("hascope: %,d findings were made beyond the first %,d kept for this report"
                    + " (--keep-findings); they are in the counts and the gate, not in the list%n",
                    result.findingsNotKept(), result.findings().size());
        }
        // a finding not kept has no frame to match -Y against: of the types shown, it counts for the gate
        if (gate != null && (shown.stream().anyMatch(f -> f.severity().level() >= gate.level())
                || result.notKeptAtLeast(types, gate) > 0)) {
            return ExitCode.GATE;
        }
        return ExitCode.OK;
    }

    /** The one table a CSV holds: the holds in flight, the tables (or their diff), or else the findings. */
    private void csv(AnalysisCsv csv, Analyzer analyzer, List<Finding> shown, List<InFlight> inFlight)
            throws IOException {
        if (inFlight != null) {
            csv.holds(inFlight);
        } else if (diff) {
            csv.diff(analyzer.tables(), dpu);
        } else if (csvOfTables) {
            csv.tables(analyzer.tables(), dpu);
        } else {
            csv.findings(shown);
        }
    }

    /** The findings --findings and -Y let through. */
    List<Finding> shown(List<Finding> findings, CaptureAnalysis.Run run) {
        List<Finding> shown = new ArrayList<>();
        for (Finding f : findings) {
            if (selected(f, run)) {
                shown.add(f);
            }
        }
        return shown;
    }

    boolean selected(Finding f, CaptureAnalysis.Run run) {
        java.util.BitSet matching = run == null ? null : run.matching();
        return types.contains(f.type()) && (matching == null
                || matching.get((int) Math.min(Integer.MAX_VALUE, f.frame())));
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
        c.dashResends = dashResends;
        try {
            return c.validate();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
