package io.hascope.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A double with a fixed number of decimals, exactly as {@code String.format(Locale.ROOT, "%.Nf", v)} writes it, at a
 * fraction of its cost: the formatter parses its pattern on every call, which was most of the time a report of
 * 72,000 findings spent on its lines. Like the formatter, it rounds half up the shortest decimal that reads back as
 * the double (so 0.0005 gives 0.001), and keeps the minus sign of a negative value that rounds to zero.
 */
final class FixedPoint {
    private FixedPoint() {
    }

    static String of(double value, int places) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
        }
        BigDecimal rounded = new BigDecimal(Double.toString(value)).setScale(places, RoundingMode.HALF_UP);
        String text = rounded.toPlainString();
        boolean negative = (Double.doubleToRawLongBits(value) & Long.MIN_VALUE) != 0;
        return negative && rounded.signum() == 0 ? "-" + text : text;
    }
}
