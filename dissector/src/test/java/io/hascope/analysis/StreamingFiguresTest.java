package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The figures the analysis keeps in fixed memory agree with computing them from everything kept. */
class StreamingFiguresTest {
    @Test
    void histogramPercentilesAreWithinABucketOfTheSortedArraysAndMinMaxAreExact() {
        SplittableRandom random = new SplittableRandom(3);
        DurationHistogram h = new DurationHistogram();
        long[] all = new long[100_000];
        for (int i = 0; i < all.length; i++) {
            all[i] = (long) Math.exp(random.nextDouble(0, 25)); // 1 ns to 70 s, spread over the powers of two
            h.record(all[i]);
        }
        Arrays.sort(all);
        assertEquals(all[0], h.min());
        assertEquals(all[all.length - 1], h.max());
        for (double p : new double[] {0.01, 0.5, 0.9, 0.99, 0.999, 1.0}) {
            long exact = all[(int) Math.ceil(p * all.length) - 1];
            long approx = h.percentile(p);
            assertTrue(approx <= exact && exact - approx <= Math.max(1, exact / 256), p + ": " + approx + " vs " + exact);
        }
    }

    @Test
    void valuesTakenBackLeaveTheHistogramOfTheRestWithinABucket() {
        SplittableRandom random = new SplittableRandom(5);
        DurationHistogram h = new DurationHistogram();
        long[] all = new long[20_000];
        for (int i = 0; i < all.length; i++) {
            all[i] = (long) Math.exp(random.nextDouble(0, 25));
            h.record(all[i]);
        }
        Arrays.sort(all);
        // the smallest and the largest go, and every third value
        java.util.List<Long> kept = new java.util.ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || i == all.length - 1 || i % 3 == 0) {
                h.remove(all[i]);
            } else {
                kept.add(all[i]);
            }
        }
        long min = kept.get(0);
        long max = kept.get(kept.size() - 1);
        assertTrue(h.min() <= min && min - h.min() <= Math.max(1, min / 256), h.min() + " vs " + min);
        assertTrue(h.max() >= max && h.max() - max <= Math.max(1, max / 256), h.max() + " vs " + max);
        for (double p : new double[] {0.01, 0.5, 0.99, 1.0}) {
            long exact = kept.get((int) Math.ceil(p * kept.size()) - 1);
            long approx = h.percentile(p);
            assertTrue(Math.abs(exact - approx) <= Math.max(1, exact / 256), p + ": " + approx + " vs " + exact);
        }
        for (long v : kept) {
            h.remove(v);
        }
        assertEquals(0, h.count());
        assertEquals(0, h.min(), "empty again: zeros, as never recorded");
        assertEquals(0, h.max());
    }

    @Test
    void theLargestValuesTakenBackOneAfterAnotherLeaveTheMaximumWithinABucketOfWhatRemains() {
        // seed 9285's run of the sweeps: five releases taken back, the largest first; the maximum, once a bucket's
        // bound, had stayed at the second largest's bucket
        DurationHistogram h = new DurationHistogram();
        long[] recorded = {505_986, 34_015_962, 49_296_169, 55_173_490, 72_289_395, 81_920_954, 84_986_090};
        for (long v : recorded) {
            h.record(v);
        }
        for (long v : new long[] {84_986_090, 81_920_954, 72_289_395, 55_173_490, 34_015_962, 505_986}) {
            h.remove(v);
        }
        assertTrue(h.max() >= 49_296_169 && h.max() - 49_296_169 <= 49_296_169 / 256, "max " + h.max());
        assertTrue(h.min() <= 49_296_169 && 49_296_169 - h.min() <= 49_296_169 / 256, "min " + h.min());

        DurationHistogram low = new DurationHistogram();
        for (long v : recorded) {
            low.record(v);
        }
        for (long v : new long[] {505_986, 34_015_962, 49_296_169}) {
            low.remove(v); // the smallest first
        }
        assertTrue(low.min() <= 55_173_490 && 55_173_490 - low.min() <= 55_173_490 / 256, "min " + low.min());
        assertEquals(84_986_090, low.max(), "the maximum untouched, exact");
    }

    @Test
    void aValueTakenBackThatWasNeverRecordedIsABug() {
        DurationHistogram h = new DurationHistogram();
        h.record(1_000);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> h.remove(5_000_000));
    }

    @Test
    void anEmptyHistogramReportsZeros() {
        DurationHistogram h = new DurationHistogram();
        assertEquals(0, h.percentile(0.5));
        assertEquals(0, h.min());
        assertEquals(0, h.max());
    }

    @Test
    void thePeakSweptAsTheCaptureGoesEqualsThePeakOfAllIntervalsAtOnce() {
        SplittableRandom random = new SplittableRandom(9);
        InFlightPeak streaming = new InFlightPeak();
        long window = 1_000;
        int n = 20_000;
        long[][] intervals = new long[n][];
        long now = 0;
        java.util.PriorityQueue<long[]> toEnd = new java.util.PriorityQueue<>((a, b) -> Long.compare(a[2], b[2]));
        for (int i = 0; i < n; i++) {
            now += random.nextInt(0, 20);
            while (!toEnd.isEmpty() && toEnd.peek()[2] <= now) {
                long[] done = toEnd.poll();
                streaming.end(done[1], (int) done[3]); // ends become known up to a window after they happen
            }
            int holds = random.nextInt(1, 4);
            long end = now + random.nextInt(1, 300);
            streaming.start(now, holds);
            intervals[i] = new long[] {now, end, end + random.nextInt(0, (int) window), holds};
            toEnd.add(intervals[i]);
            streaming.settle(now - window);
        }
        while (!toEnd.isEmpty()) {
            long[] done = toEnd.poll();
            streaming.end(done[1], (int) done[3]);
        }
        long[][] events = new long[2 * n][];
        for (int i = 0; i < n; i++) {
            events[2 * i] = new long[] {intervals[i][0], intervals[i][3]};
            events[2 * i + 1] = new long[] {intervals[i][1], -intervals[i][3]};
        }
        Arrays.sort(events, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        long live = 0;
        long peak = 0;
        for (long[] e : events) {
            live += e[1];
            peak = Math.max(peak, live);
        }
        assertEquals(peak, streaming.peak());
    }

    @Test
    void aHoldReopenedCountsInFlightUntilItsNewEndAndFromTheSweepsEdgeIfItsReleaseWasSwept() {
        InFlightPeak peak = new InFlightPeak();
        peak.start(0, 1);
        peak.end(5, 1); // released on trust at 5
        peak.start(50, 1);
        peak.end(150, 1);
        peak.reopen(5, 100, 1); // never taken: in flight until 100, so both at once from 50
        assertEquals(2, peak.peak());

        InFlightPeak swept = new InFlightPeak();
        swept.start(0, 1);
        swept.end(5, 1);
        swept.start(50, 1);
        swept.settle(60); // the release at 5 and the start at 50 are final
        swept.reopen(5, 100, 1); // counted from 60 on: still two at once, never dropped
        swept.end(150, 1);
        assertEquals(2, swept.peak());

        InFlightPeak late = new InFlightPeak();
        late.start(0, 3);
        late.end(5, 3);
        late.settle(500);
        late.reopen(5, 100, 3); // released and expired both before the sweep's edge: nothing to count
        late.start(600, 1);
        assertEquals(3, late.peak(), "no hold counted twice at the edge");
    }

    @Test
    void distinctCountsAreExactUpToTheLimitAndWithinTwoPercentBeyondIt() {
        SplittableRandom random = new SplittableRandom(4);
        DistinctCounter small = new DistinctCounter();
        for (int i = 0; i < 50_000; i++) {
            long f = random.nextLong();
            small.add(f);
            small.add(f); // seen twice, counted once
        }
        small.add(0);
        assertTrue(small.exact());
        assertEquals(50_001, small.size());
        DistinctCounter large = new DistinctCounter();
        int n = 2_000_000;
        for (int i = 0; i < n; i++) {
            long f = random.nextLong();
            large.add(f);
            if (i % 3 == 0) {
                large.add(f);
            }
        }
        assertFalse(large.exact());
        assertEquals(n, large.size(), n * 0.02);
    }
}
