package io.hascope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.capture.Frame;
import io.hascope.field.AnalysisFields;
import io.hascope.field.FieldTree;
import io.hascope.field.FrameFields;
import io.hascope.stats.IoStatistics.Calc;
import java.nio.ByteBuffer;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** -z io,stat's arithmetic: which interval a frame falls in, and what each kind of column makes of it. */
class IoStatisticsTest {
    private final Frame frame = new Frame();
    private final FieldTree tree = new FieldTree();
    private final ByteBuffer bytes = ByteBuffer.allocate(2000);
    private long number;

    /** A frame of length bytes at seconds, its tree holding frame.len and each reply time given (in ns). */
    private void feed(IoStatistics stats, double seconds, int length, long... replyTimes) {
        frame.set(bytes, 0, Math.min(length, 2000), length, Math.round(seconds * 1e9), 1, ++number);
        tree.reset(bytes, 0);
        tree.generated(FrameFields.LEN, length);
        for (long t : replyTimes) {
            tree.generated(AnalysisFields.REPLY_TIME, t);
        }
        stats.frame(frame, tree);
    }

    @Test
    void eachFrameFallsInTheIntervalOfItsTimeSinceTheFirstAndTheEndIsFoldedIntoTheLastRow() {
        IoStatistics stats = IoStatistics.parse("1");
        feed(stats, 100.0, 60);
        feed(stats, 100.4, 70);
        feed(stats, 101.0, 80);   // exactly one second on: the second interval
        feed(stats, 102.5, 90);
        feed(stats, 103.0, 100);  // the capture's last instant: an interval of its own until folded
        assertEquals(4, stats.rows());
        assertEquals(3_000_000, stats.durationMicros());
        assertEquals(2, stats.frames(0, 0));
        assertEquals(130, stats.value(0, 0), "bytes");
        assertEquals(1, stats.frames(0, 3));
        stats.foldFrom(2); // the table shows 0-1, 1-2, 2-Dur
        assertEquals(3, stats.rows());
        assertEquals(2, stats.frames(0, 2));
        assertEquals(190, stats.value(0, 2));
        assertEquals(0, stats.frames(0, 3), "nothing past the last row");
    }

    @Test
    void aFrameFromBeforeTheFirstCountsInTheFirstIntervalAndAFrameGoingBackIsKeptInItsOwn() {
        IoStatistics stats = IoStatistics.parse("1");
        feed(stats, 10.0, 60);
        feed(stats, 12.2, 60);
        feed(stats, 9.5, 60);  // earlier than the first frame
        feed(stats, 11.1, 60); // back in time, past an interval already begun (tshark drops it)
        assertEquals(2, stats.frames(0, 0));
        assertEquals(1, stats.frames(0, 1));
        assertEquals(1, stats.frames(0, 2));
    }

    @Test
    void aFilterColumnCountsTheFramesItMatchesAndTheFunctionsTakeEveryOccurrenceOfTheirField() {
        IoStatistics stats = IoStatistics.parse("0,frame.len > 65,COUNT(hasync.analysis.reply_time),"
                + "SUM(hasync.analysis.reply_time)frame.len > 65,MIN(hasync.analysis.reply_time),"
                + "MAX(hasync.analysis.reply_time),AVG(hasync.analysis.reply_time),FRAMES,BYTES()frame.len < 65,"
                + "MAX(frame.len)");
        feed(stats, 0.0, 60, 5_000, 7_000);
        feed(stats, 0.2, 70);
        feed(stats, 0.3, 80, 30_000);
        assertEquals(Calc.FRAMES_AND_BYTES, stats.columns().get(0).calc());
        assertEquals(2, stats.frames(0, 0), "frames longer than 65 bytes");
        assertEquals(150, stats.value(0, 0));
        assertEquals(3, stats.value(1, 0), "reply times in all");
        assertEquals(30_000, stats.value(2, 0), "summed over the frames the filter matches only");
        assertEquals(5_000, stats.value(3, 0));
        assertEquals(30_000, stats.value(4, 0));
        assertEquals(14_000, stats.value(5, 0), "the mean of the occurrences, not of the frames");
        assertEquals(3, stats.frames(6, 0));
        assertEquals(60, stats.value(7, 0), "BYTES of the frames its filter matches");
        assertEquals(80, stats.value(8, 0));
        assertTrue(stats.columns().get(4).timeValued());
        assertEquals(Set.of(FrameFields.LEN, AnalysisFields.REPLY_TIME), stats.fields());
    }

    @Test
    void minimumAndMaximumFoldIntoTheLastRowOnlyWhereValuesWereTaken() {
        IoStatistics stats = IoStatistics.parse("1,MIN(hasync.analysis.reply_time),MAX(hasync.analysis.reply_time)");
        feed(stats, 0.0, 60, 9_000);
        feed(stats, 1.5, 60);          // no value in the second interval
        feed(stats, 2.0, 60, 4_000);   // at the end: folded into the second
        stats.foldFrom(1);
        assertEquals(4_000, stats.value(0, 1));
        assertEquals(4_000, stats.value(1, 1));
        assertEquals(9_000, stats.value(0, 0));
    }

    @Test
    void framesYearsApartAskForMoreIntervalsThanATableHoldsAndKeepNoneOfThem() {
        IoStatistics stats = IoStatistics.parse("0.1");
        feed(stats, 0.0, 60);
        feed(stats, 24_251_308.4, 60); // a corrupt timestamp, as in tcpdump's icmpv6.pcap
        assertEquals(242_513_085, stats.tooManyIntervals());
        assertEquals(1, stats.rows(), "nothing kept past the table's bound");
        IoStatistics whole = IoStatistics.parse("0");
        feed(whole, 0.0, 60);
        feed(whole, 24_251_308.4, 60);
        assertEquals(0, whole.tooManyIntervals(), "one row holds any span");
        assertEquals(2, whole.frames(0, 0));
    }

    @ParameterizedTest(name = "interval {0} s: {1} µs, {2} decimals")
    @CsvSource({"1, 1000000, 0", "0.5, 500000, 1", "0.25, 250000, 2", "0.001, 1000, 3", "0.000001, 1, 6",
            "10, 10000000, 0", "0, 0, 0", "2.50, 2500000, 1"})
    void theIntervalIsTakenInMicrosecondsWithTheDecimalsItNeeds(String interval, long micros, int decimals) {
        IoStatistics stats = IoStatistics.parse(interval);
        assertEquals(micros, stats.intervalMicros());
        assertEquals(decimals, stats.precision());
        assertEquals(1, stats.columns().size(), "no column given: frames and bytes");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "x|takes an interval in seconds first",
            "-1|cannot be negative",
            "0.0000001|more than six decimals",
            "1,|ends with a comma",
            "1,SUM(ip.src)|only COUNT",
            "1,COUNT()|needs a field name",
            "1,MAX(nosuch.field)|is not a field name",
            "1,AVG(frame.len|closing parenthesis is missing",
            "1,ip.src ==|invalid display filter"})
    void aColumnOrIntervalThatCannotBeComputedIsOneSentence(String argument, String says) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IoStatistics.parse(argument));
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }
}
