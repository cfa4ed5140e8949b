package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedPointTest {
    @Test
    void everyDoubleIsWrittenAsTheFormatterWritesIt() {
        Random random = new Random(7);
        double[] edges = {0.0, -0.0, 0.0005, 0.0015, -0.0005, -0.0004, 1.0005, 2.5, -2.5, 999999.9995, 0.1 + 0.2,
            1e-9, -1e-9, 123456789.123456, 1e15, -1e15, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (int places : new int[] {0, 1, 2, 3, 6, 9}) {
            for (int i = 0; i < 40_000; i++) {
                double v = i < edges.length ? edges[i]
                        : i % 3 == 0 ? random.nextInt(10_000_000) / 1e3 + (random.nextBoolean() ? 5e-4 : 0)
                        : i % 3 == 1 ? (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(12) - 4)
                        : random.nextLong() / 1e9; // nanoseconds as seconds, as a report's times are
                assertEquals(String.format(Locale.ROOT, "%." + places + "f", v), FixedPoint.of(v, places),
                        "value " + v + " to " + places + " places");
            }
        }
    }
}
