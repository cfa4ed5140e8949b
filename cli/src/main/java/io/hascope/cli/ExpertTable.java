package io.hascope.cli;

import io.hascope.field.Severity;
import io.hascope.stats.ExpertStatistics;
import io.hascope.stats.ExpertStatistics.Item;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code -z expert}'s tables as tshark draws them: a section per severity, worst first, a row per kind. */
final class ExpertTable {
    private ExpertTable() {
    }

    static void write(Writer out, ExpertStatistics stats) throws IOException {
        StringBuilder sb = new StringBuilder();
        Severity[] order = {Severity.ERROR, Severity.WARN, Severity.NOTE, Severity.CHAT};
        String[] titles = {"Errors", "Warns", "Notes", "Chats"};
        for (int s = 0; s < order.length; s++) {
            List<Map.Entry<Item, Long>> rows = stats.items(order[s]);
            if (rows.isEmpty()) {
                continue;
            }
            long total = rows.stream().mapToLong(Map.Entry::getValue).sum();
            sb.append('\n').append(titles[s]).append(" (").append(total).append(")\n=============\n");
            sb.append(String.format(Locale.ROOT, "%12s %10s %18s  %s%n", "Frequency", "Group", "Protocol", "Summary"));
            for (Map.Entry<Item, Long> row : rows) {
                Item item = row.getKey();
                sb.append(String.format(Locale.ROOT, "%12d %10s %18s  %s%n", row.getValue(), item.group(),
                        item.protocol(), item.summary()));
            }
        }
        out.write(sb.toString().replace(System.lineSeparator(), "\n"));
    }
}
