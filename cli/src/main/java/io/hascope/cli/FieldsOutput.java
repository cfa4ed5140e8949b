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
    private final List<Field> fields;
    private final FieldColumns columns;
    private final String separator;
    private final boolean header;
    private final io.hascope.text.AsciiText row = new io.hascope.text.AsciiText();

    FieldsOutput(Writer out, List<Field> fields, String separator, char aggregator, boolean header) {
        this.out = out;
        this.fields = fields;
        this.columns = new FieldColumns(fields, aggregator);
        this.separator = separator;
        this.header = header;
    }

    List<Field> fields() {
        return fields;
    }

    @Override
    public void begin() throws IOException {
        if (header) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < fields.size(); i++) {
                sb.append(i > 0 ? separator : "").append(fields.get(i).name());
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
