package io.hascope.cli;

import io.hascope.capture.Frame;
import io.hascope.field.Field;
import io.hascope.field.FieldColumns;
import io.hascope.field.FieldTree;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** -T fields: one row per frame, one column per -e field, tshark's -E header/separator/aggregator. */
final class FieldsOutput implements FrameOutput {
    private final Writer out;
    private final List<String> names;
    private final List<Field> fields;
    private final FieldColumns columns;
    private final String separator;
    private final boolean header;
    private final io.hascope.text.AsciiText row = new io.hascope.text.AsciiText();

    /** One column per name, of its field or an alias's fields, with tshark's -E options. */
    FieldsOutput(Writer out, List<String> names, List<Field[]> columns, String separator, char aggregator,
                 boolean header, FieldColumns.Occurrence occurrence, char quote) {
        this.out = out;
        this.names = names;
        this.fields = columns.stream().flatMap(java.util.Arrays::stream).toList();
        this.columns = new FieldColumns(columns, aggregator, occurrence, quote);
        this.separator = separator;
        this.header = header;
    }

    /** Every field the columns read. */
    List<Field> fields() {
        return fields;
    }

    @Override
    public void begin() throws IOException {
        if (header) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < names.size(); i++) {
                sb.append(i > 0 ? separator : "").append(names.get(i));
            }
            out.write(sb.append('\n').toString());
        }
    }

    @Override
    public void frame(Frame frame, FieldTree tree) throws IOException {
        row.reset();
        columns.row(row, tree, separator);
        row.append('\n');
        if (out instanceof Utf8Writer utf8) {
            utf8.writeUtf8(row.array(), row.length()); // already UTF-8: no decode and re-encode
        } else {
            out.append(row.toString());
        }
    }
}
