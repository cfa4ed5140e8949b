package io.hascope.analysis;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A finding's detail as kept until the report: its keys and values side by side in one array, read-only. Every
 * finding is kept to the end of the capture (the report orders them), and the hash map each was built in (a
 * 16-slot table and an entry object per key) was some 340 of the 760 bytes a lost reply cost: captures where
 * requests go unanswered make one finding per message. Keys keep the order of a {@link LinkedHashMap} they come
 * in; any other map's keys are sorted, as {@code Map.of} iterates in an order that changes from run to run.
 */
final class FindingDetail extends AbstractMap<String, Object> {
    private static final FindingDetail EMPTY = new FindingDetail(new Object[0]);

    /** key, value, key, value, ... */
    private final Object[] pairs;

    private FindingDetail(Object[] pairs) {
        this.pairs = pairs;
    }

    static FindingDetail of(Map<String, Object> detail) {
        if (detail.isEmpty()) {
            return EMPTY;
        }
        Map<String, Object> ordered = detail instanceof LinkedHashMap ? detail : new java.util.TreeMap<>(detail);
        Object[] pairs = new Object[2 * ordered.size()];
        int i = 0;
        for (Map.Entry<String, Object> e : ordered.entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = e.getValue();
        }
        return new FindingDetail(pairs);
    }

    @Override
    public Object get(Object key) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(key)) {
                return pairs[i + 1];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int size() {
        return pairs.length / 2;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < pairs.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= pairs.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> e = new SimpleImmutableEntry<>((String) pairs[next], pairs[next + 1]);
                        next += 2;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return pairs.length / 2;
            }
        };
    }
}
