package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `hascope simulate` as a user runs it. */
class SimulateCommandTest {
    @TempDir
    Path dir;

    @Test
    void theOptionsNamedInMicrosecondsTakeABareNumberAsMicroseconds() {
        SimulateCommand bare = new SimulateCommand();
        new picocli.CommandLine(bare).parseArgs("--latency-us", "500", "--jitter-us", "20/30", "--coalesce-us", "300");
        io.hascope.model.ModelConfig c = bare.config();
        assertEquals(500_000, c.latency, "500 µs, not 500 s");
        assertEquals(20_000, c.jitter);
        assertEquals(300_000, c.coalesceDelay);
        SimulateCommand withUnits = new SimulateCommand();
        new picocli.CommandLine(withUnits).parseArgs("--latency-us", "2ms", "--coalesce-us", "300s");
        assertEquals(2_000_000, withUnits.config().latency, "a unit still says what it is");
        assertEquals(300_000_000_000L, withUnits.config().coalesceDelay);
    }

    @Test
    void aRunThatOutgrowsTheHeapSaysSoInOneSentenceAndLeavesNoFile() throws Exception {
        Path capture = dir.resolve("big.pcapng");
        HascopeProcess run = HascopeProcess.start(dir, null, java.util.List.of("-Xmx48m"), "simulate", "-q",
                "--cps", "60000", "--duration", "40s", "-w", capture.toString());
        assertEquals(ExitCode.MEMORY, run.waitFor(120));
        String err = run.err();
        assertTrue(err.startsWith("hascope: out of memory with a heap of "), err);
        assertTrue(err.contains("HASCOPE_JAVA_OPTS") && err.contains("the model keeps every request"), err);
        assertEquals(1, err.strip().lines().count(), "one sentence, no trace: " + err);
        assertFalse(java.nio.file.Files.exists(capture), "nothing half-written under the name asked for");
    }

    @Test
    void writesACaptureThatDecodesAndATruthThatCountsIt() throws Exception {
        Path pcap = dir.resolve("hold.pcapng");
        Path truth = dir.resolve("hold.json");
        CliRun r = CliRun.run("simulate", "--mode", "hold", "--duration", "2s", "--cps", "50", "--loss", "0.05",
                "-w", pcap.toString(), "--truth", truth.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("hascope: simulated 4.0 s (hold mode): "), r.err());
        JsonNode t = new ObjectMapper().readTree(truth.toFile());
        CliRun decoded = CliRun.run("decode", "-r", pcap.toString(), "-T", "fields", "-e", "frame.number");
        long frames = decoded.lines().length;
        long accounted = 0;
        for (JsonNode req : t.get("requests")) {
            accounted += req.get("sends").size() + req.get("replies").size();
        }
        assertEquals(frames, accounted);
        assertEquals(0, CliRun.run("decode", "-r", pcap.toString(), "-Y", "expert").lines().length);
        JsonNode holds = t.get("scorecard").get("holds");
        assertEquals(t.get("holds").size(), holds.get("released").asInt() + holds.get("late").asInt()
                + holds.get("expired").asInt() + holds.get("open_at_end").asInt());
    }

    @Test
    void aSwitchoverAndTheCustomerSideWithoutATerminalPrintOnlyTheSummary() throws Exception {
        Path pcap = dir.resolve("sw.pcapng");
        Path customer = dir.resolve("customer.pcapng");
        Path truth = dir.resolve("sw.json");
        CliRun r = CliRun.run("simulate", "--duration", "3s", "--lifetime", "5s", "--switchover", "B@1500ms",
                "--customer-capture", customer.toString(), "-w", pcap.toString(), "--truth", truth.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), "no progress line when standard error is not a terminal");
        JsonNode t = new ObjectMapper().readTree(truth.toFile());
        assertEquals("192.0.2.2", t.get("switchovers").get(0).get("from").asText());
        assertEquals(0, t.get("switchovers").get(0).get("lost").size());
        assertTrue(CliRun.run("decode", "-r", customer.toString(), "-Y", "tcp.flags == 0x02").lines().length > 0,
                "the customer side holds the SYNs");
    }

    @Test
    void replayDrivesTheModelWithACustomerCaptureAndRefusesAMissingOne() throws Exception {
        Path pcap = dir.resolve("replay.pcapng");
        CliRun r = CliRun.run("replay", "-r", CliRun.sample("customer-http-loopback.pcapng").toString(), "-w", pcap.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("hascope: replayed "), r.err());
        assertEquals(0, CliRun.run("decode", "-r", pcap.toString(), "-Y", "expert").lines().length);
        Path out = dir.resolve("none.pcapng");
        CliRun missing = CliRun.run("replay", "-r", dir.resolve("absent.pcap").toString(), "-w", out.toString());
        assertEquals(ExitCode.UNREADABLE, missing.exitCode(), "the same code as decode for a file that cannot be read");
        assertTrue(missing.err().contains("absent.pcap: no such file"), missing.err());
        assertFalse(Files.exists(out), "no capture left behind");
        assertFalse(Files.exists(dir.resolve("none.pcapng.partial")));
    }

    @Test
    void theProgressLineSaysWhereTheRunIs() {
        assertEquals("hascope:   2.5 of 12.0 s simulated, 1,234 connections, 56,789 frames   ",
                ProgressLine.format(2_500_000_000L, 12_000_000_000L, 1234, 56789));
    }

    @Test
    void badConfigurationIsOneSentenceAndAUsageExitCode() {
        Path out = dir.resolve("x.pcapng");
        String[][] bad = {
            {"--max-msgs", "0"}, {"--loss", "1.5"}, {"--mode", "telepathy"}, {"--duration", "soon"},
            {"--on-timeout", "pray"}, {"--hold-syn", "maybe"}};
        for (String[] opt : bad) {
            CliRun r = CliRun.run("simulate", "-w", out.toString(), opt[0], opt[1]);
            assertEquals(ExitCode.USAGE, r.exitCode(), String.join(" ", opt));
            assertTrue(r.err().startsWith("hascope: "), r.err());
            assertEquals(2, r.err().lines().count(), "one sentence and the --help hint: " + r.err());
            assertFalse(Files.exists(out), "nothing written for a bad configuration");
        }
        assertEquals(ExitCode.USAGE, CliRun.run("simulate").exitCode(), "nothing to write");
    }
}
