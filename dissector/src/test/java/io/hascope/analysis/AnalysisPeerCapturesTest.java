package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hascope.SharedFiles;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.decode.DissectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tcpdump project's 830 captures, real and deliberately broken, through the whole analysis (with the heuristics
 * that try every UDP datagram as HA traffic): none makes it throw, and each gives a complete result.
 */
class AnalysisPeerCapturesTest {
    @Test
    void everyPeerCaptureIsAnalysedWithoutAnException() throws Exception {
        Path corpus = SharedFiles.resolve("peer-captures/tcpdump-tests");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.sorted().toList();
        }
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
}
