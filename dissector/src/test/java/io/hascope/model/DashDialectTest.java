package io.hascope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The model speaking DASH flow-sync metadata on the DP channel instead of hasync. */
class DashDialectTest {
    static ModelConfig dash(SenderMode mode) {
        ModelConfig c = ModelHarness.small(mode);
        c.dash = true;
        return c;
    }

    @Test
    void everyChangeIsOneFlowSyncRequestAnsweredByItsAck() throws Exception {
        ModelHarness h = ModelHarness.run(dash(SenderMode.HOLD));
        assertEquals(0, h.experts());
        assertTrue(h.frames.stream().filter(s -> !s.reply()).allMatch(s -> s.q() && s.count() <= 1),
                "one flow per request, and every request expects its ACK");
        long requests = h.frames.stream().filter(s -> !s.reply()).count();
        long acks = h.frames.stream().filter(ModelHarness.Seen::reply).count();
        assertEquals(requests, acks, "a clean link answers everything");
        assertEquals(h.run.holds().size(), h.run.holdsWith("released") + h.run.holdsWith("open_at_end"));
        long accounted = h.run.m.requests.stream().mapToLong(r -> r.frames.size() + r.replyFrames.size()).sum();
        assertEquals(h.run.frames(), accounted);
    }

    @Test
    void lostRequestsAndAcksExpireHoldsAsInHasync() throws Exception {
        ModelConfig c = dash(SenderMode.PACKET);
        c.loss = 0.05;
        ModelHarness h = ModelHarness.run(c);
        assertEquals(0, h.experts());
        assertTrue(h.run.holdsWith("expired") > 0);
        assertTrue(h.run.endpointRetransmissions() > 0, "approach 1 over DASH: the endpoints retransmit");
    }

    @Test
    void modesWithoutRepliesAreRefused() {
        ModelConfig c = dash(SenderMode.STATE);
        assertEquals("--dialect dash needs --mode packet or hold: every DASH flow-sync request expects its ACK",
                assertThrows(IllegalArgumentException.class, c::validate).getMessage());
    }
}
