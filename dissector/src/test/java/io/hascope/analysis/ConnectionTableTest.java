package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The flat connection table behaves as a map through a million random puts, replaces and removals. */
class ConnectionTableTest {
    private static Connection connection(int n) {
        // few distinct values per field, so probe runs collide, wrap around the array and are cut by removals
        return new Connection(0x000d3a000000L + (n % 3), 100, 6, 0, 0x0a000000L + n / 7, 4, 1000 + n % 7, 0,
                0x0ac80000L, 4, 443);
    }

    @Test
    void agreesWithAHashMapUnderRandomChurn() {
        SplittableRandom random = new SplittableRandom(12);
        ConnectionTable table = new ConnectionTable();
        Map<Connection, TableEntry> reference = new HashMap<>();
        for (int step = 0; step < 1_000_000; step++) {
            Connection c = connection(random.nextInt(5_000));
            switch (random.nextInt(3)) {
                case 0, 1 -> {
                    TableEntry e = new TableEntry(c, false, 3, step, step, step);
                    table.put(e);
                    reference.put(c, e);
                }
                default -> assertSame(reference.remove(c), table.remove(c));
            }
            if (step % 50_000 == 0) {
                assertEquals(reference.size(), table.size());
                for (Map.Entry<Connection, TableEntry> e : reference.entrySet()) {
                    assertSame(e.getValue(), table.get(e.getKey()));
                    assertFalse(e.getValue().removed());
                }
                assertEquals(reference.keySet(), table.keySet());
            }
        }
        for (Connection c : reference.keySet().toArray(new Connection[0])) {
            assertSame(reference.remove(c), table.remove(c));
        }
        assertEquals(0, table.size());
        assertNull(table.get(connection(1)));
    }

    @Test
    void anEntryKnowsWhenItIsNoLongerItsTablesEntry() {
        ConnectionTable table = new ConnectionTable();
        TableEntry first = new TableEntry(connection(1), false, 3, 1, 1, 1);
        TableEntry other = new TableEntry(connection(2), false, 3, 1, 1, 1);
        table.put(first);
        table.put(other);
        table.put(first); // the same entry again changes nothing
        assertFalse(first.removed());
        TableEntry replacement = new TableEntry(connection(1), false, 4, 2, 2, 2);
        table.put(replacement);
        assertTrue(first.removed(), "replaced by another entry for its key");
        assertFalse(replacement.removed());
        assertSame(other, table.remove(connection(2)));
        assertTrue(other.removed(), "removed");
        assertFalse(replacement.removed(), "the entries left are untouched, whatever the removal moved");
    }
}
