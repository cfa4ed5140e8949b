package io.hascope.analysis;

import io.hascope.event.Dialect;
import io.hascope.field.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an analysis found, in the shape of analysis.md §7: capture, DPUs, findings, counts, holds, scorecard. */
public final class AnalysisResult {
    private final Analyzer a;
    private final String file;

    AnalysisResult(Analyzer analyzer, String file) {
        this.a = analyzer;
        this.file = file;
    }

    public String file() {
        return file;
    }

    public long frames() {
        return a.frames;
    }

    /** The first frame's time in seconds (0 when there was none). */
    public double firstTime() {
        return firstTimeNanos() / 1e9;
    }

    /** The first frame's time in nanoseconds (0 when there was none), the origin of "seconds since the first frame". */
    public long firstTimeNanos() {
        return a.firstTime == Long.MIN_VALUE ? 0 : a.firstTime;
    }

    public double lastTime() {
        return a.lastTime / 1e9;
    }

    public List<String> dialects() {
        List<String> out = new ArrayList<>();
        for (Dialect d : a.dialects) {
            out.add(d.name().toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    public Collection<DpuState> dpus() {
        return a.dpus.byAddress.values();
    }

    public List<Finding> findings() {
        return a.findings();
    }

    /** Every finding type of §5 with its count, zero included: of all made, kept for the report or not. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (FindingType t : FindingType.values()) {
            long n = 0;
            for (Severity s : Severity.values()) {
                n += a.log.made(t, s);
            }
            out.put(t.label(), n);
        }
        return out;
    }

    /** Findings made by severity, worst first: of all made, kept for the report or not. */
    public Map<Severity, Long> bySeverity() {
        Map<Severity, Long> out = new LinkedHashMap<>();
        for (Severity s : new Severity[] {Severity.ERROR, Severity.WARN, Severity.NOTE, Severity.CHAT}) {
            long n = 0;
            for (FindingType t : FindingType.values()) {
                n += a.log.made(t, s);
            }
            out.put(s, n);
        }
        return out;
    }

    /** The findings made but not kept for the report (Analyzer.keepFindings). */
    public long findingsNotKept() {
        return a.log.notKept();
    }

    /** Of the findings not kept, those of these types at least as severe as level. */
    public long notKeptAtLeast(java.util.Set<FindingType> types, Severity level) {
        long n = 0;
        for (FindingType t : types) {
            for (Severity s : Severity.values()) {
                n += s.level() >= level.level() ? a.log.notKept(t, s) : 0;
            }
        }
        return n;
    }

    /** Frames seen a second time arriving at the other DPU's tap (0 with one tap). */
    public long arrivalCopies() {
        return a.arrivalCopies;
    }

    /** How the capture was judged, in one line: by two taps (delivery is arrival) or one (what it cannot see). */
    public String taps() {
        if (a.namedTaps != null) {
            return String.format(java.util.Locale.ROOT, "two taps, named (%s): %,d frames seen arriving as well as"
                    + " leaving are counted once, %,d seen only arriving; delivery means arrival (over rUDP, arrival in"
                    + " order)", a.namedTaps.describe(), arrivalCopies(), a.unseenDepartures);
        }
        return arrivalCopies() > 0 ? String.format(java.util.Locale.ROOT, "two taps: %,d frames seen arriving as well"
                + " as leaving are counted once; delivery means arrival (over rUDP, arrival in order)", arrivalCopies())
                : "single tap: losses after the tap cannot be seen";
    }

    /** 2 when the capture was judged with a tap at each DPU's port (named or recognised), else 1. */
    public int tapCount() {
        return a.namedTaps != null || arrivalCopies() > 0 ? 2 : 1;
    }

    /** Whether the taps were named by hand (--tap). */
    public boolean tapsNamed() {
        return a.namedTaps != null;
    }

    /** Frames seen only arriving at a named tap: their sender's tap missed them leaving. */
    public long unseenDepartures() {
        return a.unseenDepartures;
    }

    /** A note about capture loss (the mirror port missed frames), or null. */
    public String captureLoss() {
        return a.log.captureLossNote();
    }

    public Map<String, Object> holds() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("opened", a.holds.opened);
        h.put("released", a.holds.released);
        h.put("late", a.holds.late);
        h.put("expired", a.holds.expired);
        h.put("open_at_end", a.holds.openAtEnd);
        Map<String, Object> rt = new LinkedHashMap<>();
        rt.put("min", a.holds.replyTimes.min() / 1e6);
        rt.put("p50", a.holds.replyTimes.percentile(0.5) / 1e6);
        rt.put("p99", a.holds.replyTimes.percentile(0.99) / 1e6);
        rt.put("max", a.holds.replyTimes.max() / 1e6);
        h.put("reply_time_ms", rt);
        h.put("peak_in_flight", a.holds.inFlight.peak());
        return h;
    }

    public Map<String, Object> scorecard() {
        Map<String, Object> s = new LinkedHashMap<>();
        FailoverWatch failures = a.failures;
        s.put("broken_by_failover", failures.brokenByFailover);
        s.put("broken_share", failures.establishedAtFailovers == 0 ? 0.0
                : (double) failures.brokenByFailover / failures.establishedAtFailovers);
        double span = Math.max(1, a.lastTime - (a.firstTime == Long.MIN_VALUE ? a.lastTime : a.firstTime));
        s.put("exposure_mean", a.tables.exposureIntegral / span);
        long zombies = counts().get(FindingType.ZOMBIE.label());
        s.put("zombies", zombies);
        s.put("zombie_peak", zombiePeak());
        double[] life = a.tables.zombieIntervals.stream().mapToDouble(z -> z[2] / 1e9).sorted().toArray();
        Map<String, Object> lifetime = new LinkedHashMap<>();
        lifetime.put("p50", percentile(life, 0.5));
        lifetime.put("p99", percentile(life, 0.99));
        lifetime.put("max", life.length == 0 ? 0 : life[life.length - 1]);
        s.put("zombie_lifetime_s", lifetime);
        s.put("endpoint_replays", a.holds.expired);
        s.put("replays_per_1000", a.stateChanges == 0 ? 0.0 : 1000.0 * a.holds.expired / a.stateChanges);
        Map<String, Object> rates = new LinkedHashMap<>();
        double seconds = span / 1e9;
        long bytes = 0;
        for (Map.Entry<String, long[]> e : a.channelBytes.entrySet()) {
            rates.put(e.getKey(), e.getValue()[0] / seconds);
            bytes += e.getValue()[0];
        }
        s.put("bytes_per_s", rates);
        long connections = a.tables.connectionsSeen.size();
        s.put("bytes_per_connection", connections == 0 ? 0.0 : (double) bytes / connections);
        Map<String, Object> mpp = new LinkedHashMap<>();
        mpp.put("mean", a.requestsWithMessages == 0 ? 0.0 : (double) a.messagesInRequests / a.requestsWithMessages);
        mpp.put("max", a.maxMessagesPerPacket);
        s.put("messages_per_packet", mpp);
        s.put("reply_to_request_bytes", a.requestBytes == 0 ? 0.0 : (double) a.replyBytes / a.requestBytes);
        return s;
    }

    private int zombiePeak() {
        return peak(a.tables.zombieIntervals.stream().map(z -> new long[] {z[0], z[1], 1}).toList());
    }

    /** Most intervals [start, end) open at once, each weighted by its third number. */
    private static int peak(List<long[]> intervals) {
        long[][] events = new long[intervals.size() * 2][];
        int k = 0;
        for (long[] i : intervals) {
            events[k++] = new long[] {i[0], i[2]};
            events[k++] = new long[] {i[1], -i[2]};
        }
        Arrays.sort(events, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        long live = 0;
        long peak = 0;
        for (long[] e : events) {
            live += e[1];
            peak = Math.max(peak, live);
        }
        return (int) peak;
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
    }

    /** The worst severity among the findings made, or null when there are none. */
    public Severity worst() {
        Severity worst = null;
        for (Map.Entry<Severity, Long> e : bySeverity().entrySet()) {
            if (e.getValue() > 0 && (worst == null || e.getKey().level() > worst.level())) {
                worst = e.getKey();
            }
        }
        return worst;
    }
}
