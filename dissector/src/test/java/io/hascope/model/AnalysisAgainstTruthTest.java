package io.hascope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.AnalysisResult;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.Finding;
import io.hascope.analysis.FindingType;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.decode.DissectorConfig;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The analysis of a model capture against the model's ground truth. With one tap every frame is seen as sent but
 * not whether it arrived (analysis.md §0): lost replies must be exactly the holds whose receiver sent no reply at
 * all; on a lossless link every hold outcome must equal the truth.
 */
class AnalysisAgainstTruthTest {
    static AnalysisResult analyze(ModelHarness h) throws Exception {
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(h.capture), "model")) {
            AnalysisConfig config = new AnalysisConfig();
            config.dashResends = h.run.m.config.dash && h.run.m.config.resendOnTimeout; // what these senders do
            Analyzer analyzer = new Analyzer(config);
            CaptureAnalysis.run(r, DissectorConfig.defaults(), analyzer, Long.MAX_VALUE, Long.MAX_VALUE);
            return analyzer.result("model");
        }
    }

    /** "frame/lower port/higher port": a connection whichever way a message names it. */
    static String key(long frame, int portA, int portB) {
        return frame + "/" + Math.min(portA, portB) + "/" + Math.max(portA, portB);
    }

    static Set<String> lostReplies(AnalysisResult a) {
        return a.findings().stream().filter(f -> f.type() == FindingType.LOST_REPLY)
                .map(f -> key(f.frame(), f.connection().srcPort(), f.connection().dstPort()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest(name = "{0} mode, {1} dialect, loss {2}, resend {3}")
    @CsvSource({"HOLD, hasync, 0.05, false", "HOLD, hasync, 0.05, true", "PACKET, hasync, 0.05, false",
        "HOLD, dash, 0.05, false", "PACKET, dash, 0.03, true"})
    void lostRepliesAreExactlyTheHoldsThatGotNoReplyOnTheWire(String mode, String dialect, double loss, boolean resend)
            throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.valueOf(mode));
        c.dash = dialect.equals("dash");
        c.loss = loss;
        c.resendOnTimeout = resend;
        ModelHarness h = ModelHarness.run(c);
        AnalysisResult a = analyze(h);
        Set<String> expected = new TreeSet<>();
        for (Request r : h.run.m.requests) {
            if (!r.replyRequested || r.frames.isEmpty() || !r.replyFrames.isEmpty() || !r.givenUp) {
                continue; // answered on the wire, no hold, or still open at the end
            }
            for (Msg m : r.messages) {
                if (m.flow != null) {
                    expected.add(key(r.frames.get(0), m.flow.key.sourcePort(), m.flow.key.destinationPort()));
                }
            }
        }
        if (!resend) {
            assertTrue(expected.size() > 3, "the run loses some: " + expected.size());
        }
        assertEquals(expected, lostReplies(a));
        // a resend after a reply the capture saw (lost after the tap) repeats an answered request: by §2 a new one
        long afterSeenReply = 0;
        for (Request r : h.run.m.requests) {
            if (!r.replyRequested || r.replyFrames.isEmpty()) {
                continue;
            }
            long holdsIn = r.messages.stream().filter(m -> m.flow != null).count();
            // replay the wire in frame order: a send after a seen reply opens a new request; sends before it resend
            java.util.TreeMap<Long, Boolean> wire = new java.util.TreeMap<>();
            r.frames.forEach(f -> wire.put(f, true));
            r.replyFrames.forEach(f -> wire.put(f, false));
            boolean answered = false;
            boolean first = true;
            for (boolean isSend : wire.values()) {
                if (isSend) {
                    if (answered && !first) {
                        afterSeenReply += holdsIn;
                    }
                    answered = false;
                    first = false;
                } else {
                    answered = true;
                }
            }
        }
        long opened = ((Number) a.holds().get("opened")).longValue();
        if (!c.dash) {
            assertEquals(h.run.holds().size() + afterSeenReply, opened,
                    "every hold is seen, and the blind spot adds exactly these");
        } else {
            // DASH has no opaque: an endpoint's retransmission makes a FLOW_SYNC_REQ byte for byte the same as one
            // still unanswered, which rule 3 of §2 takes for a resend of it; holds can merge, never appear from nothing
            assertTrue(opened <= h.run.holds().size() + afterSeenReply, opened + " holds");
            assertTrue(opened >= h.run.holds().size() * 9 / 10, opened + " holds");
        }
    }

    @ParameterizedTest(name = "{0} mode, lossless")
    @CsvSource({"HOLD", "PACKET", "STATE", "REFRESH"})
    void onALosslessLinkEveryHoldOutcomeAndTheTablesAtTheEndAreTheTruth(String mode) throws Exception {
        ModelHarness h = ModelHarness.run(ModelHarness.small(SenderMode.valueOf(mode)));
        AnalysisResult a = analyze(h);
        assertEquals(h.run.holdsWith("released"), ((Number) a.holds().get("released")).longValue());
        assertEquals(h.run.holdsWith("expired"), ((Number) a.holds().get("expired")).longValue());
        assertEquals(h.run.holdsWith("late"), ((Number) a.holds().get("late")).longValue());
        assertEquals(h.run.holdsWith("open_at_end"), ((Number) a.holds().get("open_at_end")).longValue());
        assertEquals(0, a.counts().get("orphan_reply"));
        assertEquals(0, a.counts().get("malformed"));
        assertEquals(0, a.counts().get("zombie"), "a lossless link leaves no zombie");
    }

    @ParameterizedTest(name = "{0} fails")
    @CsvSource({"0", "1"})
    void aFailedDpuIsFoundAtItsLastFrame(int failing) throws Exception {
        ModelConfig c = FailureTest.failing(SenderMode.HOLD);
        c.failDpu = failing;
        ModelHarness h = ModelHarness.run(c);
        AnalysisResult a = analyze(h);
        List<Finding> failovers = a.findings().stream().filter(f -> f.type() == FindingType.FAILOVER).toList();
        assertEquals(1, failovers.size(), a.findings().toString());
        Model.Failover truth = h.run.failovers().get(0);
        assertEquals(truth.lastSent(), failovers.get(0).timeNanos(), "the failed DPU's last packet");
        assertEquals(io.hascope.text.AddressText.of(h.run.m.dpus[failing].address), failovers.get(0).dpu());
        Set<Integer> truthBroken = new TreeSet<>(truth.broken());
        Set<Integer> seenBroken = new TreeSet<>();
        for (Finding f : a.findings()) {
            if (f.type() == FindingType.BROKEN_BY_FAILOVER) {
                for (Flow flow : h.run.m.flows) {
                    if (Set.of(f.connection().srcPort(), f.connection().dstPort())
                            .equals(Set.of(flow.key.sourcePort(), flow.key.destinationPort()))) {
                        seenBroken.add(flow.id);
                    }
                }
            }
        }
        assertTrue(truthBroken.containsAll(seenBroken), "nothing the truth keeps is called broken: " + seenBroken);
        for (int id : truthBroken) {
            if (seenBroken.contains(id)) {
                continue;
            }
            // the blind spot: the failed DPU reached ESTABLISHED but died before sending it, so no capture shows it
            boolean sent = h.run.m.requests.stream().filter(r -> r.from.index == failing && !r.frames.isEmpty())
                    .flatMap(r -> r.messages.stream())
                    .anyMatch(m -> m.flow != null && m.flow.id == id && m.state == ConnState.ESTABLISHED);
            assertTrue(!sent, "connection " + id + " broke, and its ESTABLISHED update was on the wire");
        }
    }

    @ParameterizedTest(name = "two taps, {0} mode, {1}")
    @CsvSource({"STATE, udp", "HOLD, udp", "PACKET, udp", "STATE, rudp", "HOLD, rudp"})
    void withTwoTapsEachFrameCountsOnceAndOnlyTheRepliesReallySentTwiceAreDuplicates(String mode, String transport)
            throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.valueOf(mode));
        c.twoTaps = true;
        c.reliable = transport.equals("rudp");
        c.reorder = 0.2;
        c.duplicate = 0.05;
        c.loss = 0.02;
        c.latency = 500_000;
        ModelHarness h = ModelHarness.run(c);
        AnalysisResult a = analyze(h);
        Set<Long> secondReplies = new TreeSet<>(); // replies that reached a sender which already had one
        for (Request r : h.run.m.requests) {
            for (int i = 0; i < r.replyFrames.size(); i++) {
                // the one that answered arrived first, whichever left first (the network reorders them)
                if (r.replyDelivered.get(i) && r.answeredBy >= 0 && r.replyFrames.get(i) != r.answeredBy) {
                    secondReplies.add(r.replyFrames.get(i));
                }
            }
        }
        Set<Long> duplicates = a.findings().stream().filter(f -> f.type() == FindingType.DUPLICATE_REPLY)
                .map(Finding::frame).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(secondReplies, duplicates, "a request the network delivered twice is answered twice, and both"
                + " answers arrive");
        assertEquals(List.of(), a.findings().stream().filter(f -> f.type() == FindingType.RESEND
                || f.type() == FindingType.ORPHAN_REPLY).toList(), "an arrival is not a resend, nor a reply to nothing");
        assertTrue(a.arrivalCopies() > a.frames() / 3, a.arrivalCopies() + " of " + a.frames());
    }

    @ParameterizedTest(name = "two taps, {0} mode, loss {1}, {2}")
    @CsvSource({"HOLD, 0.05, udp", "REFRESH, 0.1, udp", "STATE, 0.05, udp", "PACKET, 0.05, udp", "HOLD, 0.05, rudp",
        "STATE, 0.05, rudp"})
    void withTwoTapsLostRepliesAndZombiesAreExactlyTheTruths(String mode, double loss, String transport)
            throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.valueOf(mode));
        c.twoTaps = true;
        c.reliable = transport.equals("rudp");
        c.loss = loss;
        c.burstLength = 2;
        ModelHarness h = ModelHarness.run(c);
        AnalysisResult a = analyze(h);
        Set<String> expectedLost = new TreeSet<>();
        for (Request r : h.run.m.requests) {
            if (r.replyRequested && !r.frames.isEmpty() && r.givenUp) {
                for (Msg m : r.messages) {
                    if (m.flow != null) {
                        expectedLost.add(key(r.frames.get(0), m.flow.key.sourcePort(), m.flow.key.destinationPort()));
                    }
                }
            }
        }
        assertEquals(expectedLost, lostReplies(a), "every hold whose reply did not arrive in time, no other");
        Set<String> expectedZombies = new TreeSet<>();
        for (ModelRun.Zombie z : h.run.zombies()) {
            Flow f = h.run.m.flows.get(z.flow() - 1);
            expectedZombies.add(Math.min(f.key.sourcePort(), f.key.destinationPort()) + "/"
                    + Math.max(f.key.sourcePort(), f.key.destinationPort()));
        }
        Set<String> zombies = a.findings().stream().filter(f -> f.type() == FindingType.ZOMBIE)
                .map(f -> Math.min(f.connection().srcPort(), f.connection().dstPort()) + "/"
                        + Math.max(f.connection().srcPort(), f.connection().dstPort()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expectedZombies, zombies, "zombies, by connection");
        if (c.mode == SenderMode.REFRESH) {
            assertTrue(expectedZombies.size() > 2, "the run makes zombies to find: " + expectedZombies.size());
        }
    }
}
