package io.hascope.cli;

import io.hascope.stats.ResponseTimes;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** {@code -z hasync,srt}'s table in tshark's service-response-time layout: a row per procedure with answers. */
final class SrtTable {
    private SrtTable() {
    }

    static void write(Writer out, ResponseTimes times) throws IOException {
        StringBuilder sb = new StringBuilder("\n");
        sb.append("=".repeat(67)).append('\n');
        sb.append("HASYNC SRT Statistics:\n");
        sb.append("Filter: ").append(times.filterText()).append('\n');
        sb.append(String.format(Locale.ROOT, "Index  %-22s Calls    Min SRT    Max SRT    Avg SRT    Sum SRT%n",
                "Procedure").replace(System.lineSeparator(), "\n"));
        for (int p = 0; p < ResponseTimes.PROCEDURES.length; p++) {
            long calls = times.calls(p);
            if (calls == 0) {
                continue; // as tshark: a procedure with no calls has no row
            }
            sb.append(String.format(Locale.ROOT, "%5d  %-22s %6d %s %s %s %s%n", p, ResponseTimes.PROCEDURES[p], calls,
                    seconds(times.min(p)), seconds(times.max(p)), seconds(times.sum(p) / calls),
                    seconds(times.sum(p))).replace(System.lineSeparator(), "\n"));
        }
        sb.append("=".repeat(66)).append('\n');
        out.write(sb.toString());
    }

    /** Nanoseconds as tshark prints an SRT: seconds, then microseconds rounded to the nearest. */
    private static String seconds(long nanos) {
        long micros = (nanos + 500) / 1000;
        return String.format(Locale.ROOT, "%3d.%06d", micros / 1_000_000, micros % 1_000_000);
    }
}
