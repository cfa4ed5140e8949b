package io.hascope.cli;

import io.hascope.field.Field;
import io.hascope.field.FieldRegistry;
import io.hascope.field.FieldType;
import io.hascope.filter.DisplayFilter;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** hascope fields: the field registry, like tshark -G fields. */
@Command(name = "fields", mixinStandardHelpOptions = true,
        header = "List every field, like tshark -G fields",
        description = {"List every field: name, type, label and description (tab-separated), like tshark -G fields.",
                "Give a prefix (hasync.state) to list only the fields under it."})
public final class FieldsCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "PREFIX", description = "Only fields whose name starts with this")
    String prefix = "";

    @Override
    public Integer call() throws IOException {
        Writer out = Main.stdout();
        for (Field f : FieldRegistry.all()) {
            if (!f.name().startsWith(prefix)) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            sb.append(f.name()).append('\t').append(typeName(f)).append('\t').append(f.label()).append('\t')
                    .append(f.description());
            if (f.names() != null) {
                sb.append(" [");
                boolean first = true;
                for (Map.Entry<Long, String> e : f.names().asMap().entrySet()) {
                    sb.append(first ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
                    first = false;
                }
                sb.append(']');
            }
            out.write(sb.append('\n').toString());
        }
        for (Map.Entry<String, String[]> alias : DisplayFilter.aliases().entrySet()) {
            if (alias.getKey().startsWith(prefix)) {
                out.write(alias.getKey() + "\talias\t(filters only)\tMatches " + String.join(" or ", alias.getValue())
                        + "\n");
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    private static String typeName(Field f) {
        if (f.type() == FieldType.UINT && f.names() != null) {
            return "enum";
        }
        return f.type().name().toLowerCase(Locale.ROOT);
    }
}
