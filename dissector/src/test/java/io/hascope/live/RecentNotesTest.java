package io.hascope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.analysis.Finding;
import io.hascope.analysis.FindingType;
import io.hascope.field.AnalysisFields;
import io.hascope.field.FieldTree;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A live capture's analysis fields, as the analysis learns them, for its latest frames only. */
class RecentNotesTest {
    @Test
    void aPairingLinksBothFramesAndAFindingMarksItsFrame() {
        RecentNotes notes = new RecentNotes(1000);
        notes.paired(10, 12, 57_000);
        assertEquals(12, notes.value(10, AnalysisFields.REPLY_IN));
        assertEquals(10, notes.value(12, AnalysisFields.REPLY_TO));
        assertEquals(57_000, notes.value(12, AnalysisFields.REPLY_TIME));
        notes.addFinding(new Finding(FindingType.LOST_REPLY, FindingType.LOST_REPLY.severity(), 20, 0, "192.0.2.1",
                "192.0.2.2", null, "CREATE ... was never acknowledged", Map.of("request", 20L)));
        FieldTree tree = FieldTree.only(java.util.List.of(AnalysisFields.LOST_REPLY, AnalysisFields.FINDING));
        notes.addTo(20, tree);
        assertEquals(1, tree.valueOf(AnalysisFields.LOST_REPLY, -1));
        assertEquals(-1, notes.value(11, AnalysisFields.REPLY_IN), "a frame nothing was learned of");
    }

    @Test
    void onlyTheLatestFramesNotesAreKeptWhateverTheCapturesLength() {
        RecentNotes notes = new RecentNotes(1000);
        for (long request = 1; request < 1_000_000; request += 2) {
            notes.paired(request, request + 1, 1000);
        }
        assertTrue(notes.frames() <= 2 * 1000 + 2, "bounded: " + notes.frames());
        assertTrue(notes.oldestKept() >= 1_000_000 - 2 * 1000, "the latest: from " + notes.oldestKept());
        assertEquals(999_997, notes.value(999_998, AnalysisFields.REPLY_TO));
        assertEquals(-1, notes.value(3, AnalysisFields.REPLY_IN), "let go long ago");
    }
}
