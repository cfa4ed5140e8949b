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
    /**
     * The DASH senders resend an unanswered FLOW_SYNC_REQ on timeout: a byte-for-byte copy while it is unanswered is
     * then its resend, not a new request holding the endpoint's retransmitted packet (a DASH request has no opaque to
     * tell the two apart; analysis.md §2 makes resends by rules 1 and 2 only).
     */
    public boolean dashResends;

    /** A day: no HA threshold is longer; a larger value is a typo (ms for s), not a setting. */
    public static final long LONGEST = 86_400 * S;

    /** The same thresholds in a config of its own (each analysis may then be changed apart). */
    public AnalysisConfig copy() {
        AnalysisConfig c = new AnalysisConfig();
        c.replyTimeout = replyTimeout;
        c.divergenceGrace = divergenceGrace;
        c.zombieGrace = zombieGrace;
        c.haTimeout = haTimeout;
        c.failoverSilence = failoverSilence;
        c.maxNack = maxNack;
        c.idleTimeout = idleTimeout;
        c.dashResends = dashResends;
        return c;
    }

    /** Rejects thresholds no deployment could mean, naming the option as the command line spells it. */
    public AnalysisConfig validate() {
        check("--reply-timeout", replyTimeout);
        check("--divergence-grace", divergenceGrace);
        check("--zombie-grace", zombieGrace);
        check("--ha-timeout", haTimeout);
        check("--failover-silence", failoverSilence);
        check("--idle-timeout", idleTimeout);
        if (maxNack < 1 || maxNack > 1_000_000) {
            throw new IllegalArgumentException("--max-nack counts NACKs before a channel is broken: 1 or more, not "
                    + maxNack);
        }
        return this;
    }

    private static void check(String option, long nanos) {
        if (nanos <= 0 || nanos > LONGEST) {
            throw new IllegalArgumentException(option + " must be a duration above zero and at most a day, not "
                    + (nanos / 1e9) + " s");
        }
    }
}
