package io.hascope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Failure injection: a DPU that dies, a partition that heals, and a sender that breaks the receiver's N. */
class FailureTest {
    static ModelConfig failing(SenderMode mode) {
        ModelConfig c = ModelHarness.small(mode);
        c.duration = 6 * ModelConfig.S;
        c.cps = 200;
        c.lifetimeMean = 5 * ModelConfig.S;
        c.failDpu = 0;
        c.failAt = 3 * ModelConfig.S;
        return c;
    }

    @Test
    void aDeadDpuFallsSilentAndTheSurvivorTurnsStandaloneWithTheNextTerm() throws Exception {
        ModelHarness h = ModelHarness.run(failing(SenderMode.HOLD));
        long lastFromA = h.frames.stream().filter(s -> s.from().equals("192.0.2.1")).mapToLong(ModelHarness.Seen::frame)
                .max().orElseThrow();
        List<Model.Failover> failovers = h.run.failovers();
        assertEquals(1, failovers.size());
        Model.Failover f = failovers.get(0);
        assertTrue(f.lastSent() <= 3 * ModelConfig.S, "A's last frame is before its death");
        assertTrue(f.detected() >= f.lastSent() + ModelConfig.S, "noticed by a silence of the failover silence");
        assertTrue(f.detected() <= f.lastSent() + ModelConfig.S + 300 * ModelConfig.MS);
        List<long[]> changes = h.run.m.roleChanges;
        assertEquals(1, changes.size());
        assertEquals(Dpu.ROLE_STANDALONE, changes.get(0)[2]);
        assertEquals(2, changes.get(0)[3], "term + 1");
        assertTrue(h.frames.stream().filter(s -> s.frame() > lastFromA).allMatch(s -> s.from().equals("192.0.2.2")));
        assertEquals(0, h.experts());
    }

    @Test
    void holdingUntilThePeerHasItLosesNoEstablishedConnectionWhileFireAndForgetMay() throws Exception {
        ModelRun hold = ModelHarness.run(failing(SenderMode.HOLD)).run;
        assertTrue(hold.failovers().get(0).established() > 50);
        assertEquals(0, hold.brokenByFailover(), "approach 3 releases nothing the peer does not have");
        ModelConfig lossy = failing(SenderMode.STATE);
        lossy.loss = 0.2;
        ModelRun state = ModelHarness.run(lossy).run;
        assertTrue(state.brokenByFailover() > 0, "lost updates leave established connections without a copy");
        assertTrue(state.brokenByFailover() <= state.failovers().get(0).established());
    }

    @Test
    void aHealedPartitionBringsBothBackAndTheTablesBackInStep() throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.HOLD);
        c.duration = 8 * ModelConfig.S;
        c.cps = 100;
        c.lifetimeMean = 20 * ModelConfig.S;
        c.partitionFrom = 2 * ModelConfig.S;
        c.partitionTo = 4 * ModelConfig.S;
        ModelHarness h = ModelHarness.run(c);
        List<long[]> changes = h.run.m.roleChanges;
        assertEquals(4, changes.size(), "both STANDALONE, then both ACTIVE");
        for (Dpu d : h.run.m.dpus) {
            for (Dpu.Entry e : d.own.values()) {
                Dpu.Entry copy = d.peerDpu.peer.get(e.flow.key);
                assertTrue(copy != null && copy.version == e.version && copy.state == e.state,
                        "connection " + e.flow.id + " is in step on the peer after the heal");
            }
        }
        assertEquals(0, h.experts());
    }

    @Test
    void aPlannedSwitchoverHandsEveryLiveConnectionOverAndReversesTheSync() throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.HOLD);
        c.duration = 6 * ModelConfig.S;
        c.cps = 100;
        c.lifetimeMean = 10 * ModelConfig.S;
        c.switchoverDpu = 0;
        c.switchoverAt = 3 * ModelConfig.S;
        ModelHarness h = ModelHarness.run(c);
        Model.Switchover sw = h.run.switchovers().get(0);
        assertTrue(sw.transferred() > 50);
        assertEquals(List.of(), sw.lost(), "a planned handover loses nothing");
        assertEquals(Dpu.ROLE_STANDBY, h.run.m.dpus[0].role);
        assertTrue(h.run.m.dpus[0].own.isEmpty(), "A owns nothing afterwards");
        for (Dpu.Entry e : h.run.m.dpus[1].own.values()) {
            assertTrue(h.run.m.dpus[0].peer.containsKey(e.flow.key), "A keeps B's connections as copies");
        }
        assertEquals(0, h.run.brokenByFailover());
        assertEquals(0, h.experts());
    }

    @Test
    void connectionsThatStartAfterAFailoverStartOnTheSurvivor() throws Exception {
        ModelHarness h = ModelHarness.run(failing(SenderMode.HOLD));
        long started = h.run.m.flows.stream().filter(f -> f.ownHistory.size() > 0).count();
        assertEquals(h.run.m.flows.stream().filter(f -> !f.aborted).count(), started,
                "every connection that was not cut by the failure lived its life");
        assertTrue(h.run.m.flows.stream().filter(f -> f.owner == h.run.m.dpus[0] && f.ownerNow == h.run.m.dpus[1])
                .count() > 0);
    }

    @Test
    void aSenderThatIgnoresNWritesPacketsAboveIt() throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.STATE);
        c.cps = 3000;
        c.coalesceDelay = 5 * ModelConfig.MS;
        c.maxMessages = 8;
        c.senderMaxMessages = 40;
        ModelHarness h = ModelHarness.run(c);
        assertTrue(h.frames.stream().anyMatch(s -> s.count() > 8), "the compliance violation is in the capture");
    }

    @Test
    void failuresOutsideTheRunAreRefused() {
        ModelConfig c = new ModelConfig();
        c.failDpu = 0;
        c.failAt = 99 * ModelConfig.S;
        assertEquals("--fail time 99.0s is outside the run (0 to 12.0s)",
                assertThrows(IllegalArgumentException.class, c::validate).getMessage());
        ModelConfig p = new ModelConfig();
        p.partitionFrom = 5 * ModelConfig.S;
        p.partitionTo = 4 * ModelConfig.S;
        assertThrows(IllegalArgumentException.class, p::validate);
    }
}
