package io.hascope.cli;

import static io.hascope.cli.CliRun.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** `bench --analyze`, whose figures the README and the issue notes quote, run on a bundled sample. */
class BenchCommandTest {

    @Test
    void roundsAndRunsBelowOneAreRefusedWithOneSentence() {
        String sample = CliRun.sample("sync-basic.pcapng").toString();
        CliRun rounds = CliRun.run("bench", "--no-tshark", "--rounds", "0", "-r", sample);
        assertEquals(ExitCode.USAGE, rounds.exitCode());
        assertTrue(rounds.err().startsWith("hascope: --rounds needs at least 1, not 0"), rounds.err());
        CliRun runs = CliRun.run("bench", "--no-tshark", "--analyze", "--runs", "-2", "-r", sample);
        assertEquals(ExitCode.USAGE, runs.exitCode());
        assertTrue(runs.err().startsWith("hascope: --runs needs at least 1, not -2"), runs.err());
        CliRun missing = CliRun.run("bench", "--no-tshark", "-r", "/nonexistent.pcapng");
        assertEquals(ExitCode.UNREADABLE, missing.exitCode(), "a file to read, not an output that failed");
        assertTrue(missing.err().startsWith("hascope: /nonexistent.pcapng: no such file"), missing.err());
    }

    @Test
    void theToolsComparedRunInTurnSoThatAMachineWhoseSpeedDriftsSlowsEachAlike() throws Exception {
        Path log = Files.createTempFile("hascope-turns", ".txt");
        try {
            double[][] times = BenchCommand.timeInTurn(List.of(List.of("sh", "-c", "echo ours >> " + log),
                    List.of("sh", "-c", "echo theirs >> " + log)), 3);
            assertEquals(List.of("ours", "theirs", "ours", "theirs", "ours", "theirs"), Files.readAllLines(log));
            assertEquals(2, times.length);
            for (double[] each : times) {
                assertEquals(3, each.length);
                for (double seconds : each) {
                    assertTrue(seconds > 0 && seconds < 60, "a wall time in seconds: " + seconds);
                }
            }
        } finally {
            Files.delete(log);
        }
        assertEquals(2.0, BenchCommand.medianOf(new double[] {5, 1, 2}), "the median, whatever the order");
        assertEquals("2.0–4.0x", BenchCommand.pairRatios(new double[] {1, 2}, new double[] {4, 4}),
                "each turn's ratio, lowest to highest");
    }

    @Test
    void aToolThatFailsIsReportedWithWhatItSaidOnStderr() throws Exception {
        assertTrue(BenchCommand.timeOnce(List.of("sh", "-c", "echo 'Running as user root' >&2")) > 0,
                "a warning of a run that worked is not a failure");
        java.io.IOException failed = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> BenchCommand.timeOnce(List.of("sh", "-c", "echo 'cannot read the file' >&2; exit 3")));
        assertEquals("sh exited with 3: cannot read the file", failed.getMessage());
    }

    @Test
    void theAnalysisBenchCountsTheCaptureAndDividesTheHeapByTheConnectionsTheAnalysisHoldsHalfway() throws Exception {
        String capture = sample("model-hold-clean.pcapng").toString();
        CliRun bench = CliRun.runForSystemOut("bench", "--analyze", "-r", capture, "--no-tshark", "--runs", "1",
                "--rounds", "1");
        assertEquals(ExitCode.OK, bench.exitCode(), bench.err());
        String out = bench.out();

        JsonNode whole = json("analyze", "-q", "--format", "json", "-r", capture);
        long frames = whole.get("capture").get("frames").asLong();
        assertTrue(out.contains(String.format("frames %,d, sync packets", frames)), out);

        // the denominator of heap per connection is what the analysis holds at that frame: own entries, and all
        Matcher heap = Pattern.compile("heap retained at frame ([\\d,]+): ([\\d,]+) bytes for ([\\d,]+) live"
                + " connections \\(([\\d,]+) table entries").matcher(out);
        assertTrue(heap.find(), out);
        long halfway = number(heap.group(1));
        assertEquals(frames / 2, halfway);
        JsonNode tables = json("analyze", "-q", "--format", "json", "--tables", "--at", Long.toString(halfway), "-r",
                capture).get("tables");
        long own = 0;
        long entries = 0;
        for (JsonNode table : tables) {
            for (JsonNode entry : table) {
                entries++;
                own += entry.get("side").asText().equals("own") ? 1 : 0;
            }
        }
        assertTrue(own > 0, "the sample holds connections halfway");
        assertEquals(own, number(heap.group(3)));
        assertEquals(entries, number(heap.group(4)));
        assertTrue(number(heap.group(2)) > 0, "the analysis retains some heap: " + heap.group());
        assertTrue(out.contains("per entry; no findings so far"), "a clean run has nothing to weigh apart: " + out);

        assertTrue(out.contains("hascope analyze, fresh JVM: "), out);
        assertTrue(out.contains("analysis in process, one thread (1 rounds): median "), out);
        assertTrue(out.contains("the command's time beyond the in-process median"), out);
        assertFalse(out.contains("tshark"), "--no-tshark runs no tshark and prints no ratio: " + out);
    }

    @Test
    void theAnalysisBenchWeighsTheFindingsApartFromTheHeapPerConnection() throws Exception {
        // a partition: lost replies and divergences by mid-file, which grow with what went wrong, not with the
        // connections live
        CliRun bench = CliRun.runForSystemOut("bench", "--analyze", "-r", sample("model-partition.pcapng").toString(),
                "--no-tshark", "--runs", "1", "--rounds", "1");
        assertEquals(ExitCode.OK, bench.exitCode(), bench.err());
        Matcher findings = Pattern.compile("per entry; ([\\d,]+) findings so far, -?[\\d,]+ bytes besides"
                + " \\(-?\\d+ per finding\\)").matcher(bench.out());
        assertTrue(findings.find(), bench.out());
        assertTrue(number(findings.group(1)) > 0, findings.group());
    }

    private static long number(String withCommas) {
        return Long.parseLong(withCommas.replace(",", ""));
    }

    private static JsonNode json(String... args) throws Exception {
        CliRun r = CliRun.run(args);
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        return new ObjectMapper().readTree(r.out());
    }
}
