package io.hascope.gui;

import io.hascope.capture.FrameStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The packet list's Time column, as Wireshark's View › Time Display Format offers it. */
enum TimeFormat {
    SINCE_START("Seconds Since Beginning of Capture"),
    SINCE_PREVIOUS_CAPTURED("Seconds Since Previous Captured Packet"),
    SINCE_PREVIOUS_DISPLAYED("Seconds Since Previous Displayed Packet"),
    UTC("UTC Date and Time of Day"),
    EPOCH("Seconds Since 1970-01-01");

    private static final DateTimeFormatter DAY_AND_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    final String label;

    TimeFormat(String label) {
        this.label = label;
    }

    /** Frame n's time; previousDisplayed is the frame on the row above (0 on the first row). */
    String text(FrameStore frames, int n, int previousDisplayed) {
        long t = frames.timeNanos(n);
        return switch (this) {
            case SINCE_START -> seconds(t - frames.timeNanos(1));
            case SINCE_PREVIOUS_CAPTURED -> seconds(n > 1 ? t - frames.timeNanos(n - 1) : 0);
            case SINCE_PREVIOUS_DISPLAYED ->
                    seconds(previousDisplayed > 0 ? t - frames.timeNanos(previousDisplayed) : 0);
            case UTC -> DAY_AND_TIME.format(Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L)))
                    + String.format(Locale.ROOT, ".%06d", Math.floorMod(t, 1_000_000_000L) / 1000); // truncated, as the
                    // seconds are: a rounded 59.9999996 would not carry into the minute
            case EPOCH -> seconds(t);
        };
    }

    /** Seconds to the microsecond, rounded, in whole-number arithmetic (a double has too few digits for epochs). */
    private static String seconds(long nanos) {
        long micros = Math.floorDiv(nanos + 500, 1000);
        long whole = Math.abs(micros);
        return String.format(Locale.ROOT, "%s%d.%06d", micros < 0 ? "-" : "", whole / 1_000_000, whole % 1_000_000);
    }
}
