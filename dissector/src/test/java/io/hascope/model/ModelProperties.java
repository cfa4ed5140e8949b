package io.hascope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Whatever the seed, mode and impairments, the model writes only well-formed traffic that the truth accounts for. */
class ModelProperties {
    @Property(tries = 25)
    void anyConfigurationWritesACaptureWithoutAMalformedFrame(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                                            @ForAll SenderMode mode,
                                                            @ForAll @DoubleRange(min = 0, max = 0.3) double loss,
                                                            @ForAll @DoubleRange(min = 0, max = 0.1) double reorder,
                                                            @ForAll @DoubleRange(min = 0, max = 0.1) double duplicate,
                                                            @ForAll @IntRange(min = 1, max = 64) int n,
                                                            @ForAll boolean resend,
                                                            @ForAll boolean reliable) throws Exception {
        ModelConfig c = ModelHarness.small(mode);
        c.seed = seed;
        c.duration = ModelConfig.S;
        c.loss = loss;
        c.reorder = reorder;
        c.duplicate = duplicate;
        c.maxMessages = n;
        c.resendOnTimeout = resend;
        c.resendEvery = 300 * ModelConfig.MS;
        c.reliable = reliable && !c.dash;
        ModelHarness h = ModelHarness.run(c);
        assertEquals(0, h.experts(), "no malformed frame");
        long transportOnly = !c.reliable ? 0 : java.util.Arrays.stream(h.run.m.dpus)
                .mapToLong(d -> ((ReliableLink) d.link).stats.nacksSent + ((ReliableLink) d.link).stats.keepalives).sum();
        assertEquals(h.run.frames() - transportOnly, h.frames.size(), "every other frame is a sync packet");
        assertEquals(h.run.holds().size(), h.run.holdsWith("released") + h.run.holdsWith("late")
                + h.run.holdsWith("expired") + h.run.holdsWith("open_at_end"), "every hold has one outcome");
        long accounted = ModelTest.requests(h).stream().mapToLong(r -> r.frames.size() + r.replyFrames.size()).sum();
        long transportResends = !c.reliable ? 0 : java.util.Arrays.stream(h.run.m.dpus)
                .mapToLong(d -> ((ReliableLink) d.link).stats.retransmissions).sum();
        assertEquals(h.run.frames() - transportOnly - transportResends, accounted, "the truth accounts for every"
                + " frame of the capture but the transport's own (NACK, KEEPALIVE, DATA sent again)");
        long lost = ModelTest.requests(h).stream().mapToLong(r -> r.deliveries.stream().filter(d -> d == 0).count()).sum();
        if (loss == 0) {
            assertEquals(0, lost, "a lossless channel loses nothing");
        }
    }
}
