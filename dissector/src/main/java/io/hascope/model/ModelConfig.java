package io.hascope.model;

/**
 * Everything a simulation run depends on. Times are nanoseconds. {@link #validate()} names the first bad value in
 * one sentence, with the command-line option it comes from.
 */
public final class ModelConfig {
    public static final long MS = 1_000_000L;
    public static final long S = 1_000_000_000L;

    public long seed = 1;
    public long duration = 10 * S;
    /** Extra time after the last new connection, so closes and replies can land. */
    public long drain = 2 * S;

    // customer traffic
    public double cps = 100;
    public long lifetimeMean = 2 * S;
    /** How lifetimes spread around their mean. */
    public LifetimeDistribution lifetimeDistribution = LifetimeDistribution.EXPONENTIAL;
    /** Share of connections whose server-to-client packets land on the DPU that does not own them. */
    public double asymmetricShare = 0;
    public double tcpShare = 0.8;
    public double ipv6Share = 0.2;
    public double rstShare = 0.05;
    public int enis = 2;
    public long endpointRto = 200 * MS;
    public long endpointRtt = 2 * MS;
    public long udpIdleTimeout = 5 * S;

    /** Two taps (analysis.md §0): each frame on its sender's interface when sent and its receiver's when delivered. */
    public boolean twoTaps;
    /**
     * The share of the frames each tap should record that it misses (a mirror port dropping under load), at random:
     * the frames still cross the link, only the capture lacks them; the truth names what a reader can see.
     */
    public double tapMiss;

    // sender
    public SenderMode mode = SenderMode.HOLD;
    /** false: hasync v1 on UDP 7400; true: DASH flow-sync metadata on the UDP DP channel (7000). */
    public boolean dash;
    public long replyTimeout = 100 * MS;
    public boolean resendOnTimeout = false;
    public int maxResends = 3;
    public boolean holdSyn = true;
    public long resendEvery = 5 * S;
    public long firstRefresh = 10 * S;
    public long refreshEvery = 60 * S;
    public long haTimeout = 181 * S;
    public long coalesceDelay = 200_000;

    // receiver
    public int maxMessages = 32;
    public int maxBytes = 9000;
    public boolean truncates = true;

    // the reliable transport (spec §2)
    public boolean reliable;
    public int window = 64;
    public long nackTimeout = 10 * MS;
    public int maxNack = 3;
    public long keepalive = 100 * MS;
    public long idleTimeout = S;

    // failures and liveness
    /** Empty requests with Q (probes) each DPU sends, so silence means something. */
    public long probeEvery = 200 * MS;
    /** Silence after which a DPU takes its peer for dead. */
    public long failoverSilence = S;
    /** DPU index that fails (-1: none), and when. */
    public int failDpu = -1;
    public long failAt;
    /** A partition of the link (both directions), or -1. */
    public long partitionFrom = -1;
    public long partitionTo = -1;
    /** A planned switchover: this DPU hands its connections to the other (-1: none), at switchoverAt. */
    public int switchoverDpu = -1;
    public long switchoverAt;
    /** Senders ignore the receiver's N and put up to this many messages in a packet (0: obey N). */
    public int senderMaxMessages;

    // channel: these values for A to B, and for B to A unless the reverse ones below are set (>= 0)
    public long latency = 50_000;
    public long jitter = 10_000;
    public double loss = 0;
    public double burstLength = 1;
    public double reorder = 0;
    public double duplicate = 0;
    public long latencyBA = -1;
    public long jitterBA = -1;
    public double lossBA = -1;
    public double burstLengthBA = -1;
    public double reorderBA = -1;
    public double duplicateBA = -1;

    /** The distributions a lifetime may follow, all with the configured mean. */
    public enum LifetimeDistribution {
        EXPONENTIAL, UNIFORM, FIXED, PARETO
    }

    /** The impairments of one direction: 0 is A to B, 1 is B to A. */
    record Impairments(long latency, long jitter, double loss, double burstLength, double reorder, double duplicate) {
    }

    Impairments direction(int from) {
        if (from == 0) {
            return new Impairments(latency, jitter, loss, burstLength, reorder, duplicate);
        }
        return new Impairments(latencyBA >= 0 ? latencyBA : latency, jitterBA >= 0 ? jitterBA : jitter,
                lossBA >= 0 ? lossBA : loss, burstLengthBA >= 0 ? burstLengthBA : burstLength,
                reorderBA >= 0 ? reorderBA : reorder, duplicateBA >= 0 ? duplicateBA : duplicate);
    }

    public ModelConfig validate() {
        positive("--duration", duration);
        atLeast("--cps", cps, 0);
        positive("--lifetime", lifetimeMean);
        share("--tcp-share", tcpShare);
        share("--ipv6-share", ipv6Share);
        share("--rst-share", rstShare);
        if (enis < 1) {
            throw new IllegalArgumentException("--enis must be at least 1, not " + enis);
        }
        if (maxMessages < 1 || maxMessages > 65535) {
            throw new IllegalArgumentException("--max-msgs (the receiver's N) must be 1 to 65535, not " + maxMessages);
        }
        if (maxBytes != 0 && maxBytes < 100) {
            throw new IllegalArgumentException("--max-bytes must be 0 (no limit) or at least 100, not " + maxBytes);
        }
        positive("--reply-timeout", replyTimeout);
        if (maxResends < 0) {
            throw new IllegalArgumentException("--max-resends must not be negative, not " + maxResends);
        }
        positive("--resend-every", resendEvery);
        positive("--first-refresh", firstRefresh);
        positive("--refresh-every", refreshEvery);
        positive("--ha-timeout", haTimeout);
        atLeast("--coalesce-us", coalesceDelay, 0);
        share("--asymmetric", asymmetricShare);
        if (!(tapMiss >= 0 && tapMiss < 1)) {
            throw new IllegalArgumentException("--tap-miss must be at least 0 and below 1, not " + tapMiss);
        }
        for (int d = 0; d < 2; d++) {
            Impairments i = direction(d);
            atLeast("--latency-us", i.latency(), 0);
            atLeast("--jitter-us", i.jitter(), 0);
            share("--loss", i.loss());
            atLeast("--burst", i.burstLength(), 1);
            share("--reorder", i.reorder());
            share("--duplicate", i.duplicate());
        }
        positive("--probe-every", probeEvery);
        if (reliable && dash) {
            throw new IllegalArgumentException("--transport rudp carries hasync, not the DASH dialect");
        }
        if (window < 1) {
            throw new IllegalArgumentException("--window must be at least 1, not " + window);
        }
        positive("--nack-timeout", nackTimeout);
        if (maxNack < 0) {
            throw new IllegalArgumentException("--max-nack must not be negative, not " + maxNack);
        }
        positive("--keepalive", keepalive);
        positive("--idle-timeout", idleTimeout);
        if (dash && mode != SenderMode.PACKET && mode != SenderMode.HOLD) {
            throw new IllegalArgumentException("--dialect dash needs --mode packet or hold: every DASH flow-sync request"
                    + " expects its ACK");
        }
        positive("--failover-silence", failoverSilence);
        if (failDpu >= 0 && (failAt <= 0 || failAt >= duration + drain)) {
            throw new IllegalArgumentException("--fail time " + seconds(failAt) + " is outside the run (0 to "
                    + seconds(duration + drain) + ")");
        }
        if (partitionFrom >= 0 && (partitionTo <= partitionFrom || partitionTo > duration + drain)) {
            throw new IllegalArgumentException("--partition " + seconds(partitionFrom) + ".." + seconds(partitionTo)
                    + " must be a non-empty interval within the run (to " + seconds(duration + drain) + ")");
        }
        if (switchoverDpu >= 0 && (switchoverAt <= 0 || switchoverAt >= duration + drain)) {
            throw new IllegalArgumentException("--switchover time " + seconds(switchoverAt) + " is outside the run (0 to "
                    + seconds(duration + drain) + ")");
        }
        if (senderMaxMessages < 0 || senderMaxMessages > 65535) {
            throw new IllegalArgumentException("--sender-max-msgs must be 0 (obey N) to 65535, not " + senderMaxMessages);
        }
        // the simulation's clock is in nanoseconds: a day is far beyond any of these, and keeps their sums in range
        // (--duration is checked where it is given: a replay and a live run set their own)
        atMostADay("--lifetime", lifetimeMean);
        atMostADay("--reply-timeout", replyTimeout);
        atMostADay("--coalesce-us", coalesceDelay);
        for (int d = 0; d < 2; d++) {
            atMostADay("--latency-us", direction(d).latency());
            atMostADay("--jitter-us", direction(d).jitter());
        }
        atMostADay("--probe-every", probeEvery);
        atMostADay("--resend-every", resendEvery);
        atMostADay("--first-refresh", firstRefresh);
        atMostADay("--refresh-every", refreshEvery);
        atMostADay("--ha-timeout", haTimeout);
        atMostADay("--nack-timeout", nackTimeout);
        atMostADay("--keepalive", keepalive);
        atMostADay("--idle-timeout", idleTimeout);
        atMostADay("--failover-silence", failoverSilence);
        return this;
    }

    private static void atMostADay(String option, long nanos) {
        if (nanos > 86_400 * S) {
            throw new IllegalArgumentException(option + " must be at most a day, not " + seconds(nanos));
        }
    }

    private static String seconds(long nanos) {
        return nanos / 1e9 + "s";
    }

    private static void positive(String option, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive, not " + value);
        }
    }

    private static void atLeast(String option, double value, double min) {
        if (!(value >= min)) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", not " + value);
        }
    }

    private static void share(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(option + " must be between 0 and 1, not " + value);
        }
    }
}
