package io.hascope.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.SharedFiles;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.event.SyncEventSink;
import io.hascope.field.ExpertKind;
import io.hascope.field.FieldColumns;
import io.hascope.field.FieldSink;
import io.hascope.field.FieldTree;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tcpdump project's 830 test captures, real and deliberately broken: every one opens and decodes without an
 * exception, a hang or the dissector's safety net firing; and for every file tshark reads, the frame-level fields
 * (number, len, cap_len, time_epoch, interface_id) equal what tshark 4.0 printed for it
 * (src/test/resources/peer-captures/tshark-frame-fields.tsv, made by scripts/tshark-peer-reference.sh).
 */
class PeerCapturesTest {
    /**
     * Files whose records carry a sub-second field out of range (µs ≥ 10^6, ns ≥ 10^9). tshark keeps nanoseconds in
     * 32 bits, so it prints a wrapped or un-normalized fraction ("1418145370.1000000000"); hascope carries the
     * excess into the seconds and flags the frame (frame.timestamp_out_of_range). Only frame.time_epoch may differ.
     */
    static final Map<String, String> TIME_DIFFERS = Map.of(
            "atm-oam-loopback-print-overrun.pcap", "µs field 1159821166",
            "rx_serviceid_oobr.pcap", "µs field 3841916976",
            "timestamp_invalid_micro.pcap", "µs field 1000000",
            "timestamp_invalid_nano.pcap", "ns field 1000000000");

    static final List<String> FRAME_FIELDS = List.of("frame.number", "frame.len", "frame.cap_len", "frame.time_epoch",
            "frame.interface_id");

    @Test
    void everyPeerCaptureOpensAndAgreesWithTsharkOnFrameFields() throws Exception {
        List<Path> files = SharedFiles.peerCaptures();
        assertEquals(830, files.size(), "the whole corpus is there");
        Map<String, List<String>> reference = reference();
        List<String> mismatches = new ArrayList<>();
        List<String> bugs = new ArrayList<>();
        java.util.Set<String> flaggedTimes = new java.util.TreeSet<>();
        int[] compared = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            FieldColumns columns = new FieldColumns(FieldColumns.resolve(FRAME_FIELDS), ',');
            FieldTree tree = new FieldTree();
            for (Path file : files) {
                String name = file.getFileName().toString();
                List<String> ours = new ArrayList<>();
                try (CaptureReader reader = Captures.open(file.toString())) {
                    Dissector dissector = new Dissector(DissectorConfig.defaults());
                    Frame frame = new Frame();
                    while (reader.next(frame)) {
                        dissector.dissect(frame, tree, SyncEventSink.NONE);
                        if (tree.has(ExpertKind.TIMESTAMP_OUT_OF_RANGE.field())) {
                            flaggedTimes.add(name);
                        }
                        if (tree.has(ExpertKind.DISSECTOR_BUG.field())) {
                            bugs.add(name + " frame " + frame.number());
                        }
                        dissector.dissect(frame, FieldSink.NONE, SyncEventSink.NONE);
                        StringBuilder row = new StringBuilder(name);
                        for (int c = 0; c < columns.size(); c++) {
                            columns.column(row.append('\t'), tree, c);
                        }
                        ours.add(row.toString());
                    }
                } catch (java.io.IOException e) {
                    ours.add(name + "\t!\t" + e.getMessage());
                }
                List<String> theirs = reference.getOrDefault(name, List.of()); // tshark printed no frame
                if (TIME_DIFFERS.containsKey(name)) {
                    theirs = withoutTime(theirs);
                    ours = withoutTime(ours);
                }
                if (theirs.size() == 1 && theirs.get(0).startsWith(name + "\t!")) {
                    compared[1]++; // tshark refuses the link type; we list the frames with their frame fields
                } else {
                    compared[0]++;
                    if (!theirs.equals(ours)) {
                        mismatches.add(firstDifference(name, theirs, ours));
                    }
                }
            }
        });
        assertEquals(List.of(), bugs);
        assertEquals(new java.util.TreeSet<>(TIME_DIFFERS.keySet()), flaggedTimes,
                "exactly the files exempted for their timestamps carry the finding");
        assertTrue(compared[0] > 800, "files compared with tshark: " + compared[0]);
        assertEquals(List.of(), mismatches, mismatches.size() + " files differ from tshark");
    }

    /** Drops the time_epoch column (the fourth after the file name). */
    private static List<String> withoutTime(List<String> rows) {
        return rows.stream().map(r -> r.replaceFirst("^(([^\t]*\t){4})[^\t]*", "$1-")).toList();
    }

    private static String firstDifference(String name, List<String> theirs, List<String> ours) {
        for (int i = 0; i < Math.max(theirs.size(), ours.size()); i++) {
            String t = i < theirs.size() ? theirs.get(i) : "(no frame)";
            String o = i < ours.size() ? ours.get(i) : "(no frame)";
            if (!t.equals(o)) {
                return name + ": tshark '" + t + "' hascope '" + o + "' (" + theirs.size() + " vs " + ours.size()
                        + " frames)";
            }
        }
        return name;
    }

    private static Map<String, List<String>> reference() throws Exception {
        Map<String, List<String>> out = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                PeerCapturesTest.class.getResourceAsStream("/peer-captures/tshark-frame-fields.tsv"),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                out.computeIfAbsent(line.substring(0, line.indexOf('\t')), k -> new ArrayList<>()).add(line);
            }
        }
        return out;
    }
}
