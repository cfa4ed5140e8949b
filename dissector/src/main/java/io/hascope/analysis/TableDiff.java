package io.hascope.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two DPUs' tables side by side: each owner's entries against its peer's copies, every connection on either side
 * once, with what differs (analyze --diff and the GUI's Diff view show exactly these rows).
 */
public final class TableDiff {
    /** What differs for one connection between its owner's entry and the peer's copy. */
    public enum Difference {
        NONE(""), MISSING_ON_PEER("missing_on_peer"), STATE_MISMATCH("state_mismatch"),
        VERSION_MISMATCH("version_mismatch"), NO_OWNER_ENTRY("zombie?");

        private final String label;

        Difference(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One connection: its owner and peer, the owner's entry and the peer's copy (either may be null). */
    public record Row(Connection connection, String owner, String peer, TableEntry own, TableEntry copy,
                      Difference difference) {
    }

    private TableDiff() {
    }

    /** Rows for both directions of a pair, owner by owner, each in the order the entries were last set. */
    public static List<Row> of(Map<String, DpuState> tables) {
        List<DpuState> dpus = new ArrayList<>(tables.values());
        List<Row> rows = new ArrayList<>();
        if (dpus.size() != 2) {
            return rows;
        }
        for (DpuState owner : dpus) {
            DpuState peer = owner == dpus.get(0) ? dpus.get(1) : dpus.get(0);
            Set<Connection> keys = new LinkedHashSet<>();
            byFrame(owner.own()).forEach(e -> keys.add(e.key()));
            byFrame(peer.peer()).forEach(e -> keys.add(e.key()));
            for (Connection k : keys) {
                TableEntry mine = owner.own().get(k);
                TableEntry copy = peer.peer().get(k);
                Difference d = mine == null ? Difference.NO_OWNER_ENTRY : copy == null ? Difference.MISSING_ON_PEER
                        : copy.state() != mine.state() ? Difference.STATE_MISMATCH
                        : copy.version() != mine.version() ? Difference.VERSION_MISMATCH : Difference.NONE;
                rows.add(new Row((mine != null ? mine : copy).connection(), owner.address(), peer.address(), mine,
                        copy, d));
            }
        }
        return rows;
    }

    /**
     * A table's entries in the order they were last set; those one frame set (a packet's messages) by their key, so
     * the order is the capture's, never the tables' layout.
     */
    public static List<TableEntry> byFrame(Map<Connection, TableEntry> table) {
        List<TableEntry> sorted = new ArrayList<>(table.values());
        sorted.sort(Comparator.comparingLong(TableEntry::frame).thenComparing(TableEntry::key, Connection.ORDER));
        return sorted;
    }
}
