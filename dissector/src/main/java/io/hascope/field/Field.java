package io.hascope.field;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One named field, declared once (Wireshark's header_field_info): its dotted name, the label the detail tree
 * shows, its type, how it prints, and a one-line description. The same object serves the tree, -T fields, JSON,
 * display filters and the field list.
 */
public final class Field {
    private static final List<Field> ALL = new ArrayList<>();
    private static final Map<String, Field> BY_NAME = new HashMap<>();

    private final int id;
    private final String name;
    private final String label;
    private final FieldType type;
    private final boolean hex;
    private final ValueNames names;
    private final String description;
    private List<Field> summary = List.of();

    Field(String name, String label, FieldType type, boolean hex, ValueNames names, String description) {
        synchronized (ALL) {
            if (BY_NAME.containsKey(name)) {
                throw new IllegalStateException("field declared twice: " + name);
            }
            this.id = ALL.size();
            this.name = name;
            this.label = label;
            this.type = type;
            this.hex = hex;
            this.names = names;
            this.description = description;
            ALL.add(this);
            BY_NAME.put(name, this);
        }
    }

    public static Field protocol(String name, String label, String description) {
        return new Field(name, label, FieldType.PROTOCOL, false, null, description);
    }

    public static Field group(String name, String label, String description) {
        return new Field(name, label, FieldType.GROUP, false, null, description);
    }

    public static Field uint(String name, String label, String description) {
        return new Field(name, label, FieldType.UINT, false, null, description);
    }

    public static Field hex(String name, String label, String description) {
        return new Field(name, label, FieldType.UINT, true, null, description);
    }

    public static Field enumerated(String name, String label, ValueNames names, String description) {
        return new Field(name, label, FieldType.UINT, false, names, description);
    }

    public static Field bool(String name, String label, String description) {
        return new Field(name, label, FieldType.BOOL, false, null, description);
    }

    public static Field of(String name, String label, FieldType type, String description) {
        return new Field(name, label, type, false, null, description);
    }

    /** The fields a protocol's tree line summarises ("Src: …, Dst: …"). */
    public Field summarisedBy(Field... fields) {
        this.summary = List.of(fields);
        return this;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String label() {
        return label;
    }

    public FieldType type() {
        return type;
    }

    public boolean hex() {
        return hex;
    }

    /** Value names of an enumeration, or null. */
    public ValueNames names() {
        return names;
    }

    public String description() {
        return description;
    }

    public List<Field> summary() {
        return summary;
    }

    /** The protocol a field belongs to: the part of its name before the first dot. */
    public String protocolName() {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    static List<Field> registered() {
        synchronized (ALL) {
            return Collections.unmodifiableList(new ArrayList<>(ALL));
        }
    }

    static Field registered(String name) {
        synchronized (ALL) {
            return BY_NAME.get(name);
        }
    }

    static int registeredCount() {
        synchronized (ALL) {
            return ALL.size();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
