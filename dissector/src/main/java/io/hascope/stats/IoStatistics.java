package io.hascope.stats;

import io.hascope.capture.Frame;
import io.hascope.field.Field;
import io.hascope.field.FieldTree;
import io.hascope.field.FieldType;
import io.hascope.filter.DisplayFilter;
import io.hascope.filter.FilterException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * tshark's {@code -z io,stat,INTERVAL[,COLUMN]...}: frames, bytes and calculations over fields, interval by interval
 * on the capture's clock. A column is empty (frames and bytes of every frame), a display filter (frames and bytes
 * of the frames it matches), {@code FRAMES} or {@code BYTES}, or {@code FUNC(field)filter} with FUNC one of COUNT,
 * SUM, MIN, MAX, AVG: over every occurrence of the field in the frames the filter (optional) matches. Times count
 * in microseconds, as tshark's do. Where tshark drops a frame that goes back in time past an interval already
 * begun, it is counted here in its own interval, and a frame at the capture's very end in the last.
 */
public final class IoStatistics {
    /** What a column computes. */
    public enum Calc {
        FRAMES_AND_BYTES, FRAMES, BYTES, COUNT, SUM, MIN, MAX, AVG;

        /** Calculations over a field's values rather than over frames. */
        boolean overValues() {
            return this == SUM || this == MIN || this == MAX || this == AVG;
        }
    }

    /** One column: its text as given, what it computes, over which field (null for frames and bytes), which frames. */
    public record Column(String text, Calc calc, Field[] fields, DisplayFilter filter) {
        /** Whether the values are times (shown as seconds with six decimals), not integers. */
        public boolean timeValued() {
            return fields.length > 0 && fields[0].type() == FieldType.TIME_REL;
        }
    }

    public static final long MAX_INTERVAL_MICROS = 1_000_000L * 1_000_000_000L;
    /**
     * The most intervals a table holds (24 MB a column): a capture whose frames lie years apart (a clock reset, a
     * corrupt timestamp) would otherwise ask for billions at a short interval, as it does of tshark.
     */
    public static final int MAX_ROWS = 1_000_000;
    private static final int FIRST_ROWS = 64;

    private final long intervalMicros;
    private final int precision;
    private final List<Column> columns;
    /** Per column, per interval: frames matched, the counter (bytes, count, sum, min or max), values seen. */
    private long[][] frames;
    private long[][] counters;
    private long[][] values;
    private int rows;
    private long firstNanos;
    private boolean started;
    private long lastMicros;

    private IoStatistics(long intervalMicros, int precision, List<Column> columns) {
        this.intervalMicros = intervalMicros;
        this.precision = precision;
        this.columns = columns;
        int n = columns.size();
        frames = new long[n][FIRST_ROWS];
        counters = new long[n][FIRST_ROWS];
        values = new long[n][FIRST_ROWS];
    }

    /**
     * The statistics an {@code io,stat,...} argument asks for (without "io,stat,"): the interval in seconds (0: the
     * whole capture as one), then the columns. Throws IllegalArgumentException with one sentence (to follow
     * "io,stat: ").
     */
    public static IoStatistics parse(String argument) {
        String[] parts = argument.split(",", -1);
        if (parts[parts.length - 1].isEmpty() && parts.length > 1) {
            throw new IllegalArgumentException("it ends with a comma: a column is missing after it");
        }
        long micros;
        try {
            java.math.BigDecimal seconds = new java.math.BigDecimal(parts[0].strip());
            if (seconds.signum() < 0) {
                throw new IllegalArgumentException("the interval cannot be negative: " + parts[0]);
            }
            java.math.BigDecimal exact = seconds.movePointRight(6);
            if (exact.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("the interval counts microseconds: " + parts[0]
                        + " has more than six decimals");
            }
            if (exact.compareTo(java.math.BigDecimal.valueOf(MAX_INTERVAL_MICROS)) > 0) {
                throw new IllegalArgumentException("the interval is longer than a billion seconds: " + parts[0]);
            }
            micros = exact.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("it takes an interval in seconds first (1, 0.5, 0 for the"
                    + " whole capture), not '" + parts[0] + "'");
        }
        List<Column> columns = new ArrayList<>();
        if (parts.length == 1) {
            columns.add(new Column(null, Calc.FRAMES_AND_BYTES, new Field[0], null));
        }
        for (int i = 1; i < parts.length; i++) {
            columns.add(column(parts[i]));
        }
        return new IoStatistics(micros, precisionOf(micros), columns);
    }

    /** Decimals the interval needs (1 s: 0, 0.5 s: 1, 0.001 s: 3), as tshark shows its rows. */
    private static int precisionOf(long micros) {
        int p = 6;
        for (long unit = 10; unit <= 1_000_000 && micros > 0 && micros % unit == 0; unit *= 10) {
            p--;
        }
        return micros == 0 ? 0 : p;
    }

    private static Column column(String text) {
        String spec = text.strip();
        for (Calc calc : new Calc[] {Calc.FRAMES, Calc.BYTES, Calc.COUNT, Calc.SUM, Calc.MIN, Calc.MAX, Calc.AVG}) {
            String name = calc.name();
            if (!spec.startsWith(name)) {
                continue;
            }
            String rest = spec.substring(name.length());
            if ((calc == Calc.FRAMES || calc == Calc.BYTES) && (rest.isEmpty() || rest.startsWith("()"))) {
                // as tshark: FRAMES and BYTES count every frame (a filter after "()" chooses them)
                String filter = rest.isEmpty() ? "" : rest.substring(2);
                return new Column(text, calc, new Field[0], compile(filter, text));
            }
            if (!rest.startsWith("(")) {
                continue; // a filter that merely starts with these letters
            }
            int close = rest.indexOf(')');
            if (close < 0) {
                throw new IllegalArgumentException("column '" + text + "': the closing parenthesis is missing");
            }
            String fieldName = rest.substring(1, close).strip();
            if (fieldName.isEmpty()) {
                throw new IllegalArgumentException("column '" + text + "': " + name + " needs a field name"
                        + " within the parentheses");
            }
            Field[] fields = DisplayFilter.resolve(fieldName);
            if (fields.length == 0) {
                throw new IllegalArgumentException("column '" + text + "': \"" + fieldName
                        + "\" is not a field name (see 'hascope fields')");
            }
            if (calc.overValues()) {
                for (Field f : fields) {
                    if (f.type() != FieldType.UINT && f.type() != FieldType.TIME_REL) {
                        throw new IllegalArgumentException("column '" + text + "': " + fieldName
                                + " is not a number or a time span, so only COUNT can be taken of it");
                    }
                }
            }
            return new Column(text, calc, fields, compile(rest.substring(close + 1), text));
        }
        return new Column(text, Calc.FRAMES_AND_BYTES, new Field[0], compile(spec, text));
    }

    private static DisplayFilter compile(String filter, String column) {
        if (filter.isBlank()) {
            return null;
        }
        try {
            return DisplayFilter.compile(filter);
        } catch (FilterException e) {
            throw new IllegalArgumentException("column '" + column + "': invalid display filter: "
                    + e.reason() + " (column " + e.column() + ")");
        }
    }

    /** Every field the columns read, so that a dissection limited to them still gives what they need. */
    public Set<Field> fields() {
        Set<Field> out = new LinkedHashSet<>();
        for (Column c : columns) {
            out.addAll(Arrays.asList(c.fields()));
            if (c.filter() != null) {
                out.addAll(c.filter().fields());
            }
        }
        return out;
    }

    /** Takes one frame, its tree dissected (with the analysis fields, when a column reads them). */
    public void frame(Frame frame, FieldTree tree) {
        if (!started) {
            started = true;
            firstNanos = frame.timeNanos();
        }
        // microseconds since the first frame, rounded as tshark rounds them; a frame from before the first counts
        // in the first interval
        long micros = Math.max(0, Math.floorDiv(frame.timeNanos() - firstNanos + 500, 1000));
        lastMicros = Math.max(lastMicros, micros);
        long wanted = intervalMicros == 0 ? 0 : micros / intervalMicros;
        if (wanted >= MAX_ROWS) {
            return; // the table cannot be drawn (tooManyIntervals says so); nothing more is kept for it
        }
        int row = (int) wanted;
        ensureRows(row + 1);
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            if (column.filter() == null || column.filter().matches(tree)) {
                take(c, column, row, frame, tree);
            }
        }
    }

    private void take(int c, Column column, int row, Frame frame, FieldTree tree) {
        frames[c][row]++;
        switch (column.calc()) {
            case FRAMES_AND_BYTES, FRAMES, BYTES -> counters[c][row] += frame.originalLength();
            default -> {
                for (Field f : column.fields()) {
                    for (int i = tree.first(f); i >= 0; i = tree.next(i)) {
                        long v = tree.value(i);
                        long seen = values[c][row]++;
                        counters[c][row] = switch (column.calc()) {
                            case COUNT -> counters[c][row] + 1;
                            case MIN -> seen == 0 ? v : Math.min(counters[c][row], v);
                            case MAX -> seen == 0 ? v : Math.max(counters[c][row], v);
                            default -> counters[c][row] + v; // SUM, AVG
                        };
                    }
                }
            }
        }
    }

    private void ensureRows(int needed) {
        rows = Math.max(rows, needed);
        if (needed <= frames[0].length) {
            return;
        }
        int size = Math.max(needed, frames[0].length * 2);
        for (int c = 0; c < columns.size(); c++) {
            frames[c] = Arrays.copyOf(frames[c], size);
            counters[c] = Arrays.copyOf(counters[c], size);
            values[c] = Arrays.copyOf(values[c], size);
        }
    }

    /**
     * Merges every interval from row on into row, so that the table's last row holds what fell after it (a frame
     * exactly at the capture's end, an interval the rounded duration leaves out).
     */
    public void foldFrom(int row) {
        for (int r = row + 1; r < rows; r++) {
            for (int c = 0; c < columns.size(); c++) {
                Calc calc = columns.get(c).calc();
                if ((calc == Calc.MIN || calc == Calc.MAX) && values[c][r] > 0) {
                    counters[c][row] = values[c][row] == 0 ? counters[c][r] : calc == Calc.MIN
                            ? Math.min(counters[c][row], counters[c][r]) : Math.max(counters[c][row], counters[c][r]);
                } else if (calc != Calc.MIN && calc != Calc.MAX) {
                    counters[c][row] += counters[c][r];
                }
                frames[c][row] += frames[c][r];
                values[c][row] += values[c][r];
            }
        }
        if (row < rows) {
            rows = row + 1;
        }
    }

    public List<Column> columns() {
        return columns;
    }

    /** The interval as asked, in microseconds: 0 for the whole capture as one. */
    public long intervalMicros() {
        return intervalMicros;
    }

    /** The decimals the interval was given with (0.5: 1). */
    public int precision() {
        return precision;
    }

    /**
     * The intervals a table of the capture needs when that is more than {@link #MAX_ROWS}, else 0: then it cannot be
     * drawn, and a longer interval can.
     */
    public long tooManyIntervals() {
        if (intervalMicros == 0) {
            return 0;
        }
        long needed = lastMicros / intervalMicros + 1;
        return needed > MAX_ROWS ? needed : 0;
    }

    /** From the first frame to the latest, in microseconds (0 before two frames). */
    public long durationMicros() {
        return lastMicros;
    }

    /** Intervals that frames fell in (the last one taken is the last row, however short). */
    public int rows() {
        return rows;
    }

    /** What column c shows for interval row: frames, bytes, a count, sum, minimum, maximum or average. */
    public long frames(int c, int row) {
        return row < rows ? frames[c][row] : 0;
    }

    /** The bytes, count, sum, minimum or maximum of column c in interval row (0 where nothing was taken). */
    public long counter(int c, int row) {
        return row < rows ? counters[c][row] : 0;
    }

    /** The value column c shows for interval row: its counter, or for AVG the mean of the values taken. */
    public long value(int c, int row) {
        if (row >= rows) {
            return 0;
        }
        if (columns.get(c).calc() == Calc.AVG) {
            return values[c][row] == 0 ? 0 : counters[c][row] / values[c][row];
        }
        return counters[c][row];
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "io,stat every %d µs, %d columns, %d rows", intervalMicros,
                columns.size(), rows);
    }
}
