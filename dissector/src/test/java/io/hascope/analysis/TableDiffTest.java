package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.SharedFiles;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.decode.DissectorConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tables are listed in the capture's order, whatever the layout that holds them; the diff classifies every key. */
class TableDiffTest {
    private static Analyzer analysed(String sample) throws Exception {
        Analyzer a = new Analyzer(new AnalysisConfig());
        try (CaptureReader r = Captures.open(SharedFiles.samples().resolve(sample).toString())) {
            CaptureAnalysis.run(r, DissectorConfig.defaults(), a, Long.MAX_VALUE, Long.MAX_VALUE);
        }
        return a;
    }

    @Test
    void entriesOneFrameSetAreListedByTheirKeyAfterThoseOfEarlierFrames() throws Exception {
        Analyzer a = analysed("sync-basic.pcapng"); // a request that sets two connections at once
        int sharedFrames = 0;
        for (DpuState d : a.tables().values()) {
            for (List<TableEntry> entries : List.of(TableDiff.byFrame(d.own()), TableDiff.byFrame(d.peer()))) {
                for (int i = 1; i < entries.size(); i++) {
                    TableEntry before = entries.get(i - 1);
                    TableEntry after = entries.get(i);
                    assertTrue(before.frame() <= after.frame());
                    if (before.frame() == after.frame()) {
                        sharedFrames++;
                        assertTrue(Connection.ORDER.compare(before.key(), after.key()) < 0,
                                before.key() + " before " + after.key() + " in frame " + after.frame());
                    }
                }
            }
        }
        assertTrue(sharedFrames > 0, "the sample has frames that set several entries");
    }

    @Test
    void entriesAreOrderedByFrameThenKeyWhateverOrderTheTableGivesThem() {
        java.util.Map<Connection, TableEntry> table = new java.util.LinkedHashMap<>();
        for (int port : new int[] {3, 2, 1}) { // one frame, keys given in descending order
            Connection c = new Connection(1, 100, 6, 0, 0x0a000001L, 4, port, 0, 0x0a000002L, 4, 443);
            table.put(c, new TableEntry(c, false, 3, 1, 20));
        }
        Connection early = new Connection(1, 100, 6, 0, 0x0a000009L, 4, 9, 0, 0x0a000002L, 4, 443);
        table.put(early, new TableEntry(early, false, 3, 1, 10));
        assertEquals(List.of(9, 1, 2, 3), TableDiff.byFrame(table).stream().map(e -> e.key().srcPort()).toList());
    }

    @Test
    void everyRowOfTheDiffSaysHowTheOwnersEntryAndThePeersCopyDiffer() throws Exception {
        Analyzer a = analysed("model-hold-failover.pcapng");
        List<TableDiff.Row> rows = TableDiff.of(a.tables());
        assertTrue(!rows.isEmpty());
        for (TableDiff.Row r : rows) {
            TableDiff.Difference expected = r.own() == null ? TableDiff.Difference.NO_OWNER_ENTRY
                    : r.copy() == null ? TableDiff.Difference.MISSING_ON_PEER
                    : r.own().state() != r.copy().state() ? TableDiff.Difference.STATE_MISMATCH
                    : r.own().version() != r.copy().version() ? TableDiff.Difference.VERSION_MISMATCH
                    : TableDiff.Difference.NONE;
            assertEquals(expected, r.difference(), r.connection().toString());
            assertEquals(r.own() != null ? r.own().connection() : r.copy().connection(), r.connection());
        }
        int owned = 0;
        for (DpuState d : a.tables().values()) {
            owned += d.own().size();
        }
        assertEquals(owned, rows.stream().filter(r -> r.own() != null).count(), "every owner entry has its row");
    }
}
