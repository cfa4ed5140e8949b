package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code decode -q -z hasync,srt}: tshark's service-response-time table over the analysis' pairing, held to the same
 * pairing read another way (decode -2's fields, reply by reply).
 */
class SrtTableTest {
    private static final String FAILOVER = CliRun.sample("model-hold-failover.pcapng").toString();

    /** Calls, least, greatest and summed reply time of the first reply to each request, from decode -2's fields. */
    private static long[] fromFields(String capture, String requestFilter) {
        Set<String> requests = new HashSet<>();
        for (String line : CliRun.run("decode", "-2", "-r", capture, "-T", "fields", "-e", "frame.number", "-Y",
                "hasync.analysis.reply_in && " + requestFilter).lines()) {
            requests.add(line);
        }
        long calls = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        Set<String> answered = new HashSet<>();
        for (String line : CliRun.run("decode", "-2", "-r", capture, "-T", "fields", "-e", "hasync.analysis.reply_to",
                "-e", "hasync.analysis.reply_time", "-Y", "hasync.analysis.reply_time").lines()) {
            String[] cells = line.split("\t");
            if (!requests.contains(cells[0]) || !answered.add(cells[0])) {
                continue;
            }
            long nanos = new java.math.BigDecimal(cells[1]).movePointRight(9).longValueExact();
            calls++;
            min = Math.min(min, nanos);
            max = Math.max(max, nanos);
            sum += nanos;
        }
        return new long[] {calls, min, max, sum};
    }

    private static long[] fromTable(String out) {
        long calls = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        for (String line : out.split("\n")) {
            if (!line.matches("\\s+\\d+  .*")) {
                continue;
            }
            String[] numbers = line.substring(30).trim().split("\\s+"); // after Index and Procedure
            calls += Long.parseLong(numbers[0]);
            min = Math.min(min, micros(numbers[1]));
            max = Math.max(max, micros(numbers[2]));
            sum += micros(numbers[4]);
        }
        return new long[] {calls, min, max, sum};
    }

    private static long micros(String seconds) {
        return new java.math.BigDecimal(seconds).movePointRight(6).longValueExact();
    }

    @Test
    void eachKindOfRequestIsCountedAtItsFirstReplyAsTheAnalysisPairedThem() {
        CliRun run = CliRun.run("decode", "-q", "-r", FAILOVER, "-z", "hasync,srt");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals("", lines[0]);
        assertEquals("=".repeat(67), lines[1]);
        assertEquals("HASYNC SRT Statistics:", lines[2]);
        assertEquals("Filter: ", lines[3]);
        assertEquals("Index  Procedure              Calls    Min SRT    Max SRT    Avg SRT    Sum SRT", lines[4],
                "tshark's header");
        assertEquals("=".repeat(66), lines[lines.length - 1]);
        assertTrue(run.out().contains(
                "\n    1  STATE CREATE               94   0.000050   0.000060   0.000055   0.005158\n"), run.out());
        long[] table = fromTable(run.out());
        long[] fields = fromFields(FAILOVER, "frame");
        assertEquals(fields[0], table[0], "calls");
        assertEquals((fields[1] + 500) / 1000, table[1], "least, in microseconds");
        assertEquals((fields[2] + 500) / 1000, table[2], "greatest");
        assertEquals((double) fields[3] / 1000, table[3], 5, "summed, each row rounded to the microsecond");
    }

    @Test
    void theFilterChoosesTheRequestsAndDashRequestsAreCountedByTheirSubtype() {
        CliRun one = CliRun.run("decode", "-q", "-r", FAILOVER, "-z", "hasync,srt,ip.src == 192.0.2.1");
        assertTrue(one.out().contains("\nFilter: ip.src == 192.0.2.1\n"), one.out());
        assertEquals(fromFields(FAILOVER, "ip.src == 192.0.2.1")[0], fromTable(one.out())[0]);
        CliRun dash = CliRun.run("decode", "-q", "-r", CliRun.sample("model-dash-hold-loss1.pcapng").toString(), "-z",
                "hasync,srt");
        for (String kind : new String[] {"DASH FLOW_CREATE", "DASH FLOW_UPDATE", "DASH FLOW_DELETE",
                "DASH DP_PROBE"}) {
            assertTrue(dash.out().contains(String.format(Locale.ROOT, "  %-22s ", kind)), dash.out());
        }
        CliRun bad = CliRun.run("decode", "-q", "-r", FAILOVER, "-z", "hasync,srt,ip.src ==");
        assertEquals(ExitCode.USAGE, bad.exitCode());
        assertTrue(bad.err().startsWith("hascope: -z hasync,srt: invalid display filter"), bad.err());
    }
}
