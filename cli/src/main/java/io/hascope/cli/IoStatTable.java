package io.hascope.cli;

import io.hascope.stats.IoStatistics;
import io.hascope.stats.IoStatistics.Calc;
import io.hascope.stats.IoStatistics.Column;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * {@code -z io,stat}'s table as tshark 4.0 draws it, so that what reads tshark's reads hascope's: the same box, the
 * column list, the interval column and the widths the values need. Where tshark's drawing breaks (a column label left
 * out when the column is ten characters wider than it, the table empty for a capture of one instant) it is drawn
 * whole here.
 */
final class IoStatTable {
    private static final long MICROS = 1_000_000L;
    private final IoStatistics stats;
    private final StringBuilder out = new StringBuilder();

    private IoStatTable(IoStatistics stats) {
        this.stats = stats;
    }

    /** Draws the table; one that needs more than MAX_ROWS intervals is refused with the sentence that says so. */
    static void write(Writer writer, IoStatistics stats) throws IOException {
        long needed = stats.tooManyIntervals();
        if (needed > 0) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the capture spans %.6f s, %,d"
                    + " intervals of %s s, more than the %,d a table holds: give a longer interval (0 for the whole"
                    + " capture as one)", stats.durationMicros() / 1e6, needed,
                    java.math.BigDecimal.valueOf(stats.intervalMicros(), 6).stripTrailingZeros().toPlainString(),
                    IoStatistics.MAX_ROWS));
        }
        IoStatTable table = new IoStatTable(stats);
        table.draw();
        writer.write(table.out.toString());
    }

    /** Decimal digits of v (0 has one), at most max. */
    private static int magnitude(long v, int max) {
        int m = 0;
        do {
            m++;
            v /= 10;
        } while (v != 0 && m < max);
        return m;
    }

    private void draw() {
        long duration = stats.durationMicros();
        long asked = stats.intervalMicros();
        boolean whole = asked == 0 || asked > duration;
        long interval = whole ? duration : asked;
        int durMag = magnitude(duration / MICROS, 5);
        int precision;
        int border;
        if (whole) {
            precision = durMag >= 2 ? 1 : durMag == 1 ? 3 : 6;
            border = 30 + durMag + precision + 1;
        } else {
            precision = stats.precision();
            border = 25 + Math.max(magnitude(interval / MICROS, 5), durMag) + (precision == 0 ? 0 : precision + 1);
        }
        long unit = pow10(6 - precision); // the rows' resolution in microseconds
        long shownDuration = duration;
        if (duration % unit > unit / 2) {
            shownDuration = (duration + unit / 2) / unit * unit;
        }
        int rowMag = magnitude(shownDuration / MICROS, 5);
        if (whole) {
            interval = shownDuration;
        }
        int rows = interval == 0 ? 1 : (int) Math.max(1, (shownDuration + interval - 1) / interval);
        stats.foldFrom(rows - 1);

        int intervalWidth = Math.max(12, precision == 0 ? 2 * rowMag + 8 : 2 * rowMag + 2 * precision + 10);
        List<Column> columns = stats.columns();
        int[] frameWidth = new int[columns.size()];
        int[] valueWidth = new int[columns.size()];
        int rowWidth = intervalWidth;
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            long maxFrames = 0;
            long maxValue = 0;
            for (int r = 0; r < rows; r++) {
                maxFrames = Math.max(maxFrames, stats.frames(c, r));
                long v = stats.value(c, r);
                maxValue = Math.max(maxValue, column.timeValued() && column.calc() != Calc.COUNT
                        ? (v + 500_000_000L) / 1_000_000_000L : v);
            }
            Calc calc = column.calc();
            if (calc == Calc.FRAMES_AND_BYTES || calc == Calc.FRAMES) {
                frameWidth[c] = Math.max(6, magnitude(maxFrames, 15));
                rowWidth += frameWidth[c] + 3;
                if (calc == Calc.FRAMES) {
                    continue;
                }
                valueWidth[c] = Math.max(5, magnitude(maxValue, 15));
            } else if (calc == Calc.BYTES || calc == Calc.COUNT) {
                valueWidth[c] = Math.max(5, magnitude(maxValue, 15));
            } else if (column.timeValued()) {
                valueWidth[c] = magnitude(maxValue, 15) + 7;
            } else {
                valueWidth[c] = Math.max(calc.name().length(), magnitude(maxValue, 15));
            }
            rowWidth += valueWidth[c] + 3;
        }
        border = Math.max(border, rowWidth);
        int widestColumnText = 0;
        for (Column column : columns) {
            widestColumnText = Math.max(widestColumnText, column.text() == null ? 26 : column.text().length() + 11);
        }
        if (widestColumnText > border && border < 102) {
            border = Math.min(widestColumnText, 102);
        }
        if (border - rowWidth == 1) {
            border++; // no double right border
        }
        String filler = rowWidth < border ? " ".repeat(border - rowWidth - 1) + "|" : "";

        out.append('\n').append("=".repeat(border)).append('\n');
        boxed("| IO Statistics", border);
        boxed("|", border);
        int durationWidth = durMag + (precision == 0 ? 0 : precision + 1);
        boxed("| Duration: " + padLeft(seconds(duration, precision == 0 ? 6 : precision), durationWidth) + " secs",
                border);
        boxed("| Interval: " + padLeft(seconds(interval, precision), durationWidth) + " secs", border);
        boxed("|", border);
        columnList(columns, border);
        out.append("|-").append("-".repeat(border - 3)).append("|\n");

        out.append('|').append(" ".repeat(intervalWidth - 2)).append('|');
        for (int c = 0; c < columns.size(); c++) {
            Calc calc = columns.get(c).calc();
            int width = calc == Calc.FRAMES_AND_BYTES ? frameWidth[c] + valueWidth[c] + 3
                    : calc == Calc.FRAMES ? frameWidth[c] : valueWidth[c];
            out.append(padRight(String.valueOf(c + 1), 2)).append(" ".repeat(width)).append('|');
        }
        out.append(filler).append('\n');
        out.append("| Interval").append(" ".repeat(Math.max(0, intervalWidth - 11))).append('|');
        for (int c = 0; c < columns.size(); c++) {
            Calc calc = columns.get(c).calc();
            if (calc == Calc.FRAMES_AND_BYTES) {
                centred("Frames", frameWidth[c]);
                centred("Bytes", valueWidth[c]);
            } else {
                centred(calc.name(), calc == Calc.FRAMES ? frameWidth[c] : valueWidth[c]);
            }
        }
        out.append(filler).append('\n');
        out.append("|-").append("-".repeat(rowWidth - 3)).append('|').append(filler).append('\n');

        for (int r = 0; r < rows; r++) {
            long start = r * interval;
            boolean last = r == rows - 1;
            long end = last ? shownDuration : start + interval;
            if (precision == 0) {
                String from = padLeft(String.valueOf(start / MICROS), rowMag);
                if (last) {
                    out.append("| ").append(rowMag == 1 ? " " : "").append(from).append(" <> ")
                            .append(padRight("Dur", rowMag >= 3 ? rowMag + 1 : 3)).append('|');
                } else if (rowMag == 1) {
                    out.append("|  ").append(from).append(" <> ").append(end / MICROS).append("  |");
                } else {
                    out.append("| ").append(from).append(" <> ").append(padLeft(String.valueOf(end / MICROS), rowMag))
                            .append(" |");
                }
            } else {
                out.append("| ").append(rowTime(start, rowMag, precision, unit)).append(" <> ")
                        .append(rowTime(end, rowMag, precision, unit)).append(" |");
            }
            for (int c = 0; c < columns.size(); c++) {
                cell(columns.get(c), c, r, frameWidth[c], valueWidth[c]);
            }
            out.append(filler).append('\n');
        }
        out.append("=".repeat(border)).append('\n');
    }

    private void cell(Column column, int c, int row, int frameWidth, int valueWidth) {
        switch (column.calc()) {
            case FRAMES_AND_BYTES -> out.append(' ').append(padLeft(String.valueOf(stats.frames(c, row)), frameWidth))
                    .append(" | ").append(padLeft(String.valueOf(stats.value(c, row)), valueWidth)).append(" |");
            case FRAMES -> out.append(' ').append(padLeft(String.valueOf(stats.frames(c, row)), frameWidth))
                    .append(" |");
            default -> {
                long v = stats.value(c, row);
                String shown;
                if (column.timeValued() && column.calc() != Calc.COUNT) {
                    long micros = (v + 500) / 1000;
                    shown = padLeft(String.valueOf(micros / MICROS), valueWidth - 7)
                            + String.format(Locale.ROOT, ".%06d", micros % MICROS);
                } else {
                    shown = padLeft(String.valueOf(v), valueWidth);
                }
                out.append(' ').append(shown).append(" |");
            }
        }
    }

    /** The columns by number, each filter wrapped at a space to fit the box. */
    private void columnList(List<Column> columns, int border) {
        for (int c = 0; c < columns.size(); c++) {
            String prefix = (c == 0 ? "| Col" : "|    ") + String.format(Locale.ROOT, "%2d: ", c + 1);
            String text = columns.get(c).text() == null ? "Frames and bytes" : columns.get(c).text();
            int room = border - 11;
            while (text.length() > room && room > 0) {
                int space = text.lastIndexOf(' ', room);
                int cut = space > 0 ? space : room;
                boxed(prefix + text.substring(0, cut), border);
                text = text.substring(space > 0 ? cut + 1 : cut);
                prefix = "|        ";
            }
            boxed(prefix + text, border);
        }
    }

    /** A line of the box: what it says, then spaces to the right border. */
    private void boxed(String line, int border) {
        out.append(line).append(" ".repeat(Math.max(0, border - 1 - line.length()))).append("|\n");
    }

    /** A column's label centred in its width and the padding either side, the odd space on the left, as tshark. */
    private void centred(String label, int width) {
        int spare = width + 2 - label.length();
        if (spare < 0) {
            out.append(label).append('|');
            return;
        }
        int right = spare / 2;
        out.append(" ".repeat(spare - right)).append(label).append(" ".repeat(right)).append('|');
    }

    private static String rowTime(long micros, int mag, int precision, long unit) {
        return padLeft(String.valueOf(micros / MICROS), mag) + "."
                + padZeros(String.valueOf(micros % MICROS / unit), precision);
    }

    /** micros as seconds with this many decimals (0: whole seconds), rounded half up. */
    private static String seconds(long micros, int decimals) {
        return java.math.BigDecimal.valueOf(micros, 6).setScale(decimals, java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    private static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String padZeros(String s, int width) {
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
