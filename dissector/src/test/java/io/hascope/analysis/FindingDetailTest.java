package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingDetailTest {
    @Test
    void aDetailBuiltInOrderIsReportedInThatOrder() {
        Map<String, Object> built = new LinkedHashMap<>();
        built.put("request", 17L);
        built.put("resends", 2);
        built.put("reply", 40L);
        built.put("reply_by", "ack");

        FindingDetail kept = FindingDetail.of(built);

        assertEquals(List.of("request", "resends", "reply", "reply_by"), new ArrayList<>(kept.keySet()));
        assertEquals(List.of(17L, 2, 40L, "ack"), new ArrayList<>(kept.values()));
        assertEquals(built, kept, "the same entries, as any map compares them");
        assertEquals(built.hashCode(), kept.hashCode());
    }

    @Test
    void aDetailWhoseMapHasNoOrderIsReportedWithItsKeysSorted() {
        // Map.of iterates in an order that changes from run to run: a report must not
        FindingDetail kept = FindingDetail.of(Map.of("resend", 3, "request", 9L, "advertised", 60));

        assertEquals(List.of("advertised", "request", "resend"), new ArrayList<>(kept.keySet()));
    }

    @Test
    void aDetailIsReadByKeyAndCannotBeChanged() {
        FindingDetail kept = FindingDetail.of(Map.of("request", 9L, "offset", 14));

        assertEquals(9L, kept.get("request"));
        assertEquals(14, kept.get("offset"));
        assertNull(kept.get("reply"));
        assertTrue(kept.containsKey("offset"));
        assertFalse(kept.containsKey("reply"));
        assertEquals(2, kept.size());
        assertThrows(UnsupportedOperationException.class, () -> kept.put("reply", 1L));
        assertThrows(UnsupportedOperationException.class, () -> kept.entrySet().iterator().next().setValue(0));
    }

    @Test
    void everyEmptyDetailIsOneAndTheSame() {
        assertSame(FindingDetail.of(Map.of()), FindingDetail.of(new LinkedHashMap<>()));
        assertTrue(FindingDetail.of(Map.of()).isEmpty());
    }
}
