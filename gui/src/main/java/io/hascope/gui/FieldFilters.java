package io.hascope.gui;

import io.hascope.field.FieldTree;

/** A tree line's value and the display filter that finds it (the tree's right-click menu); no JavaFX here. */
final class FieldFilters {
    private FieldFilters() {
    }

    static String valueOf(FieldTree tree, int i) {
        io.hascope.field.FieldType t = tree.field(i).type();
        return t == io.hascope.field.FieldType.PROTOCOL || t == io.hascope.field.FieldType.GROUP ? ""
                : io.hascope.field.FieldFormat.raw(tree, i);
    }

    /**
     * The display filter that matches this line's field and value (just the field for a layer or group, or when
     * the value cannot be written as a literal the filter language reads back).
     */
    static String filterFor(FieldTree tree, int i) {
        io.hascope.field.Field f = tree.field(i);
        if (f.type() == io.hascope.field.FieldType.PROTOCOL || f.type() == io.hascope.field.FieldType.GROUP
                || f.name().startsWith("expert.")) {
            return f.name();
        }
        String raw = io.hascope.field.FieldFormat.raw(tree, i);
        String candidate = f.name() + " == " + (f.type() == io.hascope.field.FieldType.STRING
                ? "\"" + raw.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : raw);
        try {
            io.hascope.filter.DisplayFilter.compile(candidate);
            return candidate;
        } catch (io.hascope.filter.FilterException e) {
            return f.name();
        }
    }
}
