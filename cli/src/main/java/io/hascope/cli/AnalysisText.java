package io.hascope.cli;

import io.hascope.field.HasyncFields;
import io.hascope.analysis.AnalysisResult;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.DpuState;
import io.hascope.analysis.Finding;
import io.hascope.analysis.InFlight;
import io.hascope.analysis.SummaryText;
import io.hascope.analysis.TableDiff;
import io.hascope.analysis.TableEntry;
import io.hascope.field.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The analyze report for a person. */
final class AnalysisText {
    private final Writer out;

    AnalysisText(Writer out) {
        this.out = out;
    }

    void write(AnalysisResult r, List<Finding> findings, CaptureAnalysis.Run run, Map<String, DpuState> tables,
               String onlyDpu, boolean diff, String at, List<InFlight> inFlight) throws IOException {
        line("hascope analyze: %s", r.file());
        line("capture: %,d frames, %.3f s (%s), dialects %s", r.frames(), r.lastTime() - r.firstTime(),
                run.stoppedEarly() ? "stopped at " + at : "to the end",
                r.dialects().isEmpty() ? "none" : String.join(", ", r.dialects()));
        if (r.dpus().isEmpty()) {
            line("no HA sync traffic in these %,d frames: nothing to analyse", r.frames());
            return;
        }
        for (String summary : SummaryText.lines(r)) {
            line("%s", summary);
        }
        line("");
        Map<Severity, Long> severities = new java.util.LinkedHashMap<>();
        for (Severity sev : new Severity[] {Severity.ERROR, Severity.WARN, Severity.NOTE, Severity.CHAT}) {
            severities.put(sev, findings.stream().filter(f -> f.severity() == sev).count());
        }
        line("findings: %d (%s)", findings.size(), String.join(", ", severities.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label()).toList()));
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (Finding f : findings) {
            counts.merge(f.type().label(), 1L, Long::sum);
        }
        if (!counts.isEmpty()) {
            line("  %s", String.join(", ", counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .toList()));
        }
        if (r.findingsNotKept() > 0) {
            line("  and %,d more made beyond the first %,d kept (--keep-findings): in the scorecard and the gate, not"
                    + " listed", r.findingsNotKept(), r.findings().size());
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt((Finding f) -> -f.severity().level()).thenComparingLong(Finding::frame));
        for (Finding f : sorted) {
            line("  %s", findingLine(f, r.firstTime()));
        }
        if (inFlight != null) {
            line("");
            int held = inFlight.stream().mapToInt(InFlight::heldPackets).sum();
            String point = !run.stoppedEarly() ? "at the end" : (at.matches("\\d+") ? "at frame " : "at ") + at;
            line("holds in flight %s: %d request%s holding %d packet%s", point, inFlight.size(),
                    inFlight.size() == 1 ? "" : "s", held, held == 1 ? "" : "s");
            for (InFlight hold : inFlight) {
                line("  frame %-7d %9.3f s  %s → %s  holds %d packet%s (%d message%s, %d resends), age %.1f ms  %s",
                        hold.frame(), hold.timeNanos() / 1e9 - r.firstTime(), hold.dpu(), hold.peer(), hold.heldPackets(),
                        hold.heldPackets() == 1 ? "" : "s", hold.messages(), hold.messages() == 1 ? "" : "s", hold.resends(),
                        (r.lastTime() - hold.timeNanos() / 1e9) * 1e3, hold.connection() == null ? "" : hold.connection());
            }
        }
        if (tables != null) {
            line("");
            tables(tables, onlyDpu, diff);
        }
    }

    private void tables(Map<String, DpuState> tables, String onlyDpu, boolean diff) throws IOException {
        List<DpuState> dpus = new ArrayList<>(tables.values());
        if (onlyDpu != null && !tables.containsKey(onlyDpu)) {
            line("no DPU %s in this capture; its DPUs: %s", onlyDpu,
                    tables.isEmpty() ? "none" : String.join(", ", tables.keySet()));
            return;
        }
        if (diff && dpus.size() == 2) {
            String owner = null;
            for (TableDiff.Row r : TableDiff.of(tables)) {
                if (onlyDpu != null && !onlyDpu.equals(r.owner())) {
                    continue; // the DPU's own entries against its peer's copies
                }
                if (!r.owner().equals(owner)) {
                    owner = r.owner();
                    line("%s owns / %s holds", r.owner(), r.peer());
                }
                line("  %-48s %-22s %-22s %s", r.connection(), entry(r.own()), entry(r.copy()), r.difference().label());
            }
            return;
        }
        for (DpuState d : dpus) {
            if (onlyDpu != null && !onlyDpu.equals(d.address())) {
                continue;
            }
            line("table of %s: %d own, %d peer", d.address(), d.own().size(), d.peer().size());
            for (TableEntry e : TableDiff.byFrame(d.own())) {
                line("  own   %-48s %s", e.connection(), entry(e));
            }
            for (TableEntry e : TableDiff.byFrame(d.peer())) {
                line("  peer  %-48s %s", e.connection(), entry(e));
            }
        }
    }

    private static String entry(TableEntry e) {
        return e == null ? "-" : HasyncFields.CONN_STATES.nameOrNumber(e.state()) + " v" + e.version() + " @" + e.frame();
    }

    private void line(String format, Object... args) throws IOException {
        out.write(String.format(Locale.ROOT, format, args));
        out.write('\n');
    }

    /**
     * One finding on one line: severity, frame, time since firstTime, DPU → peer, type, reason; as String.format's
     * "%-5s frame %-7d %9.3f s  %s  %-24s %s" writes it, built without parsing a pattern on every line.
     */
    static String findingLine(Finding f, double firstTime) {
        StringBuilder line = new StringBuilder(64 + f.reason().length());
        padded(line, f.severity().label(), 5, false).append(" frame ");
        padded(line, Long.toString(f.frame()), 7, false).append(' ');
        padded(line, FixedPoint.of((f.timeNanos() / 1e9) - firstTime, 3), 9, true).append(" s  ");
        if (!f.dpu().isEmpty()) {
            line.append(f.dpu()).append(" → ").append(f.peer());
        }
        line.append("  ");
        return padded(line, f.type().label(), 24, false).append(' ').append(f.reason()).toString();
    }

    private static StringBuilder padded(StringBuilder line, String text, int width, boolean right) {
        if (right) {
            line.append(" ".repeat(Math.max(0, width - text.length())));
        }
        line.append(text);
        if (!right) {
            line.append(" ".repeat(Math.max(0, width - text.length())));
        }
        return line;
    }
}
