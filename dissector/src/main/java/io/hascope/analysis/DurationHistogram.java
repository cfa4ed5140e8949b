package io.hascope.analysis;

/**
 * Percentiles of durations in fixed memory: log-linear buckets (256 per power of two, so any value is within 0.4 %
 * of the one reported), exact minimum and maximum. The reply times of a whole capture fit in 128 KiB.
 * <p>
 * A value can be taken back (a release one tap took on trust and later found never taken): a minimum or maximum whose
 * bucket it empties becomes the bound of the nearest bucket still counted, within a bucket as the percentiles are.
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
        // an extreme moves only when its bucket empties; it is then the next bucket's bound, which a later removal
        // must recognise by bucket too, as it is no value ever recorded
        int minBucket = index(min);
        if (counts[minBucket] == 0) {
            int first = minBucket;
            while (counts[first] == 0) {
                first++;
            }
            min = lowest(first);
        }
        int maxBucket = index(max);
        if (counts[maxBucket] == 0) {
            int last = maxBucket;
            while (counts[last] == 0) {
                last--;
            }
            max = last + 1 < counts.length ? lowest(last + 1) - 1 : Long.MAX_VALUE;
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
