package io.hascope.field;

import java.util.ArrayList;
import java.util.List;

/**
 * A row of -T fields output: for each requested field every occurrence's raw value, joined by the occurrence
 * separator (',' as tshark's -E aggregator), and an empty column when the field is absent. A column of several fields
 * (an alias: ip.addr is ip.src and ip.dst, as tshark's -e ip.addr) shows their occurrences in the tree's order.
 */
public final class FieldColumns {
    /** Which occurrences a column shows, as tshark's -E occurrence: all of them, the first or the last. */
    public enum Occurrence { ALL, FIRST, LAST }

    private final Field[][] columns;
    private final char occurrenceSeparator;
    private final Occurrence occurrence;
    /** The character each value is put between (tshark's -E quote), or 0 for none; an absent field stays empty. */
    private final char quote;

    public FieldColumns(List<Field> fields, char occurrenceSeparator) {
        this(single(fields), occurrenceSeparator, Occurrence.ALL, (char) 0);
    }

    /** Columns of one field or several (an alias's), with tshark's -E occurrence and quote. */
    public FieldColumns(List<Field[]> columns, char occurrenceSeparator, Occurrence occurrence, char quote) {
        this.columns = columns.toArray(new Field[0][]);
        this.occurrenceSeparator = occurrenceSeparator;
        this.occurrence = occurrence;
        this.quote = quote;
    }

    private static List<Field[]> single(List<Field> fields) {
        List<Field[]> out = new ArrayList<>();
        for (Field f : fields) {
            out.add(new Field[] {f});
        }
        return out;
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
        return columns.length;
    }

    /** Appends column c of the row for tree to sb. */
    public void column(StringBuilder sb, FieldTree tree, int c) {
        column(new io.hascope.text.StringText(sb), tree, c);
    }

    public void column(io.hascope.text.TextOut sb, FieldTree tree, int c) {
        Field[] fields = columns[c];
        int at = firstOf(tree, fields, -1);
        if (at < 0) {
            return;
        }
        if (quote != 0) {
            sb.append(quote);
        }
        if (occurrence == Occurrence.FIRST) {
            FieldFormat.raw(sb, tree, at);
        } else {
            int last = at;
            for (int i = at; i >= 0; i = firstOf(tree, fields, i)) {
                if (occurrence == Occurrence.ALL) {
                    if (i != at) {
                        sb.append(occurrenceSeparator);
                    }
                    FieldFormat.raw(sb, tree, i);
                }
                last = i;
            }
            if (occurrence == Occurrence.LAST) {
                FieldFormat.raw(sb, tree, last);
            }
        }
        if (quote != 0) {
            sb.append(quote);
        }
    }

    /** The tree's first entry after entry {@code after} (-1: from the start) of any of fields, or -1. */
    private static int firstOf(FieldTree tree, Field[] fields, int after) {
        if (fields.length == 1) {
            return after < 0 ? tree.first(fields[0]) : tree.next(after);
        }
        int best = -1;
        for (Field f : fields) {
            int i = tree.first(f);
            while (i >= 0 && i <= after) {
                i = tree.next(i);
            }
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    /** The whole row, columns joined by separator. */
    public void row(io.hascope.text.TextOut sb, FieldTree tree, String separator) {
        for (int c = 0; c < columns.length; c++) {
            if (c > 0) {
                sb.append(separator);
            }
            column(sb, tree, c);
        }
    }
}
