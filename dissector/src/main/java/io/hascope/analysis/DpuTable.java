package io.hascope.analysis;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One DPU's own table or its table of peer copies, as a read-only map over the half of each store it holds: the
 * entries it reports as owner, or the copies it keeps of what its peer reported. Live: it reads the stores as they
 * are when asked; its entries are values of that moment.
 */
final class DpuTable extends AbstractMap<Connection, TableEntry> {
    private final List<ConnectionStore> stores;
    private final int half;

    DpuTable(List<ConnectionStore> stores, int half) {
        this.stores = stores;
        this.half = half;
    }

    @Override
    public TableEntry get(Object key) {
        if (!(key instanceof Connection c)) {
            return null;
        }
        for (ConnectionStore s : stores) {
            int rec = s.find(c);
            if (s.has(rec, half)) {
                return s.entry(rec, half);
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        int n = 0;
        for (ConnectionStore s : stores) {
            n += s.size(half);
        }
        return n;
    }

    @Override
    public Set<Entry<Connection, TableEntry>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<Connection, TableEntry>> iterator() {
                return new Iterator<>() {
                    private int store;
                    private int rec = -1;

                    {
                        advance();
                    }

                    private void advance() {
                        rec++;
                        for (; store < stores.size(); store++, rec = 0) {
                            rec = stores.get(store).nextWith(rec, half);
                            if (rec >= 0) {
                                return;
                            }
                        }
                    }

                    @Override
                    public boolean hasNext() {
                        return store < stores.size();
                    }

                    @Override
                    public Entry<Connection, TableEntry> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        TableEntry e = stores.get(store).entry(rec, half);
                        advance();
                        return new SimpleImmutableEntry<>(e.key(), e);
                    }
                };
            }

            @Override
            public int size() {
                return DpuTable.this.size();
            }
        };
    }
}
