package io.hascope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.decode.Dissector;
import io.hascope.decode.DissectorConfig;
import io.hascope.event.SyncEventSink;
import io.hascope.event.TransportEvent;
import io.hascope.field.FieldSink;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** hasync over the reliable UDP transport of spec §2, as the model runs it. */
class ReliableTransportTest {
    static ModelConfig rudp(double loss) {
        ModelConfig c = ModelHarness.small(SenderMode.HOLD);
        c.reliable = true;
        c.loss = loss;
        return c;
    }

    record Header(long frame, String from, int type, int seq, int ack) {
    }

    static List<Header> headers(byte[] capture) throws Exception {
        List<Header> out = new ArrayList<>();
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(capture), "rudp")) {
            Dissector d = new Dissector(DissectorConfig.defaults());
            Frame f = new Frame();
            while (r.next(f)) {
                d.dissect(f, FieldSink.NONE, new SyncEventSink() {
                    @Override
                    public void onTransport(TransportEvent t) {
                        out.add(new Header(t.frameNumber, t.source.toString(), t.type, t.seq, t.ack));
                    }
                });
            }
        }
        return out;
    }

    @Test
    void gapsAreNackedAndResentSoNoHeldPacketIsLost() throws Exception {
        ModelHarness h = ModelHarness.run(rudp(0.05));
        assertEquals(0, h.experts());
        assertEquals(0, h.run.holdsWith("expired"), "the transport recovers what the link loses");
        assertTrue(h.run.transportGaps() > 0);
        assertTrue(h.run.transportRetransmissions() > 0);
        ModelHarness plain = ModelHarness.run(ModelHarness.lossy(SenderMode.HOLD, 0.05));
        assertTrue(plain.run.holdsWith("expired") > 0, "without the transport the same loss expires holds");
    }


    @Test
    void eachDirectionNumbersItsNewDataPacketsOneByOne() throws Exception {
        ModelHarness h = ModelHarness.run(rudp(0.05));
        Map<String, Integer> highest = new HashMap<>();
        for (Header x : headers(h.capture)) {
            if (x.type() != TransportEvent.DATA) {
                continue;
            }
            int top = highest.getOrDefault(x.from(), -1);
            assertTrue(x.seq() <= top + 1, "frame " + x.frame() + ": a new DATA number is the next one, never a jump");
            highest.put(x.from(), Math.max(top, x.seq()));
        }
        assertEquals(2, highest.size());
    }

    @Test
    void aLinkThatLosesTooMuchBreaksTheChannelAfterMaxNack() throws Exception {
        ModelConfig c = rudp(0.7);
        c.maxNack = 1;
        ModelHarness h = ModelHarness.run(c);
        long broken = java.util.Arrays.stream(h.run.m.dpus).mapToLong(d -> ((ReliableLink) d.link).stats.broken).sum();
        assertTrue(broken > 0, "NACKs repeated past Max Nack break the channel");
        assertEquals(0, h.experts());
    }

    @Test
    void aDeadPeerBreaksTheChannelByItsSilenceOnce() throws Exception {
        ModelConfig c = rudp(0);
        c.failDpu = 1;
        c.failAt = 2 * ModelConfig.S;
        ModelHarness h = ModelHarness.run(c);
        ReliableLink.TransportStats a = ((ReliableLink) h.run.m.dpus[0].link).stats;
        assertEquals(1, a.broken, "one broken channel: the idle timeout, not every tick after it");
        assertTrue(a.brokenAt.get(0) >= c.failAt + c.idleTimeout);
    }

    @Test
    void everyFrameIsARequestAReplyOrTheTransportsOwn() throws Exception {
        ModelHarness h = ModelHarness.run(rudp(0.1));
        long app = h.run.m.requests.stream().mapToLong(r -> r.frames.size() + r.replyFrames.size()).sum();
        assertTrue(h.run.transportFrames() > 0);
        assertEquals(h.run.frames(), app + h.run.transportFrames());
    }
}
