package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.capture.PcapngWriter;
import io.hascope.gen.SampleCapture;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `hascope decode` as a user runs it: on the bundled sample, the conformance vectors and broken files. */
class DecodeCommandTest {
    static final String SAMPLE = CliRun.sample("sync-basic.pcapng").toString();

    @TempDir
    Path dir;

    @Test
    void theDefaultOutputIsOneReadableLinePerFrame() {
        CliRun r = CliRun.run("decode", "-r", SAMPLE);
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.lines();
        assertEquals(22, lines.length);
        assertTrue(lines[2].matches("\\s+3\\s+0\\.002150000\\s+192\\.0\\.2\\.1 → 192\\.0\\.2\\.2\\s+HASYNC\\s+197 "
                + "DATA seq=1 ack=1 \\| Request Q T\\s+3 msgs\\s+CREATE 10\\.1\\.0\\.5:40000 → 10\\.2\\.0\\.9:443 "
                + "SYN_SENT v1 ….*"), lines[2]);
        assertTrue(lines[7].contains("RUDP") && lines[7].contains("NACK 3"), lines[7]);
        assertTrue(lines[16].contains("DASH") && lines[16].contains("FLOW_SYNC_REQ FLOW_CREATE"), lines[16]);
        assertTrue(lines[19].contains("[Malformed: message count says 2 but the datagram holds 1]"), lines[19]);
    }

    @Test
    void displayFilterAndCountSelectFrames() {
        CliRun r = CliRun.run("decode", "-r", SAMPLE, "-Y", "hasync.flags.reply == 1");
        assertEquals(4, r.lines().length);
        CliRun c = CliRun.run("decode", "-r", SAMPLE, "-Y", "hasync", "-c", "2");
        assertEquals(2, c.lines().length);
        CliRun e = CliRun.run("decode", "-r", SAMPLE, "-Y", "expert.severity == error");
        assertEquals(3, e.lines().length, e.out());
        // as tshark -Y '': an empty filter (a script's unset variable) is no filter, not a syntax error
        CliRun empty = CliRun.run("decode", "-r", SAMPLE, "-Y", " ");
        assertEquals(0, empty.exitCode(), empty.err());
        assertEquals(CliRun.run("decode", "-r", SAMPLE).out(), empty.out());
    }

    @Test
    void fieldsOutputReproducesTheConformanceTableThroughTheCommandLine() throws Exception {
        List<String> expected = Files.readAllLines(CliRun.shared("conformance/vectors/public.expected.tsv"));
        String[] header = expected.get(0).split("\t", -1);
        String[] args = new String[4 + 2 * header.length];
        args[0] = "decode";
        args[1] = "-r";
        args[2] = CliRun.shared("conformance/vectors/public.pcapng").toString();
        args[3] = "-Tfields";
        for (int i = 0; i < header.length; i++) {
            args[4 + 2 * i] = "-e";
            args[5 + 2 * i] = header[i];
        }
        CliRun r = CliRun.run(args);
        assertEquals(0, r.exitCode(), r.err());
        String[] rows = r.lines();
        assertEquals(expected.size() - 1, rows.length);
        for (int i = 0; i < rows.length; i++) {
            String[] got = rows[i].split("\t", -1);
            String[] want = expected.get(i + 1).split("\t", -1);
            for (int c = 0; c < want.length; c++) {
                if (!want[c].equals("*")) {
                    assertEquals(want[c], got[c], "frame " + (i + 1) + " " + header[c]);
                }
            }
        }
    }

    @Test
    void fieldsOptionsFollowTshark() {
        CliRun r = CliRun.run("decode", "-r", SAMPLE, "-T", "fields", "-e", "frame.number", "-e", "hasync.msg.type",
                "-E", "header=y", "-E", "separator=,", "-E", "aggregator=;", "-c", "3");
        assertEquals("frame.number,hasync.msg.type\n1,3\n2,3\n3,1;1;1\n", r.out());
        CliRun bad = CliRun.run("decode", "-r", SAMPLE, "-T", "fields");
        assertEquals(ExitCode.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("-T fields needs at least one -e FIELD"), bad.err());
    }

    /** tshark 4.0.17 prints the first three columns so for these frames (the same options, checked by hand). */
    @Test
    void quotingOccurrencesAndAliasColumnsFollowTshark() {
        CliRun last = CliRun.run("decode", "-nr", SAMPLE, "-T", "fields", "-E", "quote=d", "-E", "occurrence=l", "-e",
                "frame.number", "-e", "ip.addr", "-e", "udp.port", "-e", "hasync.msg.type", "-e", "tcp.port", "-c",
                "4");
        assertEquals(0, last.exitCode(), last.err());
        assertEquals("\"1\"\t\"192.0.2.2\"\t\"7400\"\t\"3\"\t\n\"2\"\t\"192.0.2.1\"\t\"7400\"\t\"3\"\t\n"
                + "\"3\"\t\"192.0.2.2\"\t\"7400\"\t\"1\"\t\n\"4\"\t\"192.0.2.1\"\t\"7400\"\t\"1\"\t\n", last.out(),
                "the last occurrence, quoted; an absent field stays empty");
        CliRun first = CliRun.run("decode", "-r", SAMPLE, "-T", "fields", "-E", "quote=s", "-E", "occurrence=f",
                "-e", "ip.addr", "-e", "hasync.msg.type", "-Y", "frame.number == 3");
        assertEquals("'192.0.2.1'\t'1'\n", first.out());
        CliRun all = CliRun.run("decode", "-r", SAMPLE, "-T", "fields", "-E", "header=y", "-e", "ip.addr", "-e",
                "udp.port", "-Y", "frame.number == 3");
        assertEquals("ip.addr\tudp.port\n192.0.2.1,192.0.2.2\t7400,7400\n", all.out(), "source, then destination");
        for (String option : new String[] {"quote=x", "occurrence=2"}) {
            CliRun bad = CliRun.run("decode", "-r", SAMPLE, "-T", "fields", "-e", "frame.number", "-E", option);
            assertEquals(ExitCode.USAGE, bad.exitCode(), option);
            assertTrue(bad.err().contains("-E " + option.substring(0, option.indexOf('=')) + " takes"), bad.err());
        }
    }

    @Test
    void jsonIsOneArrayOfFramesWithTheirLayers() throws Exception {
        CliRun r = CliRun.run("decode", "-r", SAMPLE, "-T", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode frames = new ObjectMapper().readTree(r.out());
        assertTrue(frames.isArray());
        assertEquals(22, frames.size());
        JsonNode third = frames.get(2);
        assertEquals(3, third.get("frame").asInt());
        JsonNode hasync = third.get("layers").get("hasync");
        assertEquals(3, hasync.get("hasync.msg_count").asInt());
        assertEquals(3, hasync.get("hasync.msg").size(), "three messages as an array");
        assertEquals("10.1.0.5", hasync.get("hasync.msg").get(0).get("hasync.state").get("hasync.state.src").asText());
        assertEquals("1764000000.003150000", third.get("layers").get("frame").get("frame.time_epoch").asText());
        JsonNode bad = frames.get(19).get("layers").get("hasync").get("expert.hasync.count_mismatch");
        assertEquals(4, bad.get("expert.severity").asInt());
    }

    /**
     * -T ek: Elasticsearch's bulk lines as tshark 4.0.17 writes them (its index line and timestamp for the sample's
     * first frame, and its names and strings for the fields both know, are the ones below), a flat object a protocol.
     */
    @Test
    void ekIsTwoLinesAFrameInTsharksShape() throws Exception {
        CliRun r = CliRun.run("decode", "-r", SAMPLE, "-T", "ek");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.lines();
        assertEquals(44, lines.length, "an index line and a document for each of the 22 frames");
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < lines.length; i += 2) {
            assertEquals("{\"index\":{\"_index\":\"packets-2025-11-24\",\"_type\":\"doc\"}}", lines[i]);
            assertTrue(mapper.readTree(lines[i + 1]).get("layers").isObject(), lines[i + 1]);
        }
        JsonNode first = mapper.readTree(lines[1]);
        assertEquals("1764000000001", first.get("timestamp").asText());
        JsonNode layers = first.get("layers");
        assertEquals("192.0.2.1", layers.get("ip").get("ip_ip_src").asText());
        assertEquals("7400", layers.get("udp").get("udp_udp_srcport").asText());
        assertEquals("70", layers.get("frame").get("frame_frame_len").asText());
        JsonNode third = mapper.readTree(lines[5]).get("layers").get("hasync");
        assertEquals(3, third.get("hasync_hasync_state_op").size(), "a field of each message: an array");
        assertEquals("1", third.get("hasync_hasync_state_op").get(0).asText());
        assertTrue(third.get("hasync_hasync_flags_reply_requested").asBoolean(), "flags are booleans");

        CliRun analysed = CliRun.run("decode", "-2", "-r", CliRun.sample("model-hold-loss1.pcapng").toString(), "-T",
                "ek", "-Y", "hasync.analysis.lost_reply", "-c", "1");
        JsonNode lost = mapper.readTree(analysed.lines()[1]).get("layers").get("hasync");
        assertTrue(lost.get("hasync_hasync_analysis_lost_reply").asBoolean(), analysed.out());
    }

    @Test
    void dashJKeepsOnlyTheNamedLayersOfJsonAndEkAsTsharkDoes() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        CliRun json = CliRun.run("decode", "-r", SAMPLE, "-T", "json", "-J", "rudp hasync", "-c", "1");
        assertEquals(List.of("rudp", "hasync"), fieldNames(mapper.readTree(json.out()).get(0).get("layers")));
        CliRun ek = CliRun.run("decode", "-2", "-r", CliRun.sample("model-hold-loss1.pcapng").toString(), "-T", "ek",
                "-J", "hasync", "-Y", "hasync.analysis.lost_reply", "-c", "1");
        JsonNode layers = mapper.readTree(ek.lines()[1]).get("layers");
        assertEquals(List.of("hasync"), fieldNames(layers));
        assertTrue(layers.get("hasync").get("hasync_hasync_analysis_lost_reply").asBoolean(), "with its protocol");
        CliRun text = CliRun.run("decode", "-r", SAMPLE, "-J", "hasync");
        assertEquals(ExitCode.USAGE, text.exitCode());
        assertTrue(text.err().contains("-J chooses the layers of -T json or -T ek"), text.err());
        CliRun bad = CliRun.run("decode", "-r", SAMPLE, "-T", "json", "-J", "hasync tls");
        assertEquals(ExitCode.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("-J takes protocol names"), bad.err());
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** frame.interface_name, as tshark names it (tshark 4.0.17 gives these counts for the two-tap sample). */
    @Test
    void eachFrameCarriesItsInterfacesNameAsTsharksFrameInterfaceName() {
        String twoTaps = CliRun.sample("model-state-reorder.pcapng").toString();
        String[] names = CliRun.run("decode", "-r", twoTaps, "-T", "fields", "-e", "frame.interface_name").lines();
        assertEquals(828, java.util.Arrays.stream(names).filter("tap-dpu-a"::equals).count());
        assertEquals(827, java.util.Arrays.stream(names).filter("tap-dpu-b"::equals).count());
        CliRun b = CliRun.run("decode", "-r", twoTaps, "-Y", "frame.interface_name == \"tap-dpu-b\"", "-T", "fields",
                "-e", "frame.interface_id");
        assertEquals(827, b.lines().length);
        assertTrue(java.util.Arrays.stream(b.lines()).allMatch("1"::equals));
        assertTrue(CliRun.run("decode", "-r", SAMPLE, "-V", "-c", "1").out()
                .contains("    Interface name: dpu-mirror\n"));
    }

    @Test
    void verboseShowsTheTreeWithExpertInfo() {
        CliRun r = CliRun.run("decode", "-r", SAMPLE, "-V", "-Y", "frame.number == 20");
        assertTrue(r.out().startsWith("Frame 20: 86 bytes on wire (688 bits), 86 bytes captured (688 bits)"), r.out());
        assertTrue(r.out().contains("\nHA State Sync v1, Message count: 2, Sender role: ACTIVE (1), Term: 3\n"), r.out());
        assertTrue(r.out().contains("    Message 1, Type: STATE_UPDATE (1), Body length: 32\n"), r.out());
        assertTrue(r.out().contains("        State update\n            Op: REFRESH (4)\n"), r.out());
        assertTrue(r.out().contains("[Expert Info (Error/hasync.count_mismatch): message count says 2 but the datagram"
                + " holds 1 @44]"), r.out());
    }

    @Test
    void dashOShowsOnlyTheNamedProtocolsFieldsAndTheOthersHeaderLinesAsTsharkDoes() {
        CliRun full = CliRun.run("decode", "-r", SAMPLE, "-V", "-Y", "frame.number == 20");
        CliRun only = CliRun.run("decode", "-r", SAMPLE, "-O", "hasync", "-Y", "frame.number == 20");
        assertEquals(0, only.exitCode(), only.err());
        List<String> kept = new java.util.ArrayList<>();
        boolean inHasync = false;
        for (String line : full.out().split("\n", -1)) {
            if (!line.startsWith(" ")) {
                inHasync = line.startsWith("HA State Sync v1");
                kept.add(line); // every layer's header line
            } else if (inHasync) {
                kept.add(line);
            }
        }
        assertEquals(String.join("\n", kept), only.out(), "-O implies -V and keeps hasync's fields only");
        assertTrue(only.out().contains("[Expert Info (Error/hasync.count_mismatch)"), only.out());
        assertFalse(only.out().contains("Time to Live"), only.out());
        CliRun two = CliRun.run("decode", "-r", SAMPLE, "-O", "ip,rudp", "-c", "1");
        assertTrue(two.out().contains("    Time to Live: 64\n"), two.out());
        assertTrue(two.out().contains("    Sequence number: 0\n"), two.out());
        assertFalse(two.out().contains("    Message count"), two.out());
        CliRun bad = CliRun.run("decode", "-r", SAMPLE, "-O", "tls");
        assertEquals(ExitCode.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("-O takes protocol names"), bad.err());
    }

    /** tshark's -F: pcap with microsecond or nanosecond timestamps; a second link type cannot go into one. */
    @Test
    void dashFWritesPcapAsTsharkNamesItAndSaysWhenTheFramesCannotGoIntoIt(@TempDir Path dir) throws Exception {
        String failover = CliRun.sample("model-hold-failover.pcapng").toString();
        Path micro = dir.resolve("micro.pcap");
        Path nano = dir.resolve("nano.pcap");
        assertEquals(0, CliRun.run("decode", "-r", failover, "-w", micro.toString(), "-F", "pcap").exitCode());
        assertEquals(0, CliRun.run("decode", "-r", failover, "-w", nano.toString(), "-F", "nsecpcap").exitCode());
        try (io.hascope.capture.CaptureReader r = io.hascope.capture.Captures.open(micro.toString())) {
            assertEquals("pcap", r.format());
        }
        try (io.hascope.capture.CaptureReader r = io.hascope.capture.Captures.open(nano.toString())) {
            assertEquals("pcap (ns)", r.format());
        }
        String[] columns = {"-T", "fields", "-e", "frame.number", "-e", "frame.len", "-e", "frame.time_epoch"};
        CliRun original = CliRun.run(concat(new String[] {"decode", "-r", failover}, columns));
        assertEquals(original.out(), CliRun.run(concat(new String[] {"decode", "-r", nano.toString()}, columns)).out());
        String[] microLines = CliRun.run(concat(new String[] {"decode", "-r", micro.toString()}, columns)).lines();
        String[] originalLines = original.lines();
        for (int i = 0; i < originalLines.length; i++) {
            // the epoch time cut to the microsecond: its last three digits are zeros
            String o = originalLines[i];
            assertEquals(o.substring(0, o.length() - 3) + "000", microLines[i], "frame " + (i + 1));
        }

        Path mixed = dir.resolve("mixed.pcapng");
        try (io.hascope.capture.PcapngWriter w = new io.hascope.capture.PcapngWriter(mixed, "test")) {
            int eth = w.addInterface(io.hascope.capture.LinkType.ETHERNET, 65535, "eth0");
            int sll = w.addInterface(io.hascope.capture.LinkType.LINUX_SLL, 65535, "any");
            w.write(eth, 1_000_000_000L, new byte[60]);
            w.write(sll, 2_000_000_000L, new byte[60]);
        }
        Path out = dir.resolve("mixed.pcap");
        CliRun refused = CliRun.run("decode", "-r", mixed.toString(), "-w", out.toString(), "-F", "pcap");
        assertEquals(ExitCode.OUTPUT, refused.exitCode());
        assertTrue(refused.err().contains("pcap holds one link type; use pcapng"), refused.err());
        assertFalse(Files.exists(out), "no half-written file");
        CliRun noW = CliRun.run("decode", "-r", failover, "-F", "pcap");
        assertEquals(ExitCode.USAGE, noW.exitCode());
    }

    @Test
    void standardInputIsReadWithDashR() throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(SAMPLE));
        CliRun r = CliRun.runWithInput(new ByteArrayInputStream(bytes), "decode", "-r", "-", "-T", "fields",
                "-e", "frame.number");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(22, r.lines().length);
    }

    @Test
    void aFileCutShortPrintsEveryWholeFrameThenFailsNamingTheOffset() throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(SAMPLE));
        Path cut = dir.resolve("cut.pcapng");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 50));
        CliRun r = CliRun.run("decode", "-r", cut.toString());
        assertEquals(ExitCode.CORRUPT, r.exitCode());
        assertEquals(21, r.lines().length, "every whole frame is printed");
        assertTrue(r.err().matches("hascope: .*cut\\.pcapng: block 6 is cut short \\(\\d+ of \\d+ bytes\\) at byte "
                + "offset \\d+\n"), r.err());
    }

    @Test
    void unreadableFilesAndBadOptionsGetOneSentenceAndTheirOwnExitCode() throws Exception {
        CliRun missing = CliRun.run("decode", "-r", dir.resolve("nope.pcap").toString());
        assertEquals(ExitCode.UNREADABLE, missing.exitCode());
        assertTrue(missing.err().endsWith("nope.pcap: no such file\n"), missing.err());

        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a capture at all");
        CliRun notCapture = CliRun.run("decode", "-r", text.toString());
        assertEquals(ExitCode.UNREADABLE, notCapture.exitCode());
        assertTrue(notCapture.err().contains("not a pcap or pcapng file"), notCapture.err());
        assertEquals(1, notCapture.err().lines().count());

        CliRun badFilter = CliRun.run("decode", "-r", SAMPLE, "-Y", "hasync.msg_count >");
        assertEquals(ExitCode.USAGE, badFilter.exitCode());
        assertTrue(badFilter.err().contains("expected a value for hasync.msg_count"), badFilter.err());
        assertTrue(badFilter.err().contains("^"), "points at the column");

        CliRun badField = CliRun.run("decode", "-r", SAMPLE, "-T", "fields", "-e", "hasync.nope");
        assertEquals(ExitCode.USAGE, badField.exitCode());
        assertTrue(badField.err().contains("\"hasync.nope\" is not a field name"), badField.err());

        // fields asked for with a format that would not print them: refused, as tshark refuses them
        CliRun fieldsWithText = CliRun.run("decode", "-r", SAMPLE, "-e", "frame.number");
        assertEquals(ExitCode.USAGE, fieldsWithText.exitCode());
        assertTrue(fieldsWithText.err().startsWith("hascope: -e applies to -T fields only (-T text prints every"),
                fieldsWithText.err());
        assertEquals(ExitCode.USAGE, CliRun.run("decode", "-r", SAMPLE, "-T", "json", "-E", "header=y").exitCode());

        assertEquals(ExitCode.USAGE, CliRun.run("decode", "-r", SAMPLE, "-T", "xml").exitCode());
        assertEquals(ExitCode.USAGE, CliRun.run("decode", "-r", SAMPLE, "--hasync-port", "70000").exitCode());
        assertEquals(ExitCode.USAGE, CliRun.run("decode").exitCode());
    }

    @Test
    void portOptionsAndHeuristicsChangeWhatIsDecoded() {
        CliRun noDash = CliRun.run("decode", "-r", SAMPLE, "--dp-port", "7777", "--no-heuristics", "-Y", "dashmeta");
        assertEquals(1, noDash.lines().length, "only the raw-Ethernet DASH frame remains");
        CliRun moved = CliRun.run("decode", "-r", SAMPLE, "--hasync-port", "1", "--no-heuristics", "-Y", "hasync");
        assertEquals(0, moved.lines().length);
    }

    @Test
    void theBundledSampleIsWhatTheRecipeWrites() throws Exception {
        Path fresh = dir.resolve("sample.pcapng");
        try (PcapngWriter w = new PcapngWriter(fresh, "hascope generate sample")) {
            SampleCapture.write(w);
        }
        assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(Path.of(SAMPLE)),
                "regenerate with ./hascope generate sample -w samples/sync-basic.pcapng");
    }

    @Test
    void twoPassesMarkTheFramesWhoseReplyNeverCameExactlyAsAnalyzeFindsThem() {
        String lossy = CliRun.sample("model-hold-loss1.pcapng").toString();
        CliRun marked = CliRun.run("decode", "-2", "-r", lossy, "-Y", "hasync.analysis.lost_reply", "-T", "fields",
                "-e", "frame.number");
        assertEquals(0, marked.exitCode(), marked.err());
        CliRun findings = CliRun.run("analyze", "-q", "--format", "csv", "--findings", "lost_reply", "-r", lossy);
        java.util.Set<String> lostFrames = new java.util.TreeSet<>();
        for (String row : findings.out().split("\n")) {
            if (!row.startsWith("type,")) {
                lostFrames.add(row.split(",")[2]);
            }
        }
        assertEquals(lostFrames, new java.util.TreeSet<>(java.util.List.of(marked.lines())));
        assertEquals(10, lostFrames.size());
    }

    @Test
    void twoPassesWithNamedTapsDoNotMarkAReplyTheSendersTapMissedAsLost() throws Exception {
        Path model = dir.resolve("two-taps.pcapng");
        CliRun made = CliRun.run("simulate", "-q", "--mode", "hold", "--cps", "200", "--duration", "3s", "--loss",
                "0.03", "--taps", "both", "--seed", "3", "-w", model.toString());
        assertEquals(0, made.exitCode(), made.err());
        Path thinned = dir.resolve("missed-by-a.pcapng");
        assertTrue(MissedByATap.write(model.toString(), thinned) > 10);
        String[] lost = {"decode", "-2", "-r", null, "-Y", "hasync.analysis.lost_reply", "-T", "fields", "-e",
            "frame.number"};
        lost[3] = model.toString();
        int whole = CliRun.run(lost).lines().length;
        lost[3] = thinned.toString();
        int recognised = CliRun.run(lost).lines().length;
        String[] named = Arrays.copyOf(lost, lost.length + 4);
        System.arraycopy(new String[] {"--tap", "192.0.2.1=tap-dpu-a", "--tap", "192.0.2.2=1"}, 0, named, lost.length,
                4);
        CliRun withTaps = CliRun.run(named);
        assertEquals(0, withTaps.exitCode(), withTaps.err());
        assertTrue(whole > 0, "the run loses replies to find");
        assertEquals(whole, withTaps.lines().length, "as many as on the capture the tap missed nothing of");
        assertTrue(recognised > whole, "recognised taps mark replies seen only arriving as lost: " + recognised);
        CliRun withoutTwoPasses = CliRun.run("decode", "-r", thinned.toString(), "--tap", "192.0.2.1=0");
        assertEquals(2, withoutTwoPasses.exitCode());
        assertTrue(withoutTwoPasses.err().contains("--tap names the taps for the analysis: it needs -2"),
                withoutTwoPasses.err());
    }

    @Test
    void twoPassesPutEveryFindingOnTheFrameThatProvesItByTypeAndReasonAsAnalyzeReportsIt() {
        // model-partition: zombies, divergences and lost replies, some frames proving more than one
        String partition = CliRun.sample("model-partition.pcapng").toString();
        CliRun findings = CliRun.run("analyze", "-q", "--format", "csv", "-r", partition);
        java.util.List<String> expected = new java.util.ArrayList<>();
        for (String row : findings.lines()) {
            if (!row.startsWith("type,") && !row.startsWith("malformed,")) {
                String[] c = row.split(",", 14);
                expected.add(c[2] + " " + c[0] + " " + c[13].substring(1, c[13].length() - 1).replace("\"\"", "\""));
            }
        }
        CliRun marked = CliRun.run("decode", "-2", "-r", partition, "-Y", "hasync.analysis.finding", "-T", "json");
        assertEquals(0, marked.exitCode(), marked.err());
        java.util.List<String> found = new java.util.ArrayList<>();
        try {
            for (com.fasterxml.jackson.databind.JsonNode frame : new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(marked.out())) {
                com.fasterxml.jackson.databind.JsonNode layers = frame.get("layers");
                com.fasterxml.jackson.databind.JsonNode types = layers.get("hasync.analysis.finding");
                com.fasterxml.jackson.databind.JsonNode reasons = layers.get("hasync.analysis.finding.reason");
                String number = frame.get("frame").asText();
                for (int i = 0; i < (types.isArray() ? types.size() : 1); i++) {
                    long type = (types.isArray() ? types.get(i) : types).asLong();
                    String reason = (reasons.isArray() ? reasons.get(i) : reasons).asText();
                    found.add(number + " " + io.hascope.field.AnalysisFields.FINDING_TYPES.name(type) + " " + reason);
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        java.util.Collections.sort(expected);
        java.util.Collections.sort(found);
        assertTrue(expected.stream().anyMatch(e -> e.contains(" zombie ")), "the capture has zombies");
        assertEquals(expected, found, "each finding once, on its frame, with analyze's reason");
        CliRun zombies = CliRun.run("decode", "-2", "-r", partition, "-Y", "hasync.analysis.finding == zombie",
                "-T", "fields", "-e", "frame.number");
        assertEquals(expected.stream().filter(e -> e.contains(" zombie ")).map(e -> e.split(" ")[0]).distinct()
                .count(), zombies.lines().length, "a filter by the type's name");
    }

    @Test
    void writeKeepsTheFramesThatPassTheFilterWholeAndPrintsNothingAsTsharkW() throws Exception {
        String partition = CliRun.sample("model-partition.pcapng").toString();
        CliRun numbers = CliRun.run("decode", "-2", "-r", partition, "-Y", "hasync.analysis.finding == zombie", "-T",
                "fields", "-e", "frame.number");
        java.util.Set<Long> zombieFrames = new java.util.TreeSet<>();
        for (String n : numbers.lines()) {
            zombieFrames.add(Long.parseLong(n));
        }
        assertTrue(zombieFrames.size() > 3, "frames that prove zombies: " + zombieFrames);
        Path zombies = dir.resolve("zombies.pcapng");
        CliRun w = CliRun.run("decode", "-2", "-r", partition, "-Y", "hasync.analysis.finding == zombie", "-w",
                zombies.toString());
        assertEquals(0, w.exitCode(), w.err());
        assertEquals("", w.out(), "-w alone prints nothing");
        java.util.List<String> expected = new java.util.ArrayList<>();
        try (CaptureReader r = Captures.open(partition)) {
            Frame f = new Frame();
            while (r.next(f)) {
                if (zombieFrames.contains(f.number())) {
                    expected.add(f.timeNanos() + " " + Arrays.toString(f.copyBytes()));
                }
            }
        }
        java.util.List<String> got = new java.util.ArrayList<>();
        try (CaptureReader r = Captures.open(zombies.toString())) {
            Frame f = new Frame();
            while (r.next(f)) {
                got.add(f.timeNanos() + " " + Arrays.toString(f.copyBytes()));
            }
        }
        assertEquals(expected, got, "those frames, whole, with their times, in order");

        CliRun both = CliRun.run("decode", "-r", partition, "-Y", "hasync.msg_count > 1", "-w",
                dir.resolve("two.pcapng").toString(), "-P", "-c", "2");
        assertEquals(0, both.exitCode(), both.err());
        assertEquals(2, both.lines().length, "-P prints what -w writes, -c counts them");
        assertEquals(2, CliRun.run("decode", "-r", dir.resolve("two.pcapng").toString()).lines().length);

        CliRun noW = CliRun.run("decode", "-r", partition, "-P");
        assertEquals(2, noW.exitCode());
        assertTrue(noW.err().contains("-P prints the frames while -w writes them (or the summary line before -x's"
                + " dump): it needs -w or -x"), noW.err());
        Path copy = dir.resolve("input.pcapng");
        java.nio.file.Files.copy(Path.of(partition), copy);
        CliRun itself = CliRun.run("decode", "-r", copy.toString(), "-w", copy.toString());
        assertEquals(2, itself.exitCode());
        assertTrue(itself.err().contains("would overwrite the capture it reads"), itself.err());
        CliRun nowhere = CliRun.run("decode", "-r", partition, "-w", dir.resolve("none/x.pcapng").toString());
        assertEquals(ExitCode.OUTPUT, nowhere.exitCode(), nowhere.err());
        assertTrue(nowhere.err().startsWith("hascope: cannot write the output: "), nowhere.err());
    }

    @Test
    void twoPassesLinkEachRequestAndItsReplyBothWays() {
        String clean = CliRun.sample("model-hold-clean.pcapng").toString();
        CliRun r = CliRun.run("decode", "-2", "-r", clean, "-Y", "hasync.analysis.reply_in", "-T", "fields", "-e",
                "frame.number", "-e", "hasync.analysis.reply_in");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.lines().length > 100, "a clean run answers every request");
        java.util.Map<String, String> replyIn = new java.util.HashMap<>();
        for (String line : r.lines()) {
            String[] c = line.split("\t");
            replyIn.put(c[0], c[1]);
        }
        CliRun back = CliRun.run("decode", "-2", "-r", clean, "-Y", "hasync.analysis.reply_to", "-T", "fields", "-e",
                "frame.number", "-e", "hasync.analysis.reply_to", "-e", "hasync.flags.reply");
        for (String line : back.lines()) {
            String[] c = line.split("\t");
            assertEquals(c[0], replyIn.get(c[1]), "reply " + c[0] + " answers request " + c[1] + ", and that says so");
            assertEquals("1", c[2], "only replies carry reply_to");
        }
        assertEquals(replyIn.size(), back.lines().length);
        assertEquals(replyIn.size(), CliRun.run("decode", "-r", clean, "-Y", "hasync.analysis.reply_in").lines().length,
                "a filter on an analysis field implies -2");
    }

    @Test
    void twoPassesShowTheTransportGapAndRetransmissionsOfTheConformanceScenario() {
        CliRun r = CliRun.run("decode", "-2", "-r", CliRun.shared("conformance/scenarios/transport-gap.pcap").toString(),
                "-Y", "rudp.analysis.gap || rudp.analysis.retransmission", "-T", "fields", "-e", "frame.number",
                "-e", "rudp.analysis.gap", "-e", "rudp.analysis.retransmission");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(3, r.lines().length, "one gap and two retransmissions, as its .expected.json counts");
        assertEquals(1, java.util.Arrays.stream(r.lines()).filter(l -> !l.split("\t", -1)[1].isEmpty()).count());
    }

    @Test
    void aFilterOrColumnThatNamesAnAnalysisFieldGetsTheSecondPassWithoutDashTwo() {
        String lossy = CliRun.sample("model-hold-loss1.pcapng").toString();
        String[] filtered = {"-r", lossy, "-Y", "hasync.analysis.lost_reply", "-T", "fields", "-e", "frame.number"};
        CliRun implied = CliRun.run(concat(new String[] {"decode"}, filtered));
        CliRun asked = CliRun.run(concat(new String[] {"decode", "-2"}, filtered));
        assertEquals(0, implied.exitCode(), implied.err());
        assertEquals(10, implied.lines().length, "the lost replies analyze finds");
        assertEquals(asked.out(), implied.out());

        CliRun column = CliRun.run("decode", "-r", lossy, "-T", "fields", "-e", "hasync.analysis.reply_to", "-c", "6");
        assertTrue(java.util.Arrays.stream(column.lines()).anyMatch(l -> !l.isEmpty()), column.out());
        CliRun tapped = CliRun.run(concat(new String[] {"decode", "--tap", "192.0.2.1=0"},
                filtered));
        assertTrue(tapped.err().contains("give one for each DPU"), "--tap is taken for the implied analysis"
                + " (and judged there: one DPU's tap on a one-tap capture): " + tapped.err());

    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** The Time column of the summary lines (the second column, and the third for a date and time). */
    private static List<String> timeColumn(CliRun r) {
        return Arrays.stream(r.lines()).map(l -> {
            String[] cells = l.trim().split("\\s+");
            return cells[0] + " " + cells[1] + (cells[2].matches("\\d+:.*") ? " " + cells[2] : "");
        }).toList();
    }

    /** -t as tshark's: the values are tshark 4.0's on the same file (TZ=Asia/Kolkata for the local ones). */
    @Test
    void theTimeColumnTakesTsharksFormats() {
        String http = CliRun.sample("customer-http-loopback.pcapng").toString();
        java.util.TimeZone was = java.util.TimeZone.getDefault();
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Kolkata"));
        try {
            java.util.Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
            expected.put("d", List.of("1 0.000000000", "2 0.000022183", "3 0.000014351"));
            expected.put("e", List.of("1 1795724586.657898278", "2 1795724586.657920461", "3 1795724586.657934812"));
            expected.put("u", List.of("1 20:23:06.657898278", "2 20:23:06.657920461", "3 20:23:06.657934812"));
            expected.put("ud", List.of("1 2026-11-26 20:23:06.657898278", "2 2026-11-26 20:23:06.657920461",
                    "3 2026-11-26 20:23:06.657934812"));
            expected.put("a", List.of("1 01:53:06.657898278", "2 01:53:06.657920461", "3 01:53:06.657934812"));
            expected.put("ad", List.of("1 2026-11-27 01:53:06.657898278", "2 2026-11-27 01:53:06.657920461",
                    "3 2026-11-27 01:53:06.657934812"));
            expected.put("r", List.of("1 0.000000000", "2 0.000022183", "3 0.000036534"));
            for (var e : expected.entrySet()) {
                CliRun r = CliRun.run("decode", "-r", http, "-t", e.getKey(), "-c", "3");
                assertEquals(e.getValue(), timeColumn(r), "-t " + e.getKey());
            }
        } finally {
            java.util.TimeZone.setDefault(was);
        }
        CliRun shownOnly = CliRun.run("decode", "-r", http, "-t", "dd", "-Y", "frame.number > 3 && frame.number != 5",
                "-c", "3");
        assertEquals(List.of("4 0.000000000", "6 0.002755324", "7 0.000020872"), timeColumn(shownOnly),
                "since the previous frame shown");
        CliRun sinceRead = CliRun.run("decode", "-r", http, "-t", "d", "-Y", "frame.number == 6");
        assertEquals(List.of("6 0.002749225"), timeColumn(sinceRead), "since the previous frame read, shown or not");
        CliRun bad = CliRun.run("decode", "-r", http, "-t", "x");
        assertEquals(ExitCode.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("-t takes r, d, dd, e, a, ad, u or ud, not 'x'"), bad.err());
    }

    /** decode -i is judged before anything is opened: what it cannot do is one sentence, exit 2. */
    @Test
    void aLiveDecodeRefusesWhatNeedsTheWholeCaptureBeforeCapturing() {
        CliRun both = CliRun.run("decode", "-r", SAMPLE, "-i", "lo");
        assertEquals(ExitCode.USAGE, both.exitCode());
        assertTrue(both.err().contains("decode reads a file (-r) or captures on an interface (-i), not both"));
        CliRun neither = CliRun.run("decode", "-Y", "hasync");
        assertEquals(ExitCode.USAGE, neither.exitCode());
        assertTrue(neither.err().contains("say what to decode"), neither.err());
        CliRun twoPass = CliRun.run("decode", "-i", "lo", "-Y", "hasync.analysis.lost_reply");
        assertEquals(ExitCode.USAGE, twoPass.exitCode());
        assertTrue(twoPass.err().contains("hasync.analysis.lost_reply comes from the analysis of the whole capture,"
                + " whose end a live interface does not reach"), twoPass.err());
        CliRun taps = CliRun.run("decode", "-i", "lo", "-i", "eth0", "--tap", "192.0.2.1=lo");
        assertEquals(ExitCode.USAGE, taps.exitCode());
        assertTrue(taps.err().contains("--tap names the taps for the analysis, which decode -i does not run"),
                taps.err());
        CliRun fileWithF = CliRun.run("decode", "-r", SAMPLE, "-f", "udp");
        assertEquals(ExitCode.USAGE, fileWithF.exitCode());
        assertTrue(fileWithF.err().contains("-f filters what an interface captures: it needs -i"), fileWithF.err());
        CliRun fileWithA = CliRun.run("decode", "-r", SAMPLE, "-a", "duration:3");
        assertEquals(ExitCode.USAGE, fileWithA.exitCode());
        assertTrue(fileWithA.err().contains("-a stops an interface's capture: it needs -i"), fileWithA.err());
        CliRun badA = CliRun.run("decode", "-i", "lo", "-a", "packets:3");
        assertEquals(ExitCode.USAGE, badA.exitCode());
        assertTrue(badA.err().contains("-a takes duration:S"), badA.err());
    }

    /** -d as tshark's: a port added to a dissector's own, not in place of it. */
    @Test
    void decodeAsAddsAPortToTheProtocolsOwn() throws Exception {
        // the sample's hasync frames moved to port 7411 (IPv4 over Ethernet: the ports at bytes 34 to 37)
        Path moved = dir.resolve("moved.pcapng");
        try (CaptureReader r = Captures.open(SAMPLE); PcapngWriter w = new PcapngWriter(moved, "test")) {
            w.addInterface(1, 65535, "eth0");
            Frame f = new Frame();
            while (r.next(f)) {
                byte[] b = f.copyBytes();
                if (b.length > 37 && (b[12] & 0xff) == 0x08 && b[13] == 0 && b[23] == 17) {
                    b[34] = b[36] = (byte) (7411 >> 8);
                    b[35] = b[37] = (byte) 7411;
                }
                w.write(0, f.timeNanos(), java.nio.ByteBuffer.wrap(b), 0, b.length, b.length, null);
            }
        }
        String[] protocolColumn = {"-c", "1"}; // the summary line's protocol: UDP, or HASYNC
        CliRun plain = CliRun.run(concat(new String[] {"decode", "--no-heuristics", "-r", moved.toString()},
                protocolColumn));
        assertTrue(plain.out().contains(" UDP "), "7411 is no hasync port: " + plain.out());
        CliRun as = CliRun.run(concat(new String[] {"decode", "--no-heuristics", "-d", "udp.port==7411,hasync", "-r",
                moved.toString()}, protocolColumn));
        assertTrue(as.out().contains(" HASYNC "), as.out());
        CliRun stillOwn = CliRun.run(concat(new String[] {"decode", "--no-heuristics", "-d", "udp.port==7411,hasync",
                "-r", SAMPLE}, protocolColumn));
        assertTrue(stillOwn.out().contains(" HASYNC "), "7400 stays hasync's: " + stillOwn.out());
        CliRun bad = CliRun.run("decode", "-r", SAMPLE, "-d", "tcp.port==80,http");
        assertEquals(ExitCode.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("-d takes udp.port==PORT,hasync or udp.port==PORT,dash"), bad.err());
        CliRun big = CliRun.run("decode", "-r", SAMPLE, "-d", "udp.port==70000,dash");
        assertEquals(ExitCode.USAGE, big.exitCode());
        assertTrue(big.err().contains("-d takes a port from 0 to 65535, not 70000"), big.err());
    }

    /** tshark 4.0's -x of the sample's first frame. */
    private static final String FIRST_FRAME_DUMP = ""
            + "0000  02 00 00 00 00 0b 02 00 00 00 00 0a 08 00 45 00   ..............E.\n"
            + "0010  00 38 00 01 00 00 40 11 f6 b0 c0 00 02 01 c0 00   .8....@.........\n"
            + "0020  02 02 1c e8 1c e8 00 24 00 00 00 00 00 00 00 00   .......$........\n"
            + "0030  00 00 10 00 00 01 00 01 00 03 03 00 00 08 00 20   ............... \n"
            + "0040  23 28 03 00 00 00                                 #(....\n"
            + "\n";

    @Test
    void theHexDumpIsTsharksAloneAfterTheSummaryLineOrAfterTheTree() {
        String basic = CliRun.sample("sync-basic.pcapng").toString();
        assertEquals(FIRST_FRAME_DUMP, CliRun.run("decode", "-r", basic, "-x", "-c", "1").out());
        String summary = CliRun.run("decode", "-r", basic, "-c", "1").out();
        assertEquals(summary + "\n" + FIRST_FRAME_DUMP, CliRun.run("decode", "-r", basic, "-x", "-P", "-c", "1").out(),
                "-P: the summary line, a blank line, the dump");
        String tree = CliRun.run("decode", "-r", basic, "-V", "-c", "1").out();
        assertEquals(tree + FIRST_FRAME_DUMP, CliRun.run("decode", "-r", basic, "-x", "-V", "-c", "1").out(),
                "-V: the tree and its blank line, the dump");
        CliRun fields = CliRun.run("decode", "-r", basic, "-x", "-T", "fields", "-e", "frame.number");
        assertEquals(ExitCode.USAGE, fields.exitCode());
        assertTrue(fields.err().contains("-x dumps the bytes after the text output"), fields.err());
        CliRun alone = CliRun.run("decode", "-r", basic, "-P");
        assertEquals(ExitCode.USAGE, alone.exitCode());
        assertTrue(alone.err().contains("it needs -w or -x"), alone.err());
    }

    /** Temporary files standard input was kept in, left in the temporary directory. */
    private static List<Path> keptInputs() throws Exception {
        try (java.util.stream.Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("hascope-stdin-")).toList();
        }
    }

    @Test
    void twoPassesOverStandardInputKeepItsFramesUntilItEndsAndGiveWhatTheFileGives() throws Exception {
        Path lossy = CliRun.sample("model-hold-loss1.pcapng");
        List<Path> before = keptInputs();
        for (String[] options : List.of(new String[] {"-2", "-Y", "hasync.analysis.lost_reply"},
                new String[] {"-Y", "hasync.analysis.reply_to", "-T", "fields", "-e", "frame.number", "-e",
                        "hasync.analysis.reply_time"},
                new String[] {"-2", "-V", "-c", "40"})) {
            CliRun fromFile = CliRun.run(concat(new String[] {"decode", "-r", lossy.toString()}, options));
            CliRun piped = CliRun.runWithInput(Files.newInputStream(lossy), concat(new String[] {"decode", "-r", "-"},
                    options));
            assertEquals(0, piped.exitCode(), piped.err());
            assertTrue(fromFile.lines().length > 5, String.join(" ", options));
            assertEquals(fromFile.out(), piped.out(), String.join(" ", options));
        }
        assertEquals(before, keptInputs(), "the temporary copy goes when the command ends");

        CliRun empty = CliRun.runWithInput(new java.io.ByteArrayInputStream(new byte[0]), "decode", "-2", "-r", "-");
        assertEquals(ExitCode.UNREADABLE, empty.exitCode());
        assertTrue(empty.err().contains("(standard input)"), empty.err());
        byte[] whole = Files.readAllBytes(lossy);
        CliRun cut = CliRun.runWithInput(new java.io.ByteArrayInputStream(java.util.Arrays.copyOf(whole,
                whole.length - 30)), "decode", "-2", "-r", "-", "-Y", "hasync.analysis.lost_reply");
        assertEquals(ExitCode.CORRUPT, cut.exitCode(), "a pipe cut short mid-frame is said as a file cut short is");
        assertTrue(cut.err().contains("(standard input)"), cut.err());
        assertEquals(before, keptInputs());
    }
}
