package io.hascope.field;

import java.util.List;

/** Every declared field, in declaration order, and lookup by name. */
public final class FieldRegistry {
    static {
        FrameFields.load();
        LinkFields.load();
        IpFields.load();
        HasyncFields.load();
        DashFields.load();
        ExpertFields.load();
        AnalysisFields.load();
        ExpertKind.values();
    }

    private FieldRegistry() {
    }

    public static List<Field> all() {
        return Field.registered();
    }

    /** The field named name, or null. */
    public static Field byName(String name) {
        return Field.registered(name);
    }

    public static int size() {
        return Field.registeredCount();
    }
}
