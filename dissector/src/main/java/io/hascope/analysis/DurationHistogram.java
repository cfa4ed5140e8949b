package io.hascope.analysis;

/**
 * Percentiles of durations in fixed memory: log-linear buckets (256 per power of two, so any value is within 0.4 %
 * of the one reported), exact minimum and maximum. The reply times of a whole capture fit in 128 KiB.
 * <p>
 * A value can be taken back (a release one tap took on trust and later found never taken): the minimum or maximum it
 * was becomes the bound of the nearest bucket still counted, within a bucket as the percentiles are.
 */
final class DurationHistogram {
    private static final int SUB_BITS = 8;
    private static final int SUB = 1 << SUB_BITS;
    private final long[] counts = new long[64 * SUB];
    private long total;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v)]++;
        total++;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    /** Takes back one value recorded before. */
    void remove(long nanos) {
        long v = Math.max(0, nanos);
        int i = index(v);
        if (counts[i] == 0) {
            throw new IllegalStateException(v + " ns was never recorded");
        }
        counts[i]--;
        total--;
        if (total == 0) {
            min = Long.MAX_VALUE;
            max = Long.MIN_VALUE;
            return;
        }
        if (v == min) {
            int first = i;
            while (counts[first] == 0) {
                first++;
            }
            min = Math.max(v, lowest(first));
        }
        if (v == max) {
            int last = i;
            while (counts[last] == 0) {
                last--;
            }
            max = Math.min(v, last + 1 < counts.length ? lowest(last + 1) - 1 : Long.MAX_VALUE);
        }
    }

    /** Values below 256 are their own bucket; above, the top nine bits of the value pick it. */
    private static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS; // >= 0; v >>> shift is in [256, 512)
        return SUB * (shift + 1) + (int) (v >>> shift) - SUB;
    }

    private static long lowest(int index) {
        if (index < SUB) {
            return index;
        }
        int shift = index / SUB - 1;
        return (long) (index % SUB + SUB) << shift;
    }

    long count() {
        return total;
    }

    long min() {
        return total == 0 ? 0 : min;
    }

    long max() {
        return total == 0 ? 0 : max;
    }

    /** The value at rank ceil(p * n), as the sorted-array percentile would give it, to within a bucket. */
    long percentile(double p) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.min(total, Math.max(1, Math.ceil(p * total)));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                long value = lowest(i);
                return Math.max(min, Math.min(max, value));
            }
        }
        return max;
    }
}
