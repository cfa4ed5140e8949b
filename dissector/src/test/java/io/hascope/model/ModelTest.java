package io.hascope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The DPU model: determinism, the receiver rules, each sender mode, and the truth agreeing with the capture. */
class ModelTest {

    @Test
    void theSameSeedAndOptionsGiveByteIdenticalCaptureAndTruth() throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.HOLD);
        c.loss = 0.05;
        c.reorder = 0.05;
        c.duplicate = 0.02;
        ModelHarness a = ModelHarness.run(c);
        ModelHarness b = ModelHarness.run(c);
        assertArrayEquals(a.capture, b.capture);
        assertArrayEquals(truth(a.run), truth(b.run));
        c.seed = 2;
        assertFalse(java.util.Arrays.equals(a.capture, ModelHarness.run(c).capture), "another seed, another run");
    }

    private static byte[] truth(ModelRun run) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run.writeTruth(out);
        return out.toByteArray();
    }

    @Test
    void everyRequestAndReplyInTheTruthIsTheFrameTheCaptureHolds() throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.HOLD);
        c.loss = 0.1;
        c.resendOnTimeout = true;
        ModelHarness h = ModelHarness.run(c);
        Map<Long, ModelHarness.Seen> byFrame = h.frames.stream()
                .collect(Collectors.toMap(ModelHarness.Seen::frame, Function.identity()));
        assertEquals(h.run.frames(), h.frames.size(), "one decoded packet per frame written");
        long accounted = 0;
        for (Request r : requests(h)) {
            String opaque = String.format("%08x", r.id);
            for (long f : r.frames) {
                ModelHarness.Seen s = byFrame.get(f);
                assertFalse(s.reply());
                assertEquals(opaque, s.opaque(), "frame " + f);
                assertEquals(r.messages.size(), s.count());
                accounted++;
            }
            for (long f : r.replyFrames) {
                ModelHarness.Seen s = byFrame.get(f);
                assertTrue(s.reply(), "frame " + f);
                assertEquals(opaque, s.opaque());
                assertEquals(r.truncateOk, s.x(), "truncated exactly when asked (probes do not ask)");
                accounted++;
            }
        }
        assertEquals(h.run.frames(), accounted, "every frame is a send or a reply of some request");
        assertEquals(0, h.experts());
    }

    static List<Request> requests(ModelHarness h) {
        return h.run.m.requests;
    }

    @Test
    void withoutLossEveryHoldIsReleasedAndNoEndpointReplays() throws Exception {
        for (SenderMode mode : List.of(SenderMode.HOLD, SenderMode.PACKET)) {
            ModelHarness h = ModelHarness.run(ModelHarness.small(mode));
            assertTrue(h.run.holds().size() > 100, mode + " holds packets");
            assertEquals(h.run.holds().size(), h.run.holdsWith("released") + h.run.holdsWith("open_at_end"), mode.name());
            assertEquals(0, h.run.endpointReplays());
            assertEquals(0, h.run.endpointRetransmissions());
            if (mode == SenderMode.HOLD) {
                assertEquals(List.of(), h.run.zombies(), "hold mode without loss leaves no zombie");
            } else {
                // approach 1 syncs packets only: a UDP flow that ages out has no packet to carry its DELETE
                assertTrue(h.run.zombies().stream().allMatch(z -> h.run.m.flows.get(z.flow() - 1).key.protocol() == 17),
                        "packet mode's zombies are aged-out UDP flows");
            }
        }
    }

    @Test
    void packetModeMakesEndpointsReplayOnLossWhileHoldWithResendAlmostNever() throws Exception {
        ModelConfig packet = ModelHarness.small(SenderMode.PACKET);
        packet.loss = 0.05;
        packet.duration = 10 * ModelConfig.S;
        ModelConfig resend = ModelHarness.small(SenderMode.HOLD);
        resend.loss = 0.05;
        resend.duration = 10 * ModelConfig.S;
        resend.resendOnTimeout = true;
        long packetReplays = ModelHarness.run(packet).run.endpointReplays();
        long resendReplays = ModelHarness.run(resend).run.endpointReplays();
        assertTrue(packetReplays > 50, "packet mode replays: " + packetReplays);
        assertTrue(resendReplays * 20 < packetReplays, "hold+resend replays: " + resendReplays);
    }

    @Test
    void stateModeNeverAsksForRepliesAndBracketsItsRoundsWithSnapshotMarks() throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.STATE);
        c.resendEvery = ModelConfig.S;
        ModelHarness h = ModelHarness.run(c);
        assertTrue(h.frames.stream().filter(s -> s.count() > 0).noneMatch(ModelHarness.Seen::q),
                "only the liveness probes (no messages) ask for replies");
        assertTrue(h.frames.stream().filter(ModelHarness.Seen::reply).allMatch(s -> s.count() == 0));
        long begins = h.frames.stream().mapToLong(s -> s.types().stream().filter(t -> t == 4).count()).sum();
        assertEquals(4 * 2 * 2, begins, "BEGIN and END, from both DPUs, every second until the end (5 s)");
    }

    @Test
    void stateModeBoundsZombiesByItsResendPeriod() throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.STATE);
        c.loss = 0.1;
        c.duration = 10 * ModelConfig.S;
        c.resendEvery = 2 * ModelConfig.S;
        ModelRun run = ModelHarness.run(c).run;
        assertTrue(run.zombies().size() > 0, "lost DELETEs leave zombies");
        for (ModelRun.Zombie z : run.zombies()) {
            if (!z.presentAtEnd()) {
                assertTrue(z.lifetime() <= 3 * c.resendEvery, "zombie " + z + " outlived the rounds");
            }
        }
    }

    @Test
    void refreshModeSendsCreateRefreshAndDeleteOnly() throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.REFRESH);
        c.firstRefresh = 300 * ModelConfig.MS;
        c.refreshEvery = 500 * ModelConfig.MS;
        c.lifetimeMean = 2 * ModelConfig.S;
        ModelHarness h = ModelHarness.run(c);
        List<Integer> ops = h.frames.stream().flatMap(s -> s.ops().stream()).filter(op -> op != 0).distinct().sorted().toList();
        assertEquals(List.of(1, 3, 4), ops, "CREATE, DELETE, REFRESH");
        assertTrue(h.frames.stream().filter(s -> s.count() > 0).noneMatch(ModelHarness.Seen::q));
    }

    @Test
    void coalescingNeverExceedsTheReceiversN() throws Exception {
        for (int n : new int[] {1, 4}) {
            ModelConfig c = ModelHarness.small(SenderMode.STATE);
            c.cps = 2000;
            c.coalesceDelay = 5 * ModelConfig.MS;
            c.maxMessages = n;
            ModelHarness h = ModelHarness.run(c);
            int max = h.frames.stream().mapToInt(ModelHarness.Seen::count).max().orElse(0);
            assertEquals(n, max, "packets fill up to N=" + n + " and no further");
        }
    }

    @Test
    void receiversTruncateRepliesOnlyWhenAskedAndAble() throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.PACKET);
        ModelHarness packet = ModelHarness.run(c);
        assertTrue(packet.frames.stream().filter(ModelHarness.Seen::reply).noneMatch(ModelHarness.Seen::x),
                "approach 1 asks for whole replies (no T)");
        ModelConfig hold = ModelHarness.small(SenderMode.HOLD);
        hold.truncates = false;
        ModelHarness whole = ModelHarness.run(hold);
        assertTrue(whole.frames.stream().filter(ModelHarness.Seen::reply).noneMatch(ModelHarness.Seen::x),
                "a receiver that does not truncate echoes whole");
    }

    @Test
    void theCustomerSideCaptureHoldsEveryPacketTheEndpointsSent() throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.HOLD);
        java.io.ByteArrayOutputStream customer = new java.io.ByteArrayOutputStream();
        ModelRun run;
        try (io.hascope.capture.PcapngWriter w = new io.hascope.capture.PcapngWriter(customer, "test")) {
            run = Model.run(c, null, w, null);
        }
        long sent = run.m.flows.stream().mapToLong(f -> f.ownHistory.size() + f.retransmissions).sum();
        long udpAgedOut = run.m.flows.stream().filter(f -> !f.tcp() && f.closedAt >= 0).count();
        long frames = 0;
        try (io.hascope.capture.CaptureReader r = io.hascope.capture.Captures.open(
                new java.io.ByteArrayInputStream(customer.toByteArray()), "customer")) {
            io.hascope.capture.Frame f = new io.hascope.capture.Frame();
            while (r.next(f)) {
                frames++;
            }
        }
        assertEquals(sent - udpAgedOut, frames, "one frame per packet an endpoint sent (an idle timeout sends none)");
    }

    @Test
    void progressIsReportedOnTheSimulatedClock() throws Exception {
        List<Long> ticks = new java.util.ArrayList<>();
        Model.run(ModelHarness.small(SenderMode.STATE), null, null, (sim, end, conns, frames) -> ticks.add(sim));
        assertEquals(49, ticks.size(), "every 100 ms of a 5 s run");
        assertEquals(100 * ModelConfig.MS, ticks.get(0));
    }

    @Test
    void eachDirectionOfTheLinkHasItsOwnImpairments() throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.HOLD);
        c.loss = 0;
        c.lossBA = 0.2;
        ModelHarness h = ModelHarness.run(c);
        for (Request r : h.run.m.requests) {
            boolean fromA = r.from == h.run.m.dpus[0];
            if (fromA) {
                assertTrue(r.deliveries.stream().allMatch(d -> d > 0), "A to B loses nothing");
            } else {
                assertTrue(r.replyDelivered.stream().allMatch(b -> b), "replies from A to B all arrive");
            }
        }
        assertTrue(h.run.lostRequests() > 0, "B to A loses its share");
    }

    @Test
    void lifetimesFollowTheirDistributionAroundTheConfiguredMean() throws Exception {
        for (ModelConfig.LifetimeDistribution d : ModelConfig.LifetimeDistribution.values()) {
            ModelConfig c = ModelHarness.small(SenderMode.STATE);
            c.cps = 3000;
            c.lifetimeDistribution = d;
            ModelRun run = Model.run(c, null);
            double mean = run.m.flows.stream().mapToLong(f -> f.lifetime).average().orElse(0) / 1e9;
            double tolerance = d == ModelConfig.LifetimeDistribution.PARETO ? 0.1 : 0.03;
            assertEquals(0.5, mean, tolerance, d + " keeps the 500 ms mean");
            if (d == ModelConfig.LifetimeDistribution.FIXED) {
                assertTrue(run.m.flows.stream().allMatch(f -> f.lifetime == 500 * ModelConfig.MS));
            }
        }
    }

    @Test
    void asymmetricConnectionsSendTheirReturnPacketsThroughThePeer() throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.HOLD);
        c.asymmetricShare = 1;
        ModelHarness h = ModelHarness.run(c);
        assertTrue(h.run.m.redirectedPackets > 100);
        assertEquals(0, h.experts());
        assertEquals(0, h.run.endpointReplays(), "a clean link delivers every redirected packet");
        ModelConfig lossy = ModelHarness.small(SenderMode.HOLD);
        lossy.asymmetricShare = 1;
        lossy.loss = 0.2;
        assertTrue(Model.run(lossy, null).endpointRetransmissions() > Model.run(ModelHarness.lossy(SenderMode.HOLD, 0.2), null).endpointRetransmissions(),
                "packets redirected over a lossy link are lost too, and the endpoints retransmit them");
    }


    @Test
    void twoTapsRecordEveryFrameLeavingOneDpuAndArrivingAtTheOther() throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.HOLD);
        c.twoTaps = true;
        c.loss = 0.1;
        c.duplicate = 0.05;
        ModelHarness h = ModelHarness.run(c);
        long sent = h.run.frames() - h.run.arrivalFrames();
        long arrived = h.run.m.requests.stream().mapToLong(r -> r.deliveries.stream().mapToLong(d -> d).sum()
                + r.replyDelivered.stream().filter(b -> b).count()).sum();
        assertTrue(h.run.arrivalFrames() < sent, "lost frames never arrive");
        assertTrue(h.run.arrivalFrames() >= arrived, "every delivered copy (duplicates too) is seen arriving");
        assertEquals(0, h.experts());
        java.util.Set<Integer> interfaces = new java.util.HashSet<>();
        try (io.hascope.capture.CaptureReader r = io.hascope.capture.Captures.open(
                new java.io.ByteArrayInputStream(h.capture), "two taps")) {
            io.hascope.capture.Frame f = new io.hascope.capture.Frame();
            while (r.next(f)) {
                interfaces.add(f.interfaceId());
            }
        }
        assertEquals(java.util.Set.of(0, 1), interfaces, "one interface per tap");
    }

    @Test
    void badConfigurationIsRefusedInOneSentence() {
        ModelConfig c = new ModelConfig();
        c.maxMessages = 0;
        assertEquals("--max-msgs (the receiver's N) must be 1 to 65535, not 0",
                assertThrows(IllegalArgumentException.class, c::validate).getMessage());
        ModelConfig l = new ModelConfig();
        l.loss = 1.5;
        assertEquals("--loss must be between 0 and 1, not 1.5",
                assertThrows(IllegalArgumentException.class, l::validate).getMessage());
    }
}
