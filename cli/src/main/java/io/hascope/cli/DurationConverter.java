package io.hascope.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** "10s", "250ms", "50us", "2.5s", "3m", "1h" to nanoseconds; a bare number is seconds. */
class DurationConverter implements ITypeConverter<Long> {
    /** For the options whose names say microseconds (--latency-us, --jitter-us, --coalesce-us): a bare number is µs */
    static final class BareMicroseconds extends DurationConverter {
        BareMicroseconds() {
            super(1e3);
        }
    }

    private final double bareScale;

    DurationConverter() {
        this(1e9);
    }

    private DurationConverter(double bareScale) {
        this.bareScale = bareScale;
    }

    /** Suffix and nanoseconds, the two-letter ones before the one-letter ones they end with. */
    private static final String[][] UNITS = {{"ms", "1e6"}, {"us", "1e3"}, {"ns", "1"}, {"s", "1e9"}, {"m", "60e9"},
            {"h", "3600e9"}};

    @Override
    public Long convert(String value) {
        String v = value.trim();
        if (v.startsWith("-")) {
            throw new TypeConversionException("'" + value + "' is negative: a duration is zero or more");
        }
        double scale = bareScale;
        String number = v;
        for (String[] unit : UNITS) {
            if (v.endsWith(unit[0])) {
                number = v.substring(0, v.length() - unit[0].length());
                scale = Double.parseDouble(unit[1]);
                break;
            }
        }
        try {
            if (!number.matches("[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
                throw new NumberFormatException();
            }
            double d = Double.parseDouble(number);
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            if (d * scale >= Long.MAX_VALUE) {
                throw new TypeConversionException("'" + value + "' is too long a duration (nanoseconds in 64 bits"
                        + " reach 292 years)");
            }
            return Math.round(d * scale);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (like 10s, 250ms, 50us, 2m, 1h)");
        }
    }
}
