package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code decode -q -z expert}: tshark's expert summary, a section per severity in tshark's layout, counting the
 * dissector's named findings by kind, and on a second pass the analysis' findings too.
 */
class ExpertTableTest {
    private static final String BASIC = CliRun.sample("sync-basic.pcapng").toString();
    private static final String FAILOVER = CliRun.sample("model-hold-failover.pcapng").toString();

    @Test
    void theDissectorsFindingsAreCountedByKindInTsharksLayout() {
        CliRun run = CliRun.run("decode", "-q", "-r", BASIC, "-z", "expert");
        assertEquals(0, run.exitCode(), run.err());
        // the header line is tshark 4.0.17's, character for character
        assertEquals("""

                Errors (3)
                =============
                   Frequency      Group           Protocol  Summary
                           1  Malformed             HASYNC  Fewer messages than the message count
                           1  Malformed             HASYNC  Message runs past the datagram
                           1  Malformed             HASYNC  Datagram on the hasync port is not hasync
                """, run.out());
        CliRun expertFields = CliRun.run("decode", "-r", BASIC, "-Y", "expert.severity == error", "-T", "fields",
                "-e", "frame.number");
        assertEquals(3, expertFields.lines().length, "the same three frames carry an error");
    }

    @Test
    void aSeverityFloorAndAFilterChooseWhatIsCounted() {
        CliRun errorOnly = CliRun.run("decode", "-q", "-r", BASIC, "-z", "expert,error,frame.number == 20");
        assertTrue(errorOnly.out().startsWith("\nErrors (1)\n"), errorOnly.out());
        assertTrue(errorOnly.out().contains("Fewer messages than the message count"), errorOnly.out());
        CliRun none = CliRun.run("decode", "-q", "-r", CliRun.sample("model-hold-clean.pcapng").toString(), "-z",
                "expert");
        assertEquals("", none.out(), "nothing to say, as tshark says nothing");
    }

    @Test
    void onASecondPassTheAnalysisFindingsAreCountedAsAnalyzeCountsThem() {
        CliRun without = CliRun.run("decode", "-q", "-r", FAILOVER, "-z", "expert");
        assertEquals("", without.out(), "-z expert alone takes no second pass");
        CliRun run = CliRun.run("decode", "-q", "-2", "-r", FAILOVER, "-z", "expert");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\nErrors (1)\n"), run.out());
        assertTrue(run.out().contains("           1   Protocol             HASYNC  failover (analysis)\n"), run.out());
        assertTrue(run.out().contains("          45   Sequence             HASYNC  lost_reply (analysis)\n"),
                run.out());
        CliRun analyze = CliRun.run("analyze", "-q", "-r", FAILOVER);
        assertTrue(analyze.out().contains("failover 1, lost_reply 45"), analyze.out());
        CliRun filtered = CliRun.run("decode", "-q", "-r", FAILOVER, "-z", "expert,hasync.analysis.lost_reply");
        assertTrue(filtered.out().contains("Warns (45)"), "a filter on an analysis field takes the second pass:\n"
                + filtered.out());
        assertTrue(!filtered.out().contains("failover (analysis)"), filtered.out());
    }

    @Test
    void anArgumentThatIsNotOneIsAUsageError() {
        CliRun bad = CliRun.run("decode", "-q", "-r", BASIC, "-z", "expert,frame.number ==");
        assertEquals(ExitCode.USAGE, bad.exitCode());
        assertTrue(bad.err().startsWith("hascope: -z expert: invalid display filter"), bad.err());
        CliRun other = CliRun.run("decode", "-q", "-r", BASIC, "-z", "experts");
        assertEquals(ExitCode.USAGE, other.exitCode());
        assertTrue(other.err().contains("expert[,SEVERITY][,FILTER]"), other.err());
    }
}
