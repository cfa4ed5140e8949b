package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * `hascope replay -i`: real TCP connections between two namespaces drive the DPU model in real time; what the model
 * emits is captured on the far side of the link and analysed, and must agree with the model's own truth.
 */
class ReplayLiveTest extends WithNetnsPair {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONNECTIONS = 30;

    @Test
    void realConnectionsDriveTheModelAndTheAnalysisOfWhatItEmittedAgreesWithItsTruth() throws Exception {
        Path written = dir.resolve("emitted.pcapng");
        Path seen = dir.resolve("seen.pcapng");
        Path truth = dir.resolve("truth.json");
        // the far end of the link captures what the model sends out, as a mirror port would
        HascopeProcess far = HascopeProcess.start(dir, link.nsA, List.of(), "live", "-i", link.ifA, "-w",
                seen.toString(), "-q", "--format", "csv").awaitCapturing();
        HascopeProcess replay = HascopeProcess.start(dir, link.nsB, List.of(), "replay", "-i", link.ifB, "--emit",
                link.ifB, "-w", written.toString(), "--truth", truth.toString(), "--loss", "0.2", "--seed", "7",
                "--format", "json").awaitCapturing();
        makeConnections();
        Thread.sleep(1500); // the last closes are synced and answered
        replay.signal("INT");
        assertEquals(0, replay.waitFor(60), replay.err());
        Thread.sleep(500);
        far.signal("INT");
        assertEquals(0, far.waitFor(60), far.err());

        JsonNode t = truthOfAllConnections(truth);
        JsonNode report = finalReport(replay);
        long owned = 0;
        for (JsonNode d : report.get("dpus")) {
            owned += d.get("own_connections").asLong();
        }
        assertEquals(CONNECTIONS, owned, "the analysis sees every connection synced by its owner");
        assertEquals(t.get("holds").size(), report.get("holds").get("opened").asLong(), "every hold is seen");

        // one tap sees every frame leave but not whether it arrived (analysis.md §0): the lost replies it can tell
        // are exactly the requests whose receiver never sent a reply
        Set<Long> expected = new TreeSet<>();
        for (JsonNode r : t.get("requests")) {
            if (r.get("reply_requested").asBoolean() && r.get("messages").asInt() > 0 && r.get("replies").isEmpty()) {
                expected.add(r.get("frame").asLong());
            }
        }
        Set<Long> found = new TreeSet<>();
        for (JsonNode f : report.get("findings")) {
            if (f.get("type").asText().equals("lost_reply")) {
                found.add(f.get("frame").asLong());
            }
        }
        assertFalse(expected.isEmpty(), "a 20 % lossy link loses some requests");
        assertEquals(expected, found);

        LiveCommandTest.assertSameFrames(LiveCommandTest.frames(written), LiveCommandTest.frames(seen),
                "the frames the model emitted, as the far end captured them");
    }

    /**
     * The model's two taps, live (--taps both): each frame reaches the session on its sender's tap and again, if
     * delivered, on its receiver's, written as two pcapng interfaces and analysed live as analyze analyses the file.
     */
    @Test
    void withTwoTapsTheLiveReplayWritesAndJudgesATapAtEachDpusPort() throws Exception {
        Path written = dir.resolve("two-taps.pcapng");
        Path truth = dir.resolve("truth.json");
        HascopeProcess replay = HascopeProcess.start(dir, link.nsB, List.of(), "replay", "-i", link.ifB, "--taps",
                "both", "-w", written.toString(), "--truth", truth.toString(), "--loss", "0.2", "--seed", "7",
                "--format", "json").awaitCapturing();
        makeConnections();
        Thread.sleep(1500);
        replay.signal("INT");
        assertEquals(0, replay.waitFor(60), replay.err());

        JsonNode t = truthOfAllConnections(truth);
        JsonNode report = finalReport(replay);
        JsonNode taps = report.get("capture").get("taps");
        assertEquals(2, taps.get("count").asInt(), report.get("capture").toString());
        assertTrue(taps.get("arrival_copies").asLong() > 0, "frames seen at both taps counted once");
        JsonNode analyzed = JSON.readTree(CliRun.run("analyze", "-q", "--format", "json", "-r", written.toString())
                .out());
        assertEquals(taps, analyzed.get("capture").get("taps"));
        assertEquals(LiveCommandTest.keys(analyzed.get("findings")), LiveCommandTest.keys(report.get("findings")));
        assertTrue(analyzed.get("counts").get("lost_reply").asLong() > 0, "a 20 % lossy link loses replies");
        try (io.hascope.capture.CaptureReader r = io.hascope.capture.Captures.open(written.toString())) {
            io.hascope.capture.Frame f = new io.hascope.capture.Frame();
            Set<Integer> interfaces = new TreeSet<>();
            while (r.next(f)) {
                interfaces.add(f.interfaceId());
            }
            assertEquals(Set.of(0, 1), interfaces);
            assertEquals(List.of("tap-dpu-a", "tap-dpu-b"), r.interfaces().stream().map(i -> i.name()).toList());
        }
    }

    /** CONNECTIONS real TCP connections from a's side to a small server on b's, each answered and closed. */
    private void makeConnections() throws Exception {
        Process server = new ProcessBuilder(link.in(link.nsB, java(), "-cp", System.getProperty("java.class.path"),
                TinyTcp.class.getName(), "server", link.addressB, "8080", Integer.toString(CONNECTIONS)))
                .redirectErrorStream(true).start();
        assertEquals("listening", new String(server.getInputStream().readNBytes(9)));
        Process client = new ProcessBuilder(link.in(link.nsA, java(), "-cp", System.getProperty("java.class.path"),
                TinyTcp.class.getName(), "client", link.addressB, "8080", Integer.toString(CONNECTIONS)))
                .redirectErrorStream(true).start();
        assertTrue(client.waitFor(60, TimeUnit.SECONDS) && client.exitValue() == 0, "the client made its connections");
        assertTrue(server.waitFor(60, TimeUnit.SECONDS) && server.exitValue() == 0, "the server answered them");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The replay's truth file, which must hold a model connection per real TCP connection. */
    private static JsonNode truthOfAllConnections(Path truth) throws Exception {
        JsonNode t = JSON.readTree(truth.toFile());
        assertEquals(CONNECTIONS, t.get("connections").size(), "one model connection per real TCP connection");
        return t;
    }

    /** The last JSON line a live session printed: its report at the stop. */
    private static JsonNode finalReport(HascopeProcess session) throws Exception {
        String[] lines = session.out().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }
}
