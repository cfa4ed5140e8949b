package io.hascope.analysis;

import io.hascope.field.HasyncFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary of an analysis as a person reads it, line by line: how the capture was judged (one tap or two, capture
 * loss), the DPUs, the scorecard of the four HA properties and the holds. analyze's text report and the GUI's
 * Scorecard show the same lines.
 */
public final class SummaryText {
    private SummaryText() {
    }

    public static List<String> lines(AnalysisResult r) {
        List<String> out = new ArrayList<>();
        out.add(r.taps());
        if (r.captureLoss() != null) {
            out.add("capture loss: " + r.captureLoss());
        }
        out.add("");
        out.add("DPUs");
        for (DpuState d : r.dpus()) {
            List<String> roles = new ArrayList<>();
            for (int role : d.roles()) {
                roles.add(HasyncFields.ROLES.nameOrNumber(role));
            }
            out.add(format("  %-16s roles %-22s requests %,6d  replies %,6d  owns %,d connections, holds %,d of its"
                    + " peer's", d.address(), roles.isEmpty() ? "-" : String.join(",", roles), d.requests(),
                    d.replies(), d.ownConnections(), d.peerConnections()));
        }
        Map<String, Object> s = r.scorecard();
        Map<String, Object> h = r.holds();
        out.add("");
        out.add("scorecard");
        out.add(format("  1 established connections kept: %s broken by failover (%.1f %% of those established),"
                + " exposure %.2f connections on average", s.get("broken_by_failover"),
                100 * (double) s.get("broken_share"), (double) s.get("exposure_mean")));
        Map<String, Object> life = map(s.get("zombie_lifetime_s"));
        out.add(format("  2 zombies: %s (peak %s at once), lifetime p50 %.2f s, p99 %.2f s, max %.2f s",
                s.get("zombies"), s.get("zombie_peak"), (double) life.get("p50"), (double) life.get("p99"),
                (double) life.get("max")));
        out.add(format("  3 endpoint replays: %s (%.1f per 1000 state changes)", s.get("endpoint_replays"),
                (double) s.get("replays_per_1000")));
        Map<String, Object> mpp = map(s.get("messages_per_packet"));
        out.add(format("  4 overhead: %.0f bytes per connection, %.2f messages per packet (max %s), replies %.2f of"
                + " request bytes", (double) s.get("bytes_per_connection"), (double) mpp.get("mean"), mpp.get("max"),
                (double) s.get("reply_to_request_bytes")));
        for (Map.Entry<String, Object> e : map(s.get("bytes_per_s")).entrySet()) {
            out.add(format("    %s %,.0f bytes/s", e.getKey(), (double) e.getValue()));
        }
        Map<String, Object> rt = map(h.get("reply_time_ms"));
        out.add(format("holds: %s opened, %s released, %s late, %s expired, %s open at the end; reply time p50 %.2f"
                + " ms, p99 %.2f ms; at most %s in flight", h.get("opened"), h.get("released"), h.get("late"),
                h.get("expired"), h.get("open_at_end"), (double) rt.get("p50"), (double) rt.get("p99"),
                h.get("peak_in_flight")));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
