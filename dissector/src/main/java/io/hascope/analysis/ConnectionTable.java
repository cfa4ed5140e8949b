package io.hascope.analysis;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A DPU's connection table: the entries themselves in one open-addressing array, keyed by the key each entry holds,
 * so a connection costs its entry and one slot instead of a map node besides (the difference is most of the
 * 200-byte-per-connection budget). Linear probing; removal shifts the run back so no tombstones accumulate.
 * Each slot's hash sits beside it in an int array: a probe compares ints in one cache line and follows an entry
 * (two cache misses: the entry, its key) only when the hash matches. Without them a miss — every new connection —
 * dereferenced every entry of its probe run, and that was the analysis' largest cost (JFR).
 * Iteration order is the slot order. Read through the {@link Map} view; change only through put and remove.
 */
final class ConnectionTable extends AbstractMap<Connection, TableEntry> {
    private TableEntry[] slots = new TableEntry[16];
    private int[] hashes = new int[16];
    private int size;

    @Override
    public TableEntry get(Object key) {
        if (!(key instanceof Connection c)) {
            return null;
        }
        int h = c.hashCode();
        int mask = slots.length - 1;
        for (int i = h & mask; slots[i] != null; i = (i + 1) & mask) {
            if (hashes[i] == h && slots[i].key().equals(c)) {
                return slots[i];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    /** Adds or replaces the entry for its own key. */
    void put(TableEntry entry) {
        if ((size + 1) * 4 > slots.length * 3) {
            resize();
        }
        int h = entry.key().hashCode();
        int mask = slots.length - 1;
        int i = h & mask;
        for (; slots[i] != null; i = (i + 1) & mask) {
            if (hashes[i] == h && slots[i].key().equals(entry.key())) {
                if (slots[i] != entry) {
                    slots[i].markRemoved();
                }
                slots[i] = entry;
                return;
            }
        }
        slots[i] = entry;
        hashes[i] = h;
        size++;
    }

    @Override
    public TableEntry remove(Object key) {
        if (!(key instanceof Connection c)) {
            return null;
        }
        int h = c.hashCode();
        int mask = slots.length - 1;
        int i = h & mask;
        for (; slots[i] != null; i = (i + 1) & mask) {
            if (hashes[i] == h && slots[i].key().equals(c)) {
                TableEntry removed = slots[i];
                removed.markRemoved();
                closeGap(i);
                size--;
                return removed;
            }
        }
        return null;
    }

    /** Backward-shift deletion: moves later members of the probe run into the hole when their home allows it. */
    private void closeGap(int hole) {
        int mask = slots.length - 1;
        slots[hole] = null;
        for (int j = (hole + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = hashes[j] & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                slots[hole] = slots[j];
                hashes[hole] = hashes[j];
                slots[j] = null;
                hole = j;
            }
        }
    }

    private void resize() {
        TableEntry[] old = slots;
        slots = new TableEntry[old.length * 2];
        hashes = new int[old.length * 2];
        size = 0;
        for (TableEntry e : old) {
            if (e != null) {
                put(e);
            }
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<Connection, TableEntry>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<Connection, TableEntry>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < slots.length && slots[i] == null) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < slots.length;
                    }

                    @Override
                    public Entry<Connection, TableEntry> next() {
                        if (next >= slots.length) {
                            throw new NoSuchElementException();
                        }
                        TableEntry e = slots[next];
                        next = advance(next + 1);
                        return new SimpleImmutableEntry<>(e.key(), e);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
