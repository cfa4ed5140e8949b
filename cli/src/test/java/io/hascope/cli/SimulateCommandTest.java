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

    /**
     * A mirror port that misses frames (--tap-miss) on a lossless link: the truth says which frames no reader can see
     * (null), and from it alone the findings the analysis then makes are foretold, one for one: a lost reply for each
     * hold whose replies the tap all missed, an orphan for each reply whose request it missed.
     */
    @Test
    void theTruthOfARunWhoseTapMissesFramesForetellsWhatTheAnalysisWillMistake() throws Exception {
        Path capture = dir.resolve("missing.pcapng");
        Path truthFile = dir.resolve("missing.json");
        CliRun made = CliRun.run("simulate", "-q", "--mode", "hold", "--cps", "200", "--duration", "3s",
                "--tap-miss", "0.03", "--seed", "4", "-w", capture.toString(), "--truth", truthFile.toString());
        assertEquals(0, made.exitCode(), made.err());
        JsonNode truth = new ObjectMapper().readTree(truthFile.toFile());
        assertTrue(truth.get("model").get("frames_missed").asInt() > 50, truth.get("model").toString());
        CliRun same = CliRun.run("simulate", "-q", "--mode", "hold", "--cps", "200", "--duration", "3s", "--seed", "4",
                "-w", dir.resolve("whole.pcapng").toString());
        assertEquals(0, same.exitCode(), same.err());
        assertEquals(frames(dir.resolve("whole.pcapng")), frames(capture) + truth.get("model").get("frames_missed")
                .asLong(), "the same run, its traffic untouched: only the capture lacks what the tap missed");

        java.util.Map<Long, Long> timeOf = new java.util.HashMap<>();
        try (io.hascope.capture.CaptureReader r = io.hascope.capture.Captures.open(capture.toString())) {
            io.hascope.capture.Frame f = new io.hascope.capture.Frame();
            while (r.next(f)) {
                timeOf.put(f.number(), f.timeNanos());
            }
        }
        java.util.Map<Long, java.util.List<Integer>> holdsOf = new java.util.HashMap<>();
        for (JsonNode h : truth.get("holds")) {
            assertEquals("released", h.get("outcome").asText(), "a lossless link: every hold is released");
            if (!h.get("frame").isNull()) {
                holdsOf.computeIfAbsent(h.get("frame").asLong(), k -> new java.util.ArrayList<>())
                        .add(h.get("connection").asInt());
            }
        }
        java.util.Set<String> lostExpected = new java.util.TreeSet<>();
        java.util.Set<Long> orphansExpected = new java.util.TreeSet<>();
        for (JsonNode r : truth.get("requests")) {
            boolean requestSeen = false;
            for (JsonNode send : r.get("sends")) {
                requestSeen |= !send.get("frame").isNull();
            }
            Long reply = null;
            for (JsonNode rep : r.get("replies")) {
                if (!rep.get("frame").isNull() && reply == null) {
                    reply = rep.get("frame").asLong();
                }
            }
            if (requestSeen && r.get("reply_requested").asBoolean() && reply == null) {
                for (int connection : holdsOf.getOrDefault(r.get("frame").asLong(), java.util.List.of())) {
                    lostExpected.add(r.get("frame").asLong() + " " + connection);
                }
            }
            if (!requestSeen && reply != null && timeOf.get(reply) - timeOf.get(1L) > 100_000_000L) {
                orphansExpected.add(reply); // one in the first reply timeout is capture loss: its request is before
            }
        }
        java.util.Map<String, Integer> idOf = new java.util.HashMap<>();
        for (JsonNode c : truth.get("connections")) {
            JsonNode k = c.get("connection");
            idOf.put(k.get("src").asText() + ":" + k.get("srcport") + ">" + k.get("dst").asText() + ":"
                    + k.get("dstport"), c.get("id").asInt());
        }
        JsonNode analysis = new ObjectMapper().readTree(CliRun.run("analyze", "-q", "--format", "json", "-r",
                capture.toString()).out());
        java.util.Set<String> lost = new java.util.TreeSet<>();
        java.util.Set<Long> orphans = new java.util.TreeSet<>();
        for (JsonNode f : analysis.get("findings")) {
            JsonNode k = f.get("connection");
            if (f.get("type").asText().equals("lost_reply")) {
                Integer id = idOf.get(k.get("src").asText() + ":" + k.get("srcport") + ">" + k.get("dst").asText()
                        + ":" + k.get("dstport"));
                lost.add(f.get("frame").asLong() + " " + id);
            } else if (f.get("type").asText().equals("orphan_reply")) {
                orphans.add(f.get("frame").asLong());
            }
        }
        assertTrue(lostExpected.size() > 10 && orphansExpected.size() > 10, lostExpected.size() + " / "
                + orphansExpected.size());
        assertEquals(lostExpected, lost, "a lost reply for each hold whose replies the tap all missed");
        assertEquals(orphansExpected, orphans, "an orphan for each reply whose request the tap missed");
    }

    private static long frames(Path capture) throws Exception {
        long n = 0;
        try (io.hascope.capture.CaptureReader r = io.hascope.capture.Captures.open(capture.toString())) {
            io.hascope.capture.Frame f = new io.hascope.capture.Frame();
            while (r.next(f)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void durationsBeyondADayOrBeyondCountingAreRefusedNotAnInternalError() {
        for (String option : new String[] {"--reply-timeout", "--lifetime", "--duration", "--coalesce-us",
            "--latency-us", "--jitter-us", "--probe-every", "--failover-silence"}) {
            CliRun dayAndMore = CliRun.run("simulate", "-q", option, "90000s", "-w", dir.resolve("x.pcapng").toString());
            assertEquals(ExitCode.USAGE, dayAndMore.exitCode(), option + ": " + dayAndMore.err());
            assertTrue(dayAndMore.err().startsWith("hascope: " + option + " must be at most a day, not 90000.0s"),
                    dayAndMore.err());
            CliRun uncountable = CliRun.run("simulate", "-q", option, "1e30", "-w", dir.resolve("x.pcapng").toString());
            assertEquals(ExitCode.USAGE, uncountable.exitCode(), option + ": " + uncountable.err());
            assertTrue(uncountable.err().contains("'1e30' is too long a duration"), uncountable.err());
        }
        assertFalse(Files.exists(dir.resolve("x.pcapng")));
    }

    @Test
    void aFileInAFolderThatDoesNotExistIsNamedAsAskedFor() {
        Path capture = dir.resolve("no-such-folder").resolve("x.pcapng");
        CliRun r = CliRun.run("simulate", "-q", "--duration", "10ms", "-w", capture.toString());
        assertEquals(ExitCode.OUTPUT, r.exitCode());
        assertTrue(r.err().startsWith("hascope: cannot write the output: " + capture.toAbsolutePath()
                + ": its folder does not exist"), "the name asked for, not the temporary one: " + r.err());
        CliRun truth = CliRun.run("simulate", "-q", "--duration", "10ms", "--truth", capture.resolveSibling("t.json")
                .toString());
        assertEquals(ExitCode.OUTPUT, truth.exitCode());
        assertTrue(truth.err().contains("t.json: its folder does not exist"), truth.err());
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
