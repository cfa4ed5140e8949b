package io.hascope.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.SharedFiles;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.event.SyncEventSink;
import io.hascope.field.FieldColumns;
import io.hascope.field.FieldTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario: the conformance vectors, built by a separate encoder, are decoded as `decode -T fields` would with one
 * -e per column of public.expected.tsv. Every cell that is not '*' must match exactly; an empty cell means absent.
 */
class ConformanceVectorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"conformance/vectors/public.pcap", "conformance/vectors/public.pcapng"})
    void everyCheckedCellMatches(String capture) throws Exception {
        List<String> lines = Files.readAllLines(SharedFiles.resolve("conformance/vectors/public.expected.tsv"));
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        FieldColumns columns = new FieldColumns(FieldColumns.resolve(header), ',');
        List<String> mismatches = new ArrayList<>();
        int rows = 0;
        try (CaptureReader reader = Captures.open(SharedFiles.resolve(capture).toString())) {
            Dissector dissector = new Dissector(DissectorConfig.defaults());
            FieldTree tree = new FieldTree();
            Frame frame = new Frame();
            while (reader.next(frame)) {
                dissector.dissect(frame, tree, SyncEventSink.NONE);
                String[] expected = lines.get(rows + 1).split("\t", -1);
                rows++;
                for (int c = 0; c < header.size(); c++) {
                    if (expected[c].equals("*")) {
                        continue;
                    }
                    StringBuilder actual = new StringBuilder();
                    columns.column(actual, tree, c);
                    if (!actual.toString().equals(expected[c])) {
                        mismatches.add("frame " + frame.number() + " " + header.get(c) + ": expected '" + expected[c]
                                + "' got '" + actual + "'");
                    }
                }
            }
            assertNull(reader.problem(), () -> "capture read cleanly: " + reader.problem());
        }
        assertEquals(lines.size() - 1, rows, "one frame per expected row");
        assertTrue(mismatches.isEmpty(), () -> String.join("\n", mismatches));
    }
}
