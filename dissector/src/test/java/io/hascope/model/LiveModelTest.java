package io.hascope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hascope.SharedFiles;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.capture.PcapngWriter;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The model driven frame by frame (as replay -i drives it) is the model driven by a whole capture: fed the same
 * frames at the same times and advanced in small steps, it writes the same HA frames and the same truth.
 */
class LiveModelTest {
    @ParameterizedTest(name = "{0}, {1} mode, loss {2}")
    @CsvSource({"realtraffic/web-browsing-2010.pcap, HOLD, 0.0", "realtraffic/web-browsing-2010.pcap, HOLD, 0.05",
        "realtraffic/web-browsing-2010.pcap, PACKET, 0.02", "samples, REFRESH, 0.0"})
    void frameByFrameInRealTimeIsTheSameRunAsTheWholeCapture(String source, String mode, double loss) throws Exception {
        String file = source.equals("samples") ? SampleSetTest.samples().resolve(SampleSet.CUSTOMER_CAPTURE).toString()
                : SharedFiles.resolve(source).toString();
        ModelConfig whole = config(mode, loss);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream expectedTruth = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(expected, "test")) {
            Model.replay(whole, file, w).writeTruth(expectedTruth);
        }

        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteArrayOutputStream gotTruth = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(got, "test"); CaptureReader r = Captures.open(file)) {
            LiveModel live = new LiveModel(config(mode, loss), w);
            Frame f = new Frame();
            long first = firstCustomerFrame(file);
            long last = 0;
            CustomerReplay.Tracker customer = new CustomerReplay.Tracker(1);
            while (r.next(f)) {
                if (f.timeNanos() < first || !customer.isCustomer(f)) {
                    continue; // the whole-capture replay spans the TCP and UDP frames, first to last
                }
                long at = Model.REPLAY_START + f.timeNanos() - first;
                live.advanceTo(at - 1); // the model's clock follows the frames, a step behind each
                if (live.customerFrame(f, at)) {
                    last = Math.max(last, at);
                }
            }
            live.advanceTo(last + 1);
            live.finish().writeTruth(gotTruth);
        }
        assertArrayEquals(expected.toByteArray(), got.toByteArray(), "the same HA frames");
        assertEquals(expectedTruth.toString(), gotTruth.toString(), "the same truth");
    }

    private static long firstCustomerFrame(String file) throws Exception {
        CustomerReplay.Tracker t = new CustomerReplay.Tracker(1);
        try (CaptureReader r = Captures.open(file)) {
            Frame f = new Frame();
            while (r.next(f)) {
                if (t.isCustomer(f)) {
                    return f.timeNanos();
                }
            }
        }
        throw new IllegalStateException(file + " has no customer traffic");
    }

    private static ModelConfig config(String mode, double loss) {
        ModelConfig c = new ModelConfig();
        c.mode = SenderMode.valueOf(mode);
        c.loss = loss;
        c.seed = 9;
        return c;
    }
}
