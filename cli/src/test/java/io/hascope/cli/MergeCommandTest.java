package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hascope merge, as mergecap: a tap at each DPU's port saved as two files (one a gzip-compressed pcap, the other a
 * pcapng) merges into the two-tap capture they were cut from: the same frames, each file's on interfaces of its own,
 * named, so that the taps can be named for analyze and the GUI.
 */
class MergeCommandTest {
    private static final String TWO_TAPS = CliRun.sample("model-state-reorder.pcapng").toString();

    @TempDir
    Path dir;

    /** The sample cut in two by interface: tap A's frames as a gzip-compressed nanosecond pcap, tap B's as pcapng. */
    private Path[] splitByTap() throws Exception {
        Path a = dir.resolve("tap-a.pcap");
        Path b = dir.resolve("tap-b.pcapng");
        assertEquals(0, CliRun.run("decode", "-r", TWO_TAPS, "-Y", "frame.interface_id == 0", "-F", "nsecpcap", "-w",
                a.toString()).exitCode());
        assertEquals(0, CliRun.run("decode", "-r", TWO_TAPS, "-Y", "frame.interface_id == 1", "-w", b.toString())
                .exitCode());
        Path gz = dir.resolve("tap-a.pcap.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(a));
        }
        return new Path[] {gz, b};
    }

    private static List<String> sortedFrames(String capture) {
        String[] lines = CliRun.run("decode", "-r", capture, "-T", "fields", "-e", "frame.time_epoch", "-e",
                "frame.len", "-e", "ip.src", "-e", "rudp.seq", "-e", "rudp.ack").lines();
        Arrays.sort(lines);
        return Arrays.asList(lines);
    }

    private static JsonNode report(String... args) throws Exception {
        CliRun run = CliRun.run(args);
        assertEquals(0, run.exitCode(), run.err());
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(run.out());
        ((ObjectNode) json.get("capture")).remove("file");
        return json;
    }

    @Test
    void twoTapsSavedApartMergeIntoTheCaptureTheyWereCutFrom() throws Exception {
        Path[] taps = splitByTap();
        Path merged = dir.resolve("merged.pcapng");
        CliRun run = CliRun.run("merge", "-w", merged.toString(), taps[0].toString(), taps[1].toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("merged 1,655 frames of 2 captures"), run.err());
        assertEquals(sortedFrames(TWO_TAPS), sortedFrames(merged.toString()), "every frame, none twice");
        String[] times = CliRun.run("decode", "-r", merged.toString(), "-T", "fields", "-e", "frame.time_epoch")
                .lines();
        for (int i = 1; i < times.length; i++) {
            assertTrue(new java.math.BigDecimal(times[i - 1]).compareTo(new java.math.BigDecimal(times[i])) <= 0,
                    "in time order at frame " + (i + 1));
        }
        try (io.hascope.capture.CaptureReader r = io.hascope.capture.Captures.open(merged.toString())) {
            r.next(new io.hascope.capture.Frame());
            assertEquals(List.of("tap-a.pcap.gz", "tap-dpu-a", "tap-dpu-b"), r.interfaces().stream()
                    .map(io.hascope.capture.InterfaceInfo::name).toList(),
                    "declared before the first frame: the pcap's interface named after its file, then tap B's"
                            + " file's two");
        }
        assertEquals(report("analyze", "-q", "--format", "json", "-r", TWO_TAPS, "--tap", "192.0.2.1=tap-dpu-a",
                        "--tap", "192.0.2.2=tap-dpu-b"),
                report("analyze", "-q", "--format", "json", "-r", merged.toString(), "--tap",
                        "192.0.2.1=tap-a.pcap.gz", "--tap", "192.0.2.2=tap-dpu-b"),
                "the same analysis, the taps named as the merge named them");
    }

    @Test
    void aCutCaptureIsMergedUpToTheCutAndWhatCannotBeDoneIsOneSentence() throws Exception {
        Path[] taps = splitByTap();
        byte[] whole = Files.readAllBytes(taps[1]);
        Path cut = Files.write(dir.resolve("cut.pcapng"), Arrays.copyOf(whole, whole.length / 2));
        Path merged = dir.resolve("merged.pcapng");
        CliRun run = CliRun.run("merge", "-w", merged.toString(), taps[0].toString(), cut.toString());
        assertEquals(ExitCode.CORRUPT, run.exitCode());
        assertTrue(run.err().contains("cut.pcapng: block"), run.err());
        assertTrue(Files.exists(merged), "what came before the cut is kept");
        assertTrue(sortedFrames(merged.toString()).size() > 828, "tap A's frames and B's up to the cut");

        CliRun overwrite = CliRun.run("merge", "-w", taps[1].toString(), taps[0].toString(), taps[1].toString());
        assertEquals(ExitCode.USAGE, overwrite.exitCode());
        assertTrue(overwrite.err().contains("would overwrite a capture it merges"), overwrite.err());
        assertEquals(ExitCode.USAGE, CliRun.run("merge", "-w", merged.toString(), taps[0].toString()).exitCode(),
                "one capture is nothing to merge");
        CliRun missing = CliRun.run("merge", "-w", dir.resolve("m2.pcapng").toString(), taps[0].toString(),
                dir.resolve("nothing.pcapng").toString());
        assertEquals(ExitCode.UNREADABLE, missing.exitCode());
        assertFalse(Files.exists(dir.resolve("m2.pcapng")), "nothing half-written");
    }
}
