package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.capture.PcapngWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `hascope live` on a real link: a veth pair between two network namespaces, a sample replayed onto one end with
 * tcpreplay, hascope capturing on the other. Runs as root (CI does); elsewhere it skips and says why.
 */
class LiveCommandTest extends WithNetnsPair {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HascopeProcess live(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("live", "-i", link.ifB));
        a.addAll(List.of(args));
        return HascopeProcess.start(dir, link.nsB, List.of(), a.toArray(new String[0])).awaitCapturing();
    }

    @ParameterizedTest
    @ValueSource(strings = {"model-hold-loss1.pcapng", "model-hold-failover.pcapng"})
    void aSampleReplayedOntoTheLinkIsCapturedWholeAndReportedAsAnalyzeReportsTheSample(String name) throws Exception {
        Path sample = CliRun.sample(name);
        int frames = frames(sample).size();
        Path written = dir.resolve("live.pcapng");
        HascopeProcess p = live("-a", "packets:" + frames, "-a", "duration:60", "-w", written.toString(),
                "--format", "json");
        link.replay(sample, 1.0); // at the sample's own pace: the findings depend on time
        assertEquals(0, p.waitFor(90), p.err());

        assertSameFrames(frames(sample), frames(written), "the written pcapng, frame for frame");
        String[] lines = p.out().split("\n");
        JsonNode report = JSON.readTree(lines[lines.length - 1]);
        assertEquals(frames, report.get("capture").get("frames").asLong());
        JsonNode expected = JSON.readTree(CliRun.run("analyze", "-q", "--format", "json", "-r", sample.toString()).out());
        assertTrue(expected.get("findings").size() > 0, "the sample has findings to compare");
        assertEquals(keys(expected.get("findings")), keys(report.get("findings")));
        assertEquals(expected.get("counts"), report.get("counts"));
        long streamed = 0;
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            if (n.path("event").asText().equals("finding")) {
                streamed++;
            }
            if (n.path("event").asText().equals("status")) {
                assertEquals(0, n.get("dropped_by_kernel").asLong(), line);
            }
        }
        assertEquals(expected.get("findings").size(), streamed, "every finding also went out as a JSON line");
    }

    /**
     * A tap at each DPU's port, each on its own interface: live -i twice merges them in time order into one pcapng
     * with an interface per tap, and judges them as analyze judges the same frames, with the taps named and with
     * them recognised (live then reads ahead to the first arrival, as analyze does).
     */
    @ParameterizedTest(name = "taps named: {0}")
    @ValueSource(booleans = {true, false})
    void twoTapsOnTwoInterfacesAreWrittenAsTwoInterfacesAndJudgedAsAnalyzeJudgesThem(boolean named) throws Exception {
        Path sample = CliRun.sample("model-state-reorder.pcapng"); // the model's two taps, a link that reorders
        List<Integer> interfaces = new ArrayList<>();
        List<byte[]> seen = new ArrayList<>();
        try (CaptureReader r = Captures.open(sample.toString())) {
            Frame f = new Frame();
            while (r.next(f)) {
                interfaces.add(f.interfaceId());
                seen.add(f.copyBytes());
            }
        }
        assertTrue(interfaces.contains(0) && interfaces.contains(1), "the sample has two taps");
        // one file for tcpreplay, each frame's source MAC saying which tap it goes out of
        Path marked = dir.resolve("marked.pcapng");
        try (PcapngWriter m = new PcapngWriter(Files.newOutputStream(marked), "t")) {
            m.addInterface(1, 65535, "marked");
            for (int i = 0; i < seen.size(); i++) {
                byte[] b = seen.get(i).clone();
                b[6] = 0x02;
                java.util.Arrays.fill(b, 7, 11, (byte) 0);
                b[11] = (byte) (0x0a + interfaces.get(i));
                m.write(0, i * 1000L, b);
                seen.set(i, b);
            }
        }
        link.secondLink();
        Path written = dir.resolve("two-taps.pcapng");
        List<String> taps = named ? List.of("--tap", "192.0.2.1=" + link.ifB, "--tap", "192.0.2.2=1") : List.of();
        List<String> args = new ArrayList<>(List.of("live", "-i", link.ifB, "-i", link.ifB2));
        args.addAll(taps);
        args.addAll(List.of("-a", "packets:" + seen.size(), "-a", "duration:60", "-w", written.toString(),
                "--format", "json"));
        HascopeProcess p = HascopeProcess.start(dir, link.nsB, List.of(), args.toArray(String[]::new))
                .awaitCapturing();
        link.replayOnBoth(marked, "02:00:00:00:00:0a", 1.0);
        assertEquals(0, p.waitFor(90), p.err());

        List<Integer> writtenOn = new ArrayList<>();
        try (CaptureReader r = Captures.open(written.toString())) {
            Frame f = new Frame();
            while (r.next(f)) {
                writtenOn.add(f.interfaceId());
            }
            assertEquals(List.of(link.ifB, link.ifB2), r.interfaces().stream().map(i -> i.name()).toList());
        }
        assertSameFrames(seen, frames(written), "each frame once per tap that saw it, in the order sent");
        assertTrue(interfaces.equals(writtenOn), "each frame on its tap's interface");
        String[] lines = p.out().split("\n");
        JsonNode report = JSON.readTree(lines[lines.length - 1]);
        // on the frames as captured: their times are the capture's, and a busy machine may space them past a grace
        List<String> analyze = new ArrayList<>(List.of("analyze", "-q", "--format", "json"));
        if (named) {
            analyze.addAll(List.of("--tap", "192.0.2.1=0", "--tap", "192.0.2.2=1"));
        }
        analyze.addAll(List.of("-r", written.toString()));
        JsonNode analyzed = JSON.readTree(CliRun.run(analyze.toArray(String[]::new)).out());
        assertEquals(named, report.get("capture").get("taps").get("named").asBoolean(),
                report.get("capture").toString());
        assertEquals(analyzed.get("capture").get("taps"), report.get("capture").get("taps"));
        assertEquals(keys(analyzed.get("findings")), keys(report.get("findings")));
        assertEquals(analyzed.get("counts"), report.get("counts"));
        assertEquals(List.of("duplicate_reply note 1126 192.0.2.2 192.0.2.1 null",
                        "duplicate_reply note 1483 192.0.2.2 192.0.2.1 null"),
                keys(report.get("findings")).stream().filter(k -> k.startsWith("duplicate_reply")).toList(),
                "the two replies the model sent twice, whatever the timing");
    }

    @Test
    void aTapWhoseMirrorPortSendsNothingIsSaidToBeSilent() throws Exception {
        link.secondLink();
        HascopeProcess p = HascopeProcess.start(dir, link.nsB, List.of(), "live", "-i", link.ifB, "-i", link.ifB2,
                "-a", "duration:7", "--format", "json").awaitCapturing();
        link.replay(CliRun.sample("model-hold-clean.pcapng"), 4.0); // frames on the first link only
        assertEquals(0, p.waitFor(60), p.err());
        assertTrue(p.err().contains("hascope: no frames on " + link.ifB2 + " after 5 s while the other taps capture:"
                + " its mirror port sends nothing, so the capture is one-sided"), p.err());
        assertEquals(1, p.err().lines().filter(l -> l.contains("no frames on")).count(), "said once: " + p.err());
        JsonNode lastStatus = null;
        for (String line : p.out().split("\n")) {
            JsonNode n = JSON.readTree(line);
            if (n.path("event").asText().equals("status")) {
                lastStatus = n;
            }
        }
        assertTrue(lastStatus != null, "a status line each second");
        JsonNode perTap = lastStatus.get("interfaces");
        assertEquals(List.of(link.ifB, link.ifB2), List.of(perTap.get(0).get("name").asText(),
                perTap.get(1).get("name").asText()));
        assertEquals(lastStatus.get("frames").asLong(), perTap.get(0).get("frames").asLong(),
                "every frame on the first tap: " + perTap);
        assertEquals(0, perTap.get(1).get("frames").asLong());
        assertEquals(link.ifB2, lastStatus.get("silent_interface").asText());
    }

    @Test
    void tapsNeedAnInterfaceEachAndEachInterfaceOnce() throws Exception {
        HascopeProcess oneInterface = HascopeProcess.start(dir, link.nsB, List.of(), "live", "-i", link.ifB,
                "--tap", "192.0.2.1=0", "--tap", "192.0.2.2=1");
        assertEquals(ExitCode.USAGE, oneInterface.waitFor(60));
        assertEquals("hascope: --tap names a tap at each DPU's port: capture on each with its own -i",
                oneInterface.err().lines().findFirst().orElse(""));
        HascopeProcess unknown = HascopeProcess.start(dir, link.nsB, List.of(), "live", "-i", link.ifB, "-i", "lo",
                "--tap", "192.0.2.1=eth9", "--tap", "192.0.2.2=lo");
        assertEquals(ExitCode.USAGE, unknown.waitFor(60));
        assertEquals("hascope: --tap: no capture interface is named 'eth9' (interfaces: 0 " + link.ifB + ", 1 lo)",
                unknown.err().lines().findFirst().orElse(""));
        HascopeProcess twice = HascopeProcess.start(dir, link.nsB, List.of(), "live", "-i", link.ifB, "-i", link.ifB);
        assertEquals(ExitCode.USAGE, twice.waitFor(60));
        assertTrue(twice.err().startsWith("hascope: -i names the same interface twice"), twice.err());
    }

    @Test
    void ctrlCEndsTheCaptureWithAValidCompleteFileAndTheReport() throws Exception {
        Path sample = CliRun.sample("model-hold-clean.pcapng");
        Path written = dir.resolve("interrupted.pcapng");
        HascopeProcess p = live("-w", written.toString(), "-q");
        link.replay(sample, 4.0);
        Thread.sleep(500); // what was sent has reached the queue
        p.signal("INT");
        assertEquals(0, p.waitFor(60), p.err());
        assertSameFrames(frames(sample), frames(written), "every frame sent before Ctrl-C, in a valid file");
        assertTrue(p.out().contains("hascope analyze: " + written), p.out());
        assertTrue(p.out().contains("capture: 1,525 frames"), p.out());
        assertTrue(Files.notExists(dir.resolve("interrupted.pcapng.partial")));
    }

    @Test
    void aFullDiskEndsWithOneSentenceAndTheFileCutAtItsLastWholeFrame() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("tiny"));
        try {
            NetnsPair.sh("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString());
        } catch (java.io.IOException e) {
            Assumptions.abort("cannot mount a small tmpfs here: " + e.getMessage());
        }
        try {
            Path sample = CliRun.sample("model-rudp-hold-loss5.pcapng");
            Path written = mount.resolve("full.pcapng");
            HascopeProcess p = live("-w", written.toString(), "-a", "duration:8", "-q");
            link.replay(sample, 4.0);
            assertEquals(ExitCode.OUTPUT, p.waitFor(60), p.err());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("hascope: writing \\S+ failed: No space left on"
                    + " device; the file was closed at its last whole frame and keeps (\\d+) frames").matcher(p.err());
            assertTrue(m.find(), p.err());
            List<byte[]> kept = frames(written);
            assertEquals(Integer.parseInt(m.group(1)), kept.size());
            assertTrue(kept.size() > 300, "most of the 64 KiB holds whole frames: " + kept.size());
            assertSameFrames(frames(sample).subList(0, kept.size()), kept, "the frames kept are the first ones sent");
        } finally {
            NetnsPair.sh("umount", mount.toString());
        }
    }

    @Test
    void aHeapTheFindingsOutgrowEndsTheCaptureWithExit7OneSentenceAndAWholeFile() throws Exception {
        // the rUDP sample sent again and again: every DATA of each round after the first is a retransmission, each a
        // finding kept for the report (some 500 bytes), until a heap of 64 MB holds no more
        Path sample = CliRun.sample("model-rudp-hold-loss5.pcapng");
        Path written = dir.resolve("heap.pcapng");
        HascopeProcess p = HascopeProcess.start(dir, link.nsB, List.of("-Xmx64m"), "live", "-i", link.ifB, "-w",
                written.toString(), "-q", "--keep-findings", "1000000000").awaitCapturing();
        link.replayLooped(sample, 400);
        assertEquals(ExitCode.MEMORY, p.waitFor(120), p.err());
        assertTrue(p.err().contains("hascope: out of memory with a heap of "), p.err());
        assertTrue(p.err().contains(", or keep fewer findings for the report (--keep-findings)"), p.err());
        assertEquals(1, p.err().lines().filter(l -> l.startsWith("hascope: out of memory")).count(), p.err());
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertTrue(Files.exists(written), "published under its name: " + files.map(Path::toString).toList());
        }
        List<byte[]> kept = frames(written); // read to its end: whole
        assertTrue(kept.size() > 1_741, "more than one round captured before the heap ran out: " + kept.size());
        assertTrue(Files.notExists(dir.resolve("heap.pcapng.partial")));
    }

    @Test
    void anInterfaceThatVanishesEndsTheCaptureWithOneSentenceAndAClosedFile() throws Exception {
        Path sample = CliRun.sample("model-hold-clean.pcapng");
        Path written = dir.resolve("vanished.pcapng");
        HascopeProcess p = live("-w", written.toString(), "-q");
        Thread sender = new Thread(() -> {
            try {
                link.replay(sample, 1.0);
            } catch (java.io.IOException e) {
                // the link is cut under it: that is the point
            }
        });
        sender.start();
        Thread.sleep(2000);
        link.cutLink();
        sender.join();
        assertEquals(ExitCode.CAPTURE, p.waitFor(60), p.err());
        assertTrue(p.err().contains("hascope: capture on " + link.ifB + " ended: The interface disappeared; the"
                + " capture written so far is complete and closed"), p.err());
        List<byte[]> kept = frames(written);
        assertTrue(kept.size() > 100, "two seconds of the sample: " + kept.size());
        assertSameFrames(frames(sample).subList(0, kept.size()), kept, "what came before the cut");
    }

    @Test
    void ringBuffersKeepTheNewestFilesAndTogetherHoldEveryFrame() throws Exception {
        Path sample = CliRun.sample("model-hold-clean.pcapng");
        int frames = frames(sample).size();
        HascopeProcess p = live("-w", dir.resolve("ring.pcapng").toString(), "-b", "duration:1", "-a",
                "packets:" + frames, "-q", "--format", "csv");
        link.replay(sample, 1.0);
        assertEquals(0, p.waitFor(60), p.err());
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().matches("ring_\\d{5}_\\d{14}\\.pcapng")).sorted().toList();
        }
        assertTrue(files.size() >= 5, "a 6 s sample in files of 1 s: " + files);
        List<byte[]> all = new ArrayList<>();
        for (Path f : files) {
            all.addAll(frames(f));
        }
        assertSameFrames(frames(sample), all, "the ring's files in order");
    }

    @Test
    void aBadCaptureFilterOrInterfaceIsOneSentenceAndExit2() throws Exception {
        HascopeProcess bad = HascopeProcess.start(dir, link.nsB, List.of(), "live", "-i", link.ifB, "-f", "udp port");
        assertEquals(ExitCode.USAGE, bad.waitFor(60));
        assertTrue(bad.err().startsWith("hascope: capture filter 'udp port' is not valid BPF"), bad.err());
        HascopeProcess none = HascopeProcess.start(dir, link.nsB, List.of(), "live", "-i", "nosuch0");
        assertEquals(ExitCode.USAGE, none.waitFor(60));
        assertTrue(none.err().startsWith("hascope: there is no capture interface named 'nosuch0'"), none.err());
    }

    @Test
    void withoutTheRightToCaptureLiveSaysWhichCapabilityIsMissing() throws Exception {
        // root, but with CAP_NET_RAW and CAP_NET_ADMIN taken out of the bounding set: the capability check is real
        List<String> c = new ArrayList<>(link.in(link.nsB, "setpriv", "--bounding-set", "-net_raw,-net_admin",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "live", "-i", link.ifB, "-a", "duration:1"));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(ExitCode.CAPTURE, p.waitFor());
        assertEquals("hascope: capturing on " + link.ifB + " needs root or the CAP_NET_RAW capability (CAP_NET_ADMIN too"
                + " for promiscuous mode): run as root, or grant them with 'setcap cap_net_raw,cap_net_admin+eip' on"
                + " the java binary", out.strip());
    }

    @Test
    void theInterfaceListShowsAddressesAsIpShowsThem() throws Exception {
        // Java's own text for an IPv6 address is every group in full ("fd00:12:0:0:0:0:0:2"); ip(8) and Wireshark
        // write RFC 5952's short form
        NetnsPair.sh(link.in(link.nsB, "sysctl", "-q", "-w", "net.ipv6.conf." + link.ifB + ".disable_ipv6=0")
                .toArray(String[]::new));
        NetnsPair.sh(link.in(link.nsB, "ip", "-6", "addr", "add", "fd00:12::2/64", "dev", link.ifB, "nodad")
                .toArray(String[]::new));
        HascopeProcess p = HascopeProcess.start(dir, link.nsB, List.of(), "live", "-D");
        assertEquals(0, p.waitFor(60), p.err());
        String line = p.out().lines().filter(l -> l.contains(" " + link.ifB + " ")).findFirst().orElseThrow();
        assertTrue(line.contains("fd00:12::2"), line);
        assertTrue(line.contains(link.addressB), line);
    }

    @Test
    void withoutLibpcapLiveSaysWhatToInstall() throws Exception {
        HascopeProcess p = HascopeProcess.start(dir, null, List.of("-Dorg.pcap4j.core.pcapLibName=/nonexistent/libpcap.so"),
                "live", "-D");
        assertEquals(ExitCode.CAPTURE, p.waitFor(60));
        assertTrue(p.err().contains("install the Debian package libpcap0.8"), p.err());
        assertEquals(1, p.err().strip().lines().count(), p.err());
    }

    static List<byte[]> frames(Path capture) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (CaptureReader r = Captures.open(capture.toString())) {
            Frame f = new Frame();
            while (r.next(f)) {
                out.add(f.copyBytes());
            }
            assertNull(r.problem(), capture + " reads to its end");
        }
        return out;
    }

    static void assertSameFrames(List<byte[]> expected, List<byte[]> got, String what) {
        assertEquals(expected.size(), got.size(), what + ": frame count");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), got.get(i), what + ": frame " + (i + 1));
        }
    }

    /** What identifies a finding whatever the clock: type, severity, frame, DPU, peer and connection. */
    static List<String> keys(JsonNode findings) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : findings) {
            out.add(f.get("type").asText() + " " + f.get("severity").asText() + " " + f.get("frame").asLong() + " "
                    + f.get("dpu").asText() + " " + f.get("peer").asText() + " " + f.get("connection"));
        }
        return out;
    }
}
