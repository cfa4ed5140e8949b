package io.hascope.field;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Names of an enumeration's values (Wireshark's value_string), usable both ways. */
public final class ValueNames {
    private final Map<Long, String> names = new LinkedHashMap<>();
    private final Map<String, Long> values = new LinkedHashMap<>();

    private ValueNames() {
    }

    /** Pairs of value, name: {@code of(1, "CREATE", 2, "UPDATE")}. */
    public static ValueNames of(Object... pairs) {
        ValueNames v = new ValueNames();
        for (int i = 0; i < pairs.length; i += 2) {
            long value = ((Number) pairs[i]).longValue();
            String name = (String) pairs[i + 1];
            v.names.put(value, name);
            v.values.put(name.toUpperCase(Locale.ROOT), value);
        }
        return v;
    }

    /** The name of value, or null when it has none. */
    public String name(long value) {
        return names.get(value);
    }

    /** The name of value, or its number when it has none (for reports, which must show something). */
    public String nameOrNumber(long value) {
        String name = names.get(value);
        return name != null ? name : Long.toString(value);
    }

    /** The value named name (case-insensitive), or null. */
    public Long value(String name) {
        return values.get(name.toUpperCase(Locale.ROOT));
    }

    public Map<Long, String> asMap() {
        return java.util.Collections.unmodifiableMap(names);
    }
}
