package io.hascope.analysis;

/** The thresholds of analysis.md, with its defaults; every one is a command-line option. Nanoseconds. */
public final class AnalysisConfig {
    public static final long MS = 1_000_000L;
    public static final long S = 1_000_000_000L;

    public long replyTimeout = 100 * MS;
    public long divergenceGrace = S;
    public long zombieGrace = S;
    public long haTimeout = 181 * S;
    public long failoverSilence = S;
    public int maxNack = 3;
    public long idleTimeout = S;

    public AnalysisConfig validate() {
        for (long v : new long[] {replyTimeout, divergenceGrace, zombieGrace, haTimeout, failoverSilence, idleTimeout}) {
            if (v <= 0) {
                throw new IllegalArgumentException("analysis thresholds must be positive durations");
            }
        }
        if (maxNack < 0) {
            throw new IllegalArgumentException("--max-nack must not be negative, not " + maxNack);
        }
        return this;
    }
}
