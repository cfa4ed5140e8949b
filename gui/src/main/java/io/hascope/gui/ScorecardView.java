package io.hascope.gui;

import io.hascope.analysis.AnalysisResult;
import io.hascope.analysis.SummaryText;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.scene.control.TextArea;

/**
 * How the capture was judged (one tap or two, capture loss), the DPUs, the proposal's four HA properties with their
 * figures and the holds, in the very lines of analyze's report; then the findings by type.
 */
final class ScorecardView extends TextArea {
    ScorecardView() {
        setId("scorecard");
        setEditable(false);
        getStyleClass().add("mono");
    }

    void show(AnalysisResult r) {
        StringBuilder sb = new StringBuilder();
        for (String line : SummaryText.lines(r)) {
            sb.append(line).append('\n');
        }
        Map<String, Long> counts = r.counts();
        long findings = counts.values().stream().mapToLong(Long::longValue).sum();
        sb.append('\n').append("findings: ").append(findings);
        String found = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        if (!found.isEmpty()) {
            sb.append('\n').append("  ").append(found);
        }
        setText(sb.append('\n').toString());
    }
}
