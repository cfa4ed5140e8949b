package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hascope.analysis.Connection;
import io.hascope.analysis.Finding;
import io.hascope.analysis.FindingType;
import io.hascope.field.Severity;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnalysisTextTest {
    @Test
    void aFindingLineReadsAsItsFormatPatternWouldWriteIt() {
        Random random = new Random(11);
        Connection c = new Connection(0x0a0b0c0d0e0fL, 7, 6, 0, 0x0a000006L, 4, 40001, 0, 0x0a020009L, 4, 443);
        for (int i = 0; i < 20_000; i++) {
            FindingType type = FindingType.values()[random.nextInt(FindingType.values().length)];
            Severity severity = Severity.values()[random.nextInt(Severity.values().length)];
            long frame = i % 5 == 0 ? random.nextLong() >>> random.nextInt(64) : random.nextInt(10_000_000);
            long time = (random.nextBoolean() ? 1_700_000_000_000_000_000L : 0) + random.nextLong() / 1000;
            double firstTime = random.nextBoolean() ? 1.7e9 : time / 1e9 + random.nextGaussian(); // thrown back too
            boolean noDpu = random.nextInt(4) == 0;
            Finding f = new Finding(type, severity, frame, time, noDpu ? "" : "192.0.2.1", noDpu ? "" : "192.0.2.2",
                    c, "DELETE of " + c + " was never acknowledged by 192.0.2.2", Map.of());

            String pattern = String.format(Locale.ROOT, "%-5s frame %-7d %9.3f s  %s  %-24s %s",
                    f.severity().label(), f.frame(), (f.timeNanos() / 1e9) - firstTime,
                    f.dpu().isEmpty() ? "" : f.dpu() + " → " + f.peer(), f.type().label(), f.reason());
            assertEquals(pattern, AnalysisText.findingLine(f, firstTime));
        }
    }
}
