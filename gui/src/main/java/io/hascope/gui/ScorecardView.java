package io.hascope.gui;

import io.hascope.analysis.AnalysisResult;
import java.util.Map;
import javafx.scene.control.TextArea;

/** The proposal's four HA properties with their figures, and the holds, as analyze reports them. */
final class ScorecardView extends TextArea {
    ScorecardView() {
        setId("scorecard");
        setEditable(false);
        getStyleClass().add("mono");
    }

    void show(AnalysisResult r) {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> s = r.scorecard();
        sb.append("1  Established connections kept through a failover\n");
        sb.append("     broken by failover: ").append(s.get("broken_by_failover")).append(" (")
                .append(String.format("%.1f %%", 100 * (double) s.get("broken_share"))).append(" of those established)\n");
        sb.append("2  Zombies: ").append(s.get("zombies")).append(", peak ").append(s.get("zombie_peak"))
                .append(" at once, lifetime ").append(s.get("zombie_lifetime_s")).append(" s\n");
        sb.append("3  Endpoint replays: ").append(s.get("endpoint_replays")).append(String.format(" (%.1f per 1000 state"
                + " changes)", (double) s.get("replays_per_1000"))).append('\n');
        sb.append("4  Overhead: ").append(String.format("%.0f bytes per connection", (double) s.get("bytes_per_connection")))
                .append(", messages per packet ").append(s.get("messages_per_packet")).append('\n');
        sb.append("     bytes/s by direction ").append(s.get("bytes_per_s")).append('\n');
        sb.append("\nHolds: ").append(r.holds()).append('\n');
        sb.append("\nFindings by type: ").append(r.counts()).append('\n');
        setText(sb.toString());
    }
}
