package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code hascope decode -q -z io,stat,...} prints what {@code tshark -q -z io,stat,...} prints for the same capture:
 * tshark 4.0.17's own output is kept in test resources (tshark-io-stat/README.md names each file's command), so the
 * comparison needs no tshark here.
 */
class IoStatTableTest {
    record Case(String file, String sample, String argument) {
        @Override
        public String toString() {
            return sample + " -z " + argument;
        }
    }

    static Stream<Case> tsharkOutputs() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : resource("README.md").split("\n")) {
            String[] cells = line.split("\\|", -1);
            if (cells.length == 5 && cells[1].strip().endsWith(".txt")) {
                cases.add(new Case(cells[1].strip(), cells[2].strip(), cells[3].strip().replace("`", "")));
            }
        }
        assertEquals(5, cases.size(), "the README lists every file kept");
        return cases.stream();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = IoStatTableTest.class.getResourceAsStream("/tshark-io-stat/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tsharkOutputs")
    void theTableIsTsharksCharacterForCharacter(Case c) throws IOException {
        CliRun run = CliRun.run("decode", "-q", "-r", CliRun.sample(c.sample()).toString(), "-z", c.argument());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(resource(c.file()), run.out());
    }

    @Test
    void withoutQuietTheFramesComeFirstAndTheFilterChoosesOnlyWhatIsPrinted() {
        String sample = CliRun.sample("model-hold-failover.pcapng").toString();
        CliRun run = CliRun.run("decode", "-r", sample, "-Y", "frame.number <= 2", "-z", "io,stat,0");
        String[] lines = run.out().split("\n");
        assertTrue(lines[0].strip().startsWith("1 "), lines[0]);
        assertTrue(lines[1].strip().startsWith("2 "), lines[1]);
        assertEquals("", lines[2], "the table follows, after a blank line as tshark's");
        assertTrue(run.out().contains("| 0.000 <> 5.800 |    684 | 53544 |"), "every frame read is counted:\n"
                + run.out());
    }

    @Test
    void aColumnOnAnAnalysisFieldTakesTheSecondPassAndSeveralTablesFollowInTurn() {
        String sample = CliRun.sample("model-hold-failover.pcapng").toString();
        CliRun lost = CliRun.run("decode", "-q", "-r", sample, "-z", "io,stat,0,hasync.analysis.lost_reply", "-z",
                "io,stat,0,COUNT(hasync.analysis.reply_in)");
        assertEquals(0, lost.exitCode(), lost.err());
        CliRun analyze = CliRun.run("analyze", "-q", "-r", sample, "--findings", "lost_reply", "--format", "csv");
        long lostReplies = analyze.out().lines().count() - 1;
        assertEquals(45, lostReplies);
        assertTrue(lost.out().contains(String.format("|     %2d |", lostReplies)), lost.out());
        assertEquals(2, lost.out().split("\\| IO Statistics").length - 1, "two tables");
    }

    @Test
    void helpListsTheStatisticsAndWhatCannotBeComputedIsAUsageError() {
        CliRun help = CliRun.run("decode", "-z", "help");
        assertEquals(0, help.exitCode());
        for (String each : new String[] {"io,stat,INTERVAL[,COLUMN]...", "expert[,error|warn|note|chat][,FILTER]",
                "hasync,srt[,FILTER]"}) {
            assertTrue(help.out().contains(each), help.out());
        }
        CliRun other = CliRun.run("decode", "-q", "-r", CliRun.sample("sync-basic.pcapng").toString(), "-z",
                "conv,udp");
        assertEquals(ExitCode.USAGE, other.exitCode());
        assertTrue(other.err().startsWith("hascope: -z takes io,stat,INTERVAL[,COLUMN]..., expert[,SEVERITY][,FILTER]"
                + " or hasync,srt[,FILTER], not 'conv,udp'"), other.err());
        CliRun bad = CliRun.run("decode", "-q", "-r", CliRun.sample("sync-basic.pcapng").toString(), "-z",
                "io,stat,1,SUM(ip.src)");
        assertEquals(ExitCode.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("ip.src is not a number or a time span"), bad.err());
    }

    @Test
    void aTableOfMoreIntervalsThanItHoldsIsOneSentenceAndTheOtherTablesAreDrawn(@org.junit.jupiter.api.io.TempDir
                                                                              java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path years = dir.resolve("years.pcapng");
        try (io.hascope.capture.PcapngWriter w = new io.hascope.capture.PcapngWriter(years, "test")) {
            int eth = w.addInterface(io.hascope.capture.LinkType.ETHERNET, 65535, "eth0");
            w.write(eth, 1_000_000_000L, new byte[60]);
            w.write(eth, 1_000_000_000L + 24_251_308_400_000_000L, new byte[60]); // a timestamp 281 days on
        }
        CliRun run = CliRun.run("decode", "-q", "-r", years.toString(), "-z", "io,stat,0.1", "-z", "io,stat,0");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("hascope: -z io,stat: the capture spans 24251308.400000 s, 242,513,085"
                + " intervals of 0.1 s, more than the 1,000,000 a table holds: give a longer interval"), run.err());
        assertTrue(run.out().contains("|      2 |   120 |"), "the whole capture as one row:\n" + run.out());
    }

    @Test
    void aCaptureCutShortGivesTheTableOfWhatWasReadThenTheSentence(@org.junit.jupiter.api.io.TempDir
                                                                    java.nio.file.Path dir) throws IOException {
        byte[] whole = java.nio.file.Files.readAllBytes(CliRun.sample("sync-basic.pcapng"));
        java.nio.file.Path cut = java.nio.file.Files.write(dir.resolve("cut.pcapng"),
                java.util.Arrays.copyOf(whole, 3000));
        CliRun run = CliRun.run("decode", "-q", "-r", cut.toString(), "-z", "io,stat,0");
        assertEquals(ExitCode.CORRUPT, run.exitCode());
        assertTrue(run.out().contains("|     19 |"), "the 19 whole frames:\n" + run.out());
        assertTrue(run.err().contains("cut short"), run.err());
    }
}
