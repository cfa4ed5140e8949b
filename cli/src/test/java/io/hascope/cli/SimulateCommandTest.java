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
