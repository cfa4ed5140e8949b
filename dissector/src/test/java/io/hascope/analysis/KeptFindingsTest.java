package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.SharedFiles;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.decode.DissectorConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A report may keep only the first findings made (a live session that runs for days would fill the heap with them):
 * the others are counted, so the counts, the worst severity and the scorecard stay those of every finding.
 */
class KeptFindingsTest {
    private static final String SAMPLE = "model-partition.pcapng"; // lost replies, divergences, zombies, a failover

    @Test
    void findingsBeyondTheFirstKeptAreCountedAndToldButNotListed() throws IOException {
        AnalysisResult all = analyse(new Analyzer(new AnalysisConfig()));
        List<Finding> told = new ArrayList<>();
        Analyzer keeping = new Analyzer(new AnalysisConfig()).keepFindings(5).onFinding(told::add);
        AnalysisResult kept = analyse(keeping);

        int made = all.findings().size();
        assertTrue(made > 20, "the sample makes findings to cut: " + made);
        assertEquals(5, kept.findings().size());
        assertEquals(made - 5, kept.findingsNotKept());
        assertEquals(made, told.size(), "every finding is told as it is made, kept or not");
        assertEquals(keys(told.subList(0, 5)).stream().sorted().toList(),
                keys(kept.findings()).stream().sorted().toList(), "the first five made are the ones kept");
        assertTrue(keys(all.findings()).containsAll(keys(kept.findings())));

        assertEquals(all.counts(), kept.counts(), "the counts are of every finding made");
        assertEquals(all.bySeverity(), kept.bySeverity());
        assertEquals(all.worst(), kept.worst());
        assertEquals(all.scorecard(), kept.scorecard(), "zombies included");
        assertEquals(keeping.liveFigures().findings(), made, "a live display counts them all");
    }

    @Test
    void keepingNoneStillCountsEveryFindingAndTheWorst() throws IOException {
        AnalysisResult all = analyse(new Analyzer(new AnalysisConfig()));
        AnalysisResult none = analyse(new Analyzer(new AnalysisConfig()).keepFindings(0));

        assertTrue(none.findings().isEmpty());
        assertEquals(all.findings().size(), none.findingsNotKept());
        assertEquals(all.counts(), none.counts());
        assertEquals(all.worst(), none.worst());
    }

    @Test
    void withNoLimitEveryFindingIsKeptAndTheCountsAreTheList() throws IOException {
        AnalysisResult all = analyse(new Analyzer(new AnalysisConfig()));
        assertEquals(0, all.findingsNotKept());
        for (FindingType t : FindingType.values()) {
            assertEquals(all.findings().stream().filter(f -> f.type() == t).count(), all.counts().get(t.label()),
                    t.label());
        }
    }

    private static AnalysisResult analyse(Analyzer analyzer) throws IOException {
        try (CaptureReader r = Captures.open(SharedFiles.samples().resolve(SAMPLE).toString())) {
            CaptureAnalysis.run(r, DissectorConfig.defaults(), analyzer, Long.MAX_VALUE, Long.MAX_VALUE);
        }
        return analyzer.result(SAMPLE);
    }

    private static List<String> keys(List<Finding> findings) {
        return findings.stream().map(f -> f.type() + " " + f.frame() + " " + f.connection() + " " + f.reason())
                .toList();
    }
}
