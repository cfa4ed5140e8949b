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
    private final StringBuilder row = new StringBuilder(256);

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
        row.setLength(0);
        columns.row(row, tree, separator);
        row.append('\n');
        out.append(row);
    }
}
