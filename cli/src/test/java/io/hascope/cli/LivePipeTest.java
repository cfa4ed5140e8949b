package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * live -i -: a capture read from a pipe as its writer writes it (ssh dpu tcpdump -w - | hascope live -i -), as
 * tshark -i - reads one. Needs no interface and no privilege.
 */
class LivePipeTest {
    @TempDir
    Path dir;

    /** Each frame as "interface|time|original length|bytes". */
    private static List<String> framesOf(Path capture) throws Exception {
        List<String> out = new ArrayList<>();
        try (CaptureReader r = Captures.open(capture.toString())) {
            Frame f = new Frame();
            while (r.next(f)) {
                out.add(f.interfaceId() + "|" + f.timeNanos() + "|" + f.originalLength() + "|"
                        + Arrays.toString(f.copyBytes()));
            }
        }
        return out;
    }

    private static CliRun piped(Path sample, String... args) throws Exception {
        return CliRun.runWithInput(Files.newInputStream(sample), args);
    }

    @Test
    void aPipedCaptureIsWrittenWholeAndReportedAsAnalyzeReportsTheFile() throws Exception {
        Path sample = CliRun.sample("model-hold-loss1.pcapng");
        Path written = dir.resolve("piped.pcapng");
        CliRun live = piped(sample, "live", "-i", "-", "-q", "-w", written.toString());
        assertEquals(ExitCode.OK, live.exitCode(), live.err());
        assertTrue(live.err().contains("hascope: reading standard input"), live.err());
        assertEquals(framesOf(sample), framesOf(written), "every frame, its time and interface as the pipe gave");
        String report = CliRun.run("analyze", "-r", written.toString()).out();
        assertTrue(live.out().endsWith(report), "the report of analyze on the written file:\n" + live.out());
        assertTrue(live.out().startsWith("warn  frame 9 "), "each finding as it was made, first:\n" + live.out());
    }

    /** tcpdump -w - writes pcap, not pcapng: the same frames, one implicit interface. */
    @Test
    void aPipedPcapAsTcpdumpWritesItIsReadAsWell() throws Exception {
        Path sample = CliRun.sample("model-hold-failover.pcapng");
        java.io.ByteArrayOutputStream pcap = new java.io.ByteArrayOutputStream();
        try (CaptureReader r = Captures.open(sample.toString());
             io.hascope.capture.PcapWriter w = new io.hascope.capture.PcapWriter(pcap)) {
            w.addInterface(1, 65535, "eth0");
            Frame f = new Frame();
            while (r.next(f)) {
                w.write(0, f.timeNanos(), f.buffer(), f.offset(), f.capturedLength(), f.originalLength(), null);
            }
        }
        Path written = dir.resolve("from-pcap.pcapng");
        CliRun live = CliRun.runWithInput(new ByteArrayInputStream(pcap.toByteArray()), "live", "-i", "-", "-q",
                "--format", "json", "-w", written.toString());
        assertEquals(ExitCode.OK, live.exitCode(), live.err());
        assertEquals(framesOf(sample).size(), framesOf(written).size());
        String[] lines = live.out().split("\n");
        String report = lines[lines.length - 1];
        String expected = CliRun.run("analyze", "-q", "--format", "json", "-r", written.toString()).out().trim();
        assertTrue(report.contains("\"findings\":"), report);
        assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().readTree(expected).get("counts"),
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(report).get("counts"),
                "the counts analyze gives on the file written");
    }

    @Test
    void aPipedPcapngOfTwoTapsIsJudgedWithTwoTapsNamedByTheirNumbers() throws Exception {
        Path sample = CliRun.sample("model-state-reorder.pcapng");
        CliRun live = piped(sample, "live", "-i", "-", "-q", "--tap", "192.0.2.1=0", "--tap", "192.0.2.2=1");
        assertEquals(ExitCode.OK, live.exitCode(), live.err());
        CliRun file = CliRun.run("analyze", "-r", sample.toString(), "--tap", "192.0.2.1=0", "--tap", "192.0.2.2=1");
        String taps = file.out().lines().filter(l -> l.startsWith("two taps, named")).findFirst().orElseThrow();
        assertTrue(live.out().contains(taps), live.out());
        CliRun recognised = piped(sample, "live", "-i", "-", "-q", "--format", "json");
        assertTrue(recognised.out().contains("\"count\":2"), "recognised from the pipe's two interfaces");
    }

    @Test
    void aPipeCutShortMidFrameEndsTheCaptureWithTheFileWholeAndOneSentence() throws Exception {
        byte[] whole = Files.readAllBytes(CliRun.sample("model-hold-loss1.pcapng"));
        Path written = dir.resolve("cut.pcapng");
        CliRun live = CliRun.runWithInput(new ByteArrayInputStream(Arrays.copyOf(whole, 5000)), "live", "-i", "-",
                "-q", "-w", written.toString());
        assertEquals(ExitCode.CAPTURE, live.exitCode(), live.err());
        assertTrue(live.err().contains("(standard input): block 6 is cut short"), live.err());
        assertEquals(framesOf(CliRun.sample("model-hold-loss1.pcapng")).subList(0, framesOf(written).size()),
                framesOf(written), "the frames before the cut, in a valid file");
        assertTrue(framesOf(written).size() > 10);
    }

    @Test
    void aPipeWithoutACaptureOrWithOptionsForInterfacesIsOneSentence() throws Exception {
        CliRun empty = CliRun.runWithInput(new ByteArrayInputStream(new byte[0]), "live", "-i", "-", "-q");
        assertEquals(ExitCode.UNREADABLE, empty.exitCode());
        assertTrue(empty.err().contains("(standard input): too short to be a capture file"), empty.err());
        CliRun filtered = CliRun.runWithInput(new ByteArrayInputStream(new byte[0]), "live", "-i", "-", "-f", "udp");
        assertEquals(ExitCode.USAGE, filtered.exitCode());
        assertTrue(filtered.err().contains("give the filter to tcpdump"), filtered.err());
        CliRun two = CliRun.runWithInput(new ByteArrayInputStream(new byte[0]), "live", "-i", "-", "-i", "eth0");
        assertEquals(ExitCode.USAGE, two.exitCode());
        assertTrue(two.err().contains("-i - reads one pipe"), two.err());
    }
}
