package io.hascope.field;

import java.util.ArrayList;
import java.util.List;

/**
 * A row of -T fields output: for each requested field every occurrence's raw value, joined by the occurrence
 * separator (',' as tshark's -E aggregator), and an empty column when the field is absent. Aliases (ip.addr) are
 * not fields and are refused here, as tshark refuses them.
 */
public final class FieldColumns {
    private final Field[] fields;
    private final char occurrenceSeparator;

    public FieldColumns(List<Field> fields, char occurrenceSeparator) {
        this.fields = fields.toArray(new Field[0]);
        this.occurrenceSeparator = occurrenceSeparator;
    }

    /** Resolves names; throws IllegalArgumentException naming the first unknown one. */
    public static List<Field> resolve(List<String> names) {
        List<Field> out = new ArrayList<>();
        for (String n : names) {
            Field f = FieldRegistry.byName(n);
            if (f == null) {
                throw new IllegalArgumentException("\"" + n + "\" is not a field name (see 'hascope fields')");
            }
            out.add(f);
        }
        return out;
    }

    public int size() {
        return fields.length;
    }

    /** Appends column c of the row for tree to sb. */
    public void column(StringBuilder sb, FieldTree tree, int c) {
        column(new io.hascope.text.StringText(sb), tree, c);
    }

    public void column(io.hascope.text.TextOut sb, FieldTree tree, int c) {
        boolean first = true;
        for (int i = tree.first(fields[c]); i >= 0; i = tree.next(i)) {
            if (!first) {
                sb.append(occurrenceSeparator);
            }
            first = false;
            FieldFormat.raw(sb, tree, i);
        }
    }

    /** The whole row, columns joined by separator. */
    public void row(io.hascope.text.TextOut sb, FieldTree tree, String separator) {
        for (int c = 0; c < fields.length; c++) {
            if (c > 0) {
                sb.append(separator);
            }
            column(sb, tree, c);
        }
    }
}
