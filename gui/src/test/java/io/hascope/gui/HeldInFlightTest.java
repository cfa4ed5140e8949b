package io.hascope.gui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.AnalysisResult;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.decode.DissectorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldInFlightTest {
    private static final long S = 1_000_000_000L;

    private static HoldRecord hold(long start, long end, int packets) {
        return new HoldRecord(1, start, "a", "b", packets, null, -1, -1, 0, "released", end);
    }

    @Test
    void eachHoldRaisesTheLineAtItsRequestAndLowersItWhenItStopsHolding() {
        List<HoldRecord> holds = List.of(hold(S, 3 * S, 1), hold(2 * S, 4 * S, 2));
        List<double[]> steps = HeldInFlight.steps(holds, 0, 100);
        double[][] expected = {{0, 0}, {1, 0}, {1, 1}, {2, 1}, {2, 3}, {3, 3}, {3, 2}, {4, 2}, {4, 0}};
        assertEquals(expected.length, steps.size());
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], steps.get(i), 1e-9, "point " + i);
        }
    }

    @Test
    void aHoldEndingAsAnotherStartsIsNotCountedWithIt() {
        List<double[]> steps = HeldInFlight.steps(List.of(hold(S, 2 * S, 1), hold(2 * S, 3 * S, 1)), 0, 100);
        assertEquals(1, peak(steps), "the end at 2 s comes before the start at 2 s, as the analysis counts its peak");
    }

    @Test
    void moreChangesThanTheChartDrawsKeepEveryPeakOfTheirSpan() {
        List<HoldRecord> holds = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            holds.add(hold(i * 1_000_000L, i * 1_000_000L + 500_000L, 1)); // one at a time, half a millisecond each
        }
        holds.add(hold(5 * S + 700_000L, 5 * S + 700_001L, 7)); // a burst shorter than any span, between holds
        List<double[]> steps = HeldInFlight.steps(holds, 0, 400);
        assertEquals(401, steps.size(), "the origin, then two points per span");
        assertEquals(7, peak(steps), "a burst between samples is still drawn");
    }

    @Test
    void onASampleTheHighestStepIsTheScorecardsPeakInFlight() throws Exception {
        Path sample = Path.of("..", "samples", "model-hold-resend-loss5.pcapng");
        List<HoldRecord> holds = new ArrayList<>();
        Analyzer analyzer = new Analyzer(new AnalysisConfig()).onHolds((frame, time, dpu, peer, packets, connection,
                replyFrame, replyNanos, resends, outcome, end) -> holds.add(new HoldRecord(frame, time, dpu, peer,
                packets, connection, replyFrame, replyNanos, resends, outcome, end)));
        try (CaptureReader reader = Captures.open(sample.toString())) {
            CaptureAnalysis.run(reader, DissectorConfig.defaults(), analyzer, Long.MAX_VALUE, Long.MAX_VALUE);
        }
        AnalysisResult r = analyzer.result(sample.toString());
        long scorecardPeak = ((Number) r.holds().get("peak_in_flight")).longValue();
        assertEquals(scorecardPeak, peak(HeldInFlight.steps(holds, r.firstTimeNanos(), 4000)));
        assertEquals(scorecardPeak, peak(HeldInFlight.steps(holds, r.firstTimeNanos(), 40)), "binned as well");
    }

    private static long peak(List<double[]> steps) {
        return (long) steps.stream().mapToDouble(p -> p[1]).max().orElse(0);
    }
}
