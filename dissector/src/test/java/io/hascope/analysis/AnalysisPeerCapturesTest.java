package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hascope.SharedFiles;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.decode.DissectorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tcpdump project's 830 captures, real and deliberately broken, through the whole analysis (with the heuristics
 * that try every UDP datagram as HA traffic): none makes it throw, and each gives a complete result.
 */
class AnalysisPeerCapturesTest {
    @Test
    void everyPeerCaptureIsAnalysedWithoutAnException() throws Exception {
        List<Path> files = SharedFiles.peerCaptures();
        assertEquals(830, files.size());
        List<String> failures = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (Path file : files) {
                try (CaptureReader reader = Captures.open(file.toString())) {
                    Analyzer analyzer = new Analyzer(new AnalysisConfig()).onPairing(new FrameAnnotations());
                    CaptureAnalysis.run(reader, DissectorConfig.defaults(), analyzer, Long.MAX_VALUE, Long.MAX_VALUE);
                    AnalysisResult r = analyzer.result(file.getFileName().toString());
                    r.counts();
                    r.holds();
                    r.scorecard();
                } catch (java.io.IOException e) {
                    // unreadable as a capture: decode reports it the same way (PeerCapturesTest)
                } catch (RuntimeException e) {
                    failures.add(file.getFileName() + ": " + e);
                }
            }
        });
        assertEquals(List.of(), failures);
    }

    /**
     * analyze -w on the corpus: each capture copied with its findings as frame comments holds every frame it held, byte
     * for byte with its time, interface and link type, and the copy reads back without a problem.
     */
    @Test
    void everyPeerCaptureCopiesWithItsFindingsAsCommentsFrameForFrame() throws Exception {
        List<String> failures = new ArrayList<>();
        int copied = 0;
        for (Path file : SharedFiles.peerCaptures()) {
            try {
                Analyzer analyzer = new Analyzer(new AnalysisConfig());
                try (CaptureReader reader = Captures.open(file.toString())) {
                    CaptureAnalysis.run(reader, DissectorConfig.defaults(), analyzer, Long.MAX_VALUE, Long.MAX_VALUE);
                }
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                try (CaptureReader again = Captures.open(file.toString());
                     io.hascope.capture.PcapngWriter w = new io.hascope.capture.PcapngWriter(out, "test")) {
                    FindingComments.copy(again, analyzer.findings(), Long.MAX_VALUE, w);
                }
                List<String> before = frames(Captures.open(file.toString()));
                List<String> after = frames(Captures.open(new java.io.ByteArrayInputStream(out.toByteArray()), "copy"));
                if (!before.equals(after)) {
                    failures.add(file.getFileName() + ": " + before.size() + " frames, copy " + after.size());
                }
                copied++;
            } catch (java.io.IOException e) {
                // unreadable as a capture
            } catch (RuntimeException e) {
                failures.add(file.getFileName() + ": " + e);
            }
        }
        assertEquals(List.of(), failures);
        org.junit.jupiter.api.Assertions.assertTrue(copied > 800, "captures copied: " + copied);
    }

    /** Each frame read as "time interface link-type bytes", then what stopped the reader (null: its end). */
    private static List<String> frames(CaptureReader r) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        try (r) {
            io.hascope.capture.Frame f = new io.hascope.capture.Frame();
            while (r.next(f)) {
                out.add(f.timeNanos() + " " + f.interfaceId() + " " + f.linkType() + " " + f.originalLength() + " "
                        + java.util.Arrays.hashCode(f.copyBytes()));
            }
        }
        return out;
    }

    /**
     * The same corpus read twice at once, as two taps named after the first IP packet's source (the first copy) and
     * destination (the second): its frames then leave at one tap and arrive at the other, and frames to the source
     * arrive with no departure seen; malformed ones included.
     */
    @Test
    void everyPeerCaptureIsAnalysedWithNamedTapsWithoutAnException() throws Exception {
        List<Path> files = SharedFiles.peerCaptures();
        List<String> failures = new ArrayList<>();
        int named = 0;
        for (Path file : files) {
            byte[][] addresses = firstIpPacketsAddresses(file);
            if (addresses == null) {
                continue;
            }
            named++;
            try (CaptureReader a = Captures.open(file.toString()); CaptureReader b = Captures.open(file.toString())) {
                io.hascope.capture.MergingReader merged = new io.hascope.capture.MergingReader(List.of(a, b));
                NamedTaps taps = NamedTaps.of(List.of(new NamedTaps.Tap(addresses[0], merged.interfacesOf(0)),
                        new NamedTaps.Tap(addresses[1], merged.interfacesOf(1))));
                Analyzer analyzer = new Analyzer(new AnalysisConfig());
                CaptureAnalysis.run(merged, DissectorConfig.defaults(), analyzer, Long.MAX_VALUE, Long.MAX_VALUE, null,
                        null, taps);
                AnalysisResult r = analyzer.result(file.getFileName().toString());
                r.counts();
                r.taps();
            } catch (java.io.IOException e) {
                // unreadable as a capture
            } catch (RuntimeException e) {
                failures.add(file.getFileName() + ": " + e);
            }
        }
        assertEquals(List.of(), failures);
        org.junit.jupiter.api.Assertions.assertTrue(named > 300, "captures with IP traffic to name taps after: "
                + named);
    }

    /** Source and destination of the first IP packet (Ethernet or raw), or null. */
    private static byte[][] firstIpPacketsAddresses(Path file) {
        try (CaptureReader r = Captures.open(file.toString())) {
            io.hascope.capture.Frame f = new io.hascope.capture.Frame();
            while (r.next(f)) {
                int ip = NamedTaps.ipStart(f);
                int end = f.offset() + f.capturedLength();
                if (ip < 0 || ip >= end) {
                    continue;
                }
                int version = (f.buffer().get(ip) & 0xff) >>> 4;
                int length = version == 4 ? 4 : version == 6 ? 16 : 0;
                int source = version == 4 ? ip + 12 : ip + 8;
                if (length == 0 || source + 2 * length > end) {
                    continue;
                }
                byte[][] out = new byte[2][length];
                for (int i = 0; i < length; i++) {
                    out[0][i] = f.buffer().get(source + i);
                    out[1][i] = f.buffer().get(source + length + i);
                }
                if (!java.util.Arrays.equals(out[0], out[1])) {
                    return out;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
