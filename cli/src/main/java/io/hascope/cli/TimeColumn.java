package io.hascope.cli;

import io.hascope.field.FieldFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The summary line's Time column as tshark's -t sets it: seconds since the first frame (r, the default), since the
 * previous frame read (d) or shown (dd), since 1970 (e), or the time of day, local (a, ad with the date) or UTC
 * (u, ud), to the nanosecond.
 */
enum TimeColumn {
    RELATIVE("r"), DELTA("d"), DELTA_DISPLAYED("dd"), EPOCH("e"), ABSOLUTE("a"), ABSOLUTE_WITH_DATE("ad"), UTC("u"),
    UTC_WITH_DATE("ud");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    final String letters;

    TimeColumn(String letters) {
        this.letters = letters;
    }

    static TimeColumn of(String letters) {
        for (TimeColumn c : values()) {
            if (c.letters.equals(letters)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The column for a frame at time t: the first frame's, the frame read before it and the frame shown before it
     * (Long.MIN_VALUE: none, its delta 0).
     */
    void append(StringBuilder sb, long t, long first, long previousRead, long previousShown) {
        switch (this) {
            case RELATIVE -> FieldFormat.seconds(sb, t - first);
            case DELTA -> FieldFormat.seconds(sb, previousRead == Long.MIN_VALUE ? 0 : t - previousRead);
            case DELTA_DISPLAYED -> FieldFormat.seconds(sb, previousShown == Long.MIN_VALUE ? 0 : t - previousShown);
            case EPOCH -> FieldFormat.seconds(sb, t);
            case ABSOLUTE -> ofDay(sb, t, ZoneId.systemDefault(), TIME);
            case ABSOLUTE_WITH_DATE -> ofDay(sb, t, ZoneId.systemDefault(), DATE_TIME);
            case UTC -> ofDay(sb, t, ZoneOffset.UTC, TIME);
            case UTC_WITH_DATE -> ofDay(sb, t, ZoneOffset.UTC, DATE_TIME);
        }
    }

    private static void ofDay(StringBuilder sb, long t, ZoneId zone, DateTimeFormatter format) {
        long seconds = Math.floorDiv(t, 1_000_000_000L);
        int nanos = (int) Math.floorMod(t, 1_000_000_000L);
        sb.append(format.withZone(zone).format(Instant.ofEpochSecond(seconds))).append('.');
        for (int scale = 100_000_000; scale > 0; scale /= 10) {
            sb.append((char) ('0' + (nanos / scale) % 10));
        }
    }
}
