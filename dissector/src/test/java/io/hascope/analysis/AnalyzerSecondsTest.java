package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.PcapngWriter;
import io.hascope.decode.DissectorConfig;
import io.hascope.encode.FrameEncoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The analyzer's seconds, as the GUI's timeline samples them: each second of capture time is told before the frame
 * that begins it is analysed, so the figures stand as of that instant; the end is told once, after the last frame.
 */
class AnalyzerSecondsTest {
    private static final byte[] A = {(byte) 192, 0, 2, 1};
    private static final byte[] B = {(byte) 192, 0, 2, 2};

    @Test
    void eachSecondIsToldBeforeTheFrameThatBeginsItAndTheEndAfterTheLast() throws IOException {
        // frames at 0, 0.5 and 2.3 s: seconds 0, then 1 and 2 together before the third frame, then the end
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(bytes, "AnalyzerSecondsTest")) {
            w.addInterface(1, 262144, "tap");
            for (long ms : new long[] {0, 500, 2300}) {
                byte[] frame = FrameEncoder.udpFrame(A, B, 7400, 7400, new byte[] {1});
                w.write(0, 1_000_000_000_000L + ms * 1_000_000L, ByteBuffer.wrap(frame), 0, frame.length, frame.length,
                        null);
            }
        }
        Analyzer analyzer = new Analyzer(new AnalysisConfig());
        List<String> told = new ArrayList<>();
        analyzer.onSeconds(new Analyzer.Seconds() {
            @Override
            public void begins(long secondsSinceFirst) {
                told.add(secondsSinceFirst + "s after " + analyzer.liveFigures().frames() + " frames");
            }

            @Override
            public void ends() {
                told.add("end after " + analyzer.liveFigures().frames() + " frames");
            }
        });
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(bytes.toByteArray()), "seconds")) {
            CaptureAnalysis.run(r, DissectorConfig.defaults(), analyzer, Long.MAX_VALUE, Long.MAX_VALUE);
        }
        assertEquals(List.of("0s after 0 frames", "1s after 2 frames", "2s after 2 frames", "end after 3 frames"),
                told);
    }
}
