package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hascope.field.AnalysisFields;
import org.junit.jupiter.api.Test;

/** decode -2's hasync.analysis.finding names each finding type as the reports do. */
class FindingFieldsTest {
    @Test
    void everyFindingTypeButMalformedHasItsLabelAsTheFieldsValueNameNumberedInOrder() {
        FindingType[] types = FindingType.values();
        for (FindingType t : types) {
            if (t != FindingType.MALFORMED) { // a malformed frame's own expert items say it
                assertEquals(t.label(), AnalysisFields.FINDING_TYPES.name(t.ordinal() + 1), t.toString());
            }
        }
        assertEquals(FindingType.MALFORMED, types[types.length - 1], "numbers past the field's names are unused");
        assertEquals(null, AnalysisFields.FINDING_TYPES.name(types.length));
    }
}
