package io.hascope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.FindingType;
import io.hascope.analysis.TruthCheck;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.PcapngWriter;
import io.hascope.decode.DissectorConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Seeded random runs of the DPU model (every sender mode, both dialects, both transports, one tap or two, loss in
 * bursts, reordering, duplication, a failed DPU or a cut link, asymmetric routing, receivers' N of 4 or 32 and senders
 * that exceed it, a slow coalescer, every lifetime distribution, truncating receivers or not) against the truth file
 * the run writes: the same comparison as the bundled samples' ({@link TruthCheck}). Holds and their outcomes, lost
 * replies, zombies, divergences and connections broken by failover are equal sets wherever the capture saw every
 * frame's fate, and with one tap on a lossy link nothing appears that the truth lacks but the blind spot analysis.md §0
 * names (a request without Q lost after the tap counts as delivered). Left out, as the README's blind
 * spots: a DASH sender that resends on timeout (no opaque tells its resend from the endpoint's retransmission), and a
 * cut link in DASH with the network duplicating frames (no capture tells which of two identical copies the network's
 * copy of an ACK answered).
 */
class AnalysisAgainstTruthProperties {
    /** What went wrong in a run, besides the link's impairments. */
    enum Failure {
        NONE, DPU_A_FAILS, DPU_B_FAILS, PARTITION
    }

    /** The customer traffic and the sender's packing of it. */
    record Traffic(boolean asymmetric, int receiverN, boolean senderBeyondN, boolean slowCoalescer,
                   ModelConfig.LifetimeDistribution lifetimes, boolean truncates) {
        static final Traffic PLAIN = new Traffic(false, 32, false, false, ModelConfig.LifetimeDistribution.EXPONENTIAL,
                true);
    }

    /** One run's choices, printed as they are when a run disagrees. */
    record Run(long seed, SenderMode mode, boolean dash, boolean rudp, boolean twoTaps, double loss, double burst,
               double reorder, double duplicate, boolean resend, Failure failure, int cps, Traffic traffic) {
        ModelConfig config() {
            ModelConfig c = new ModelConfig();
            c.seed = seed;
            c.mode = mode;
            c.dash = dash && (mode == SenderMode.HOLD || mode == SenderMode.PACKET); // the dialect's ACK is Q
            c.reliable = rudp && !dash;
            c.twoTaps = twoTaps;
            c.loss = loss;
            c.burstLength = burst;
            c.reorder = reorder;
            c.duplicate = duplicate;
            c.latency = reorder > 0 ? 500_000 : c.latency;
            // without an opaque a DASH sender's resend and its answer to an endpoint's retransmission look alike,
            // and the model's timers make them coincide (its TCP RTO is two reply timeouts): DASH drops on timeout
            c.resendOnTimeout = resend && !c.dash;
            c.cps = cps;
            c.duration = 3 * ModelConfig.S;
            c.lifetimeMean = 1500 * ModelConfig.MS;
            c.asymmetricShare = traffic.asymmetric() ? 0.3 : 0;
            c.maxMessages = traffic.receiverN();
            c.senderMaxMessages = traffic.senderBeyondN() ? 2 * traffic.receiverN() : 0;
            c.coalesceDelay = traffic.slowCoalescer() ? 2 * ModelConfig.MS : c.coalesceDelay;
            c.lifetimeDistribution = traffic.lifetimes();
            c.truncates = traffic.truncates();
            switch (failure) {
                case DPU_A_FAILS, DPU_B_FAILS -> {
                    c.failDpu = failure == Failure.DPU_A_FAILS ? 0 : 1;
                    c.failAt = 2 * ModelConfig.S;
                }
                case PARTITION -> {
                    // DASH copies that a cut link left in flight, and the network's copy of an ACK to one of them,
                    // meet the blind spot the README lists: no capture tells which copy the copied ACK answered
                    if (!(c.dash && duplicate > 0)) {
                        c.partitionFrom = 1200 * ModelConfig.MS;
                        c.partitionTo = 2200 * ModelConfig.MS;
                    }
                }
                case NONE -> {
                }
            }
            return c.validate();
        }
    }

    // a fixed seed, so that CI judges the same runs each time; other seeds are for looking for trouble
    @Property(tries = 300, seed = "20261127")
    void theAnalysisOfAnyModelRunAgreesWithItsTruth(@ForAll("runs") Run run) throws Exception {
        assertAgreesWithItsTruth(run, run.config());
    }

    /**
     * Refresh mode with an HA timeout well inside the run (the default, 181 s, never passes in one): copies their
     * owner does not refresh in time age out at the receiver, which ends the zombies lost DELETEs left, and an owner
     * that closed a connection while standalone stops refreshing it, a zombie of cause not_refreshed.
     */
    @Property(tries = 100, seed = "20261128")
    void copiesARefreshingOwnerLetsLapseAgeOutAsTheTruthSays(@ForAll("runs") Run run) throws Exception {
        ModelConfig c = new Run(run.seed(), SenderMode.REFRESH, false, run.rudp(), run.twoTaps(), run.loss(),
                run.burst(), run.reorder(), run.duplicate(), run.resend(), run.failure(), run.cps(), run.traffic())
                .config();
        c.firstRefresh = 100 * ModelConfig.MS;
        c.refreshEvery = 300 * ModelConfig.MS;
        c.haTimeout = 700 * ModelConfig.MS;
        assertAgreesWithItsTruth(run, c.validate());
    }

    /**
     * One tap on a cut link (seed 1589 of the sweeps): at the heal the owner resends its table without Q, the channel
     * loses the resend after the tap, and the connection's close is lost too. One tap must take the resend as
     * delivered (analysis.md §0), so the analysis has a zombie the truth lacks: the documented blind spot, which the
     * check excuses only for a copy the peer never had that a lost request without Q carried.
     */
    @Example
    void aTableResendLostAfterTheOneTapIsTheBlindSpotAndTheOnlyDifference() throws Exception {
        Made run = made(new Run(4707, SenderMode.HOLD, false, false, false, 0.01, 3.0, 0.0, 0.0, false,
                Failure.PARTITION, 66, Traffic.PLAIN).config());
        JsonNode truth = run.truth();
        Analyzer analyzer = new Analyzer(new AnalysisConfig());
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(run.capture()), "run")) {
            CaptureAnalysis.run(r, DissectorConfig.defaults(), analyzer, Long.MAX_VALUE, Long.MAX_VALUE);
        }
        List<String> zombies = analyzer.result("run").findings().stream()
                .filter(f -> f.type() == FindingType.ZOMBIE).map(f -> f.connection().toString()).toList();
        assertEquals(truth.get("zombies").size() + 1, zombies.size(), "one zombie more than the truth's");
        assertTrue(zombies.contains("10.1.28.132:46831→10.200.164.163:443"), zombies.toString());
        JsonNode blind = null;
        for (JsonNode k : truth.get("connections")) {
            if (k.get("connection").get("srcport").asInt() == 46831) {
                blind = k;
            }
        }
        assertTrue(blind != null && blind.get("peer").isEmpty(), "the peer never had the connection");
        TruthCheck.assertAgrees(run.capture(), truth, false);
    }

    /**
     * One tap over rUDP under heavy loss (15 %), B failing at 2 s: DATA of B's last moments lost after the tap never
     * reached A, as A's ACK shows from then on. The failover finds connections that broke so, each in the truth's list;
     * taking those DATA as delivered when they left, the analysis had found none.
     */
    @Example
    void oneTapOverRudpTheSurvivorsAckShowsWhichLastUpdatesOfAFailedDpuItNeverHad() throws Exception {
        ModelConfig c = new ModelConfig();
        c.seed = 12;
        c.mode = SenderMode.STATE;
        c.reliable = true;
        c.duration = 3 * ModelConfig.S;
        c.cps = 500;
        c.loss = 0.15;
        c.failDpu = 1;
        c.failAt = 2 * ModelConfig.S;
        Made run = made(c);
        Analyzer analyzer = new Analyzer(new AnalysisConfig());
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(run.capture()), "run")) {
            CaptureAnalysis.run(r, DissectorConfig.defaults(), analyzer, Long.MAX_VALUE, Long.MAX_VALUE);
        }
        List<String> broken = analyzer.result("run").findings().stream()
                .filter(f -> f.type() == FindingType.BROKEN_BY_FAILOVER).map(f -> f.connection().toString()).toList();
        assertEquals(5, broken.size(), broken.toString());
        TruthCheck.assertAgrees(run.capture(), run.truth(), false); // under loss: none the truth keeps is broken
    }

    /**
     * One tap over rUDP, 15 % loss, B failing at 2 s (a run of the sweeps, seed 9101): A's request of frame 1858 is
     * answered in B's DATA 522, which A never takes (its ACK stays at 520: 520 was lost) before B dies. The hold
     * expired, as the truth says; one tap had taken the reply as delivered when it left.
     */
    @Example
    void oneTapOverRudpAReplyItsRequestersAckNeverPassedExpiredWhenItsReplierFailed() throws Exception {
        Run run = new Run(3499, SenderMode.HOLD, false, true, false, 0.15, 3.0, 0.1, 0.0, false,
                Failure.DPU_B_FAILS, 91, new Traffic(true, 32, false, false,
                ModelConfig.LifetimeDistribution.EXPONENTIAL, true));
        Made made = made(run.config());
        Analyzer analyzer = new Analyzer(new AnalysisConfig());
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(made.capture()), "run")) {
            CaptureAnalysis.run(r, DissectorConfig.defaults(), analyzer, Long.MAX_VALUE, Long.MAX_VALUE);
        }
        assertTrue(analyzer.result("run").findings().stream()
                .anyMatch(f -> f.type() == FindingType.LOST_REPLY && f.frame() == 1858), "a lost reply at 1858");
        TruthCheck.assertAgrees(made.capture(), made.truth(), false);
    }

    /**
     * The restart tie (two taps, rUDP, a one-second cut, one way impaired: sweep seeds 8055 and 8038): the first
     * frame after the heal reached a receiver just past its idle deadline, and its ACK fits both a restart and the old
     * numbers taken in order. It took them in order; its replies to requests in those numbers show it. Read as a
     * restart alone, the first run expired a hold the truth has answered late, the second made four zombies.
     */
    @Example
    void theRestartTieIsSettledByTheReceiversRepliesToTheNumbersItWasReadToGiveUp() throws Exception {
        Run expiredHold = new Run(1598, SenderMode.HOLD, false, true, true, 0.05, 1.0, 0.2, 0.0, false,
                Failure.PARTITION, 72, new Traffic(true, 32, false, true, ModelConfig.LifetimeDistribution.FIXED, false));
        ModelConfig c = expiredHold.config();
        onlyAToBImpaired(c);
        assertAgreesWithItsTruth(expiredHold, c.validate());
        Run zombies = new Run(112143, SenderMode.STATE, false, true, true, 0.2, 1.0, 0.1, 0.05, false,
                Failure.PARTITION, 49, new Traffic(false, 32, true, false, ModelConfig.LifetimeDistribution.FIXED,
                false));
        c = zombies.config();
        onlyBToAImpaired(c);
        assertAgreesWithItsTruth(zombies, c.validate());
    }

    /**
     * Three sweep runs (one-way seeds 8090 and 8068, cut-tie seed 8511) in which a later copy, taken while a restart
     * tie was open, ended divergences or a zombie that the old numbers, shown taken afterwards by the receiver's
     * replies, had ended earlier, within the grace: those ends wait for the tie (TieWatch). In the first, a burst of
     * removals the settlement applied had also pushed out of its bucket the newer removal that kept an old create
     * from making a copy again (CloseMarks).
     */
    @Example
    void divergencesAndZombiesEndedWhileARestartTieIsOpenWaitForItsSettlement() throws Exception {
        Run removalPushedOut = new Run(60011, SenderMode.HOLD, false, true, true, 0.05, 1.0, 0.2, 0.05, false,
                Failure.PARTITION, 142, new Traffic(false, 32, false, true,
                ModelConfig.LifetimeDistribution.EXPONENTIAL, false));
        ModelConfig c = removalPushedOut.config();
        onlyBToAImpaired(c);
        assertAgreesWithItsTruth(removalPushedOut, c.validate());
        Run divergences = new Run(689312, SenderMode.HOLD, false, true, true, 0.1, 1.0, 0.1, 0.05, true,
                Failure.PARTITION, 156, new Traffic(true, 32, true, false, ModelConfig.LifetimeDistribution.UNIFORM,
                false));
        c = divergences.config();
        onlyAToBImpaired(c);
        assertAgreesWithItsTruth(divergences, c.validate());
        Run zombie = new Run(146813, SenderMode.PACKET, false, true, true, 0.01, 1.0, 0.0, 0.0, true,
                Failure.PARTITION, 154, new Traffic(false, 4, true, true, ModelConfig.LifetimeDistribution.PARETO,
                false));
        assertAgreesWithItsTruth(zombie, zombie.config().validate());
    }

    /**
     * Three sweep runs (seeds 2132, 2128 and 2130) of DASH with two taps and duplication, where a copy the network
     * delivered twice was answered twice and an identical copy beside it was lost (or its ACK was): the second ACK,
     * arriving in order or before the first, was given to the other copy. The model numbers its IP packets, so the
     * taps tell the copies apart, and the replier's tap shows which copy each ACK answers (CopiesTakenAgain).
     */
    @Example
    void aCopyTakenTwiceKeepsBothItsAcksWithTwoTaps() throws Exception {
        for (Run run : List.of(
                new Run(1329, SenderMode.PACKET, true, false, true, 0.05, 1.0, 0.1, 0.05, true, Failure.NONE, 59,
                        new Traffic(true, 4, true, false, ModelConfig.LifetimeDistribution.FIXED, true)),
                new Run(208152, SenderMode.PACKET, true, false, true, 0.1, 1.0, 0.0, 0.05, true, Failure.NONE, 44,
                        new Traffic(true, 4, false, true, ModelConfig.LifetimeDistribution.EXPONENTIAL, true)),
                new Run(24, SenderMode.PACKET, true, false, true, 0.1, 1.0, 0.1, 0.05, false, Failure.DPU_A_FAILS, 83,
                        new Traffic(true, 4, false, false, ModelConfig.LifetimeDistribution.UNIFORM, false)))) {
            assertAgreesWithItsTruth(run, run.config());
        }
    }

    /** The link impaired one way only, as the sweeps' --focus one-way draws it: A to B (B to A clean). */
    private static void onlyAToBImpaired(ModelConfig c) {
        c.lossBA = 0;
        c.reorderBA = 0;
        c.duplicateBA = 0;
    }

    /** The link impaired B to A only, with A to B's draws (A to B clean). */
    private static void onlyBToAImpaired(ModelConfig c) {
        c.lossBA = c.loss;
        c.reorderBA = c.reorder;
        c.duplicateBA = c.duplicate;
        c.loss = 0;
        c.reorder = 0;
        c.duplicate = 0;
    }

    private static void assertAgreesWithItsTruth(Run run, ModelConfig c) throws Exception {
        Made made = made(c);
        TruthCheck.assertAgrees(made.capture(), made.truth(), c.resendOnTimeout);
    }

    /** A model run's capture and its truth file, as simulate writes them. */
    private record Made(byte[] capture, JsonNode truth) {
    }

    private static Made made(ModelConfig c) throws Exception {
        ByteArrayOutputStream capture = new ByteArrayOutputStream();
        ModelRun result;
        try (PcapngWriter w = new PcapngWriter(capture, "test")) {
            result = Model.run(c, w);
        }
        ByteArrayOutputStream truth = new ByteArrayOutputStream();
        result.writeTruth(truth);
        return new Made(capture.toByteArray(), new ObjectMapper().readTree(truth.toByteArray()));
    }

    @Provide
    Arbitrary<Run> runs() {
        Arbitrary<Object[]> link = Combinators.combine(
                Arbitraries.longs().between(1, 1_000_000),
                Arbitraries.of(SenderMode.class),
                Arbitraries.of(false, true), // DASH dialect
                Arbitraries.of(false, true), // the reliable transport (hasync only)
                Arbitraries.of(false, true), // two taps
                Arbitraries.of(0.0, 0.01, 0.05, 0.1), // loss
                Arbitraries.of(1.0, 3.0), // burst length
                Arbitraries.of(0.0, 0.1, 0.2)) // reordering
                .as((seed, mode, dash, rudp, twoTaps, loss, burst, reorder) ->
                        new Object[] {seed, mode, dash, rudp, twoTaps, loss, burst, reorder});
        Arbitrary<Traffic> traffic = Combinators.combine(Arbitraries.of(false, true), Arbitraries.of(4, 32),
                Arbitraries.of(false, false, false, true), Arbitraries.of(false, true),
                Arbitraries.of(ModelConfig.LifetimeDistribution.class), Arbitraries.of(false, true)).as(Traffic::new);
        return Combinators.combine(link, Arbitraries.of(0.0, 0.05), Arbitraries.of(false, true),
                Arbitraries.of(Failure.class), Arbitraries.integers().between(40, 200), traffic)
                .as((l, duplicate, resend, failure, cps, t) -> new Run((Long) l[0], (SenderMode) l[1], (Boolean) l[2],
                        (Boolean) l[3] && !(Boolean) l[2], (Boolean) l[4], (Double) l[5], (Double) l[6],
                        (Double) l[7], duplicate, resend, failure, cps, t));
    }
}
