package io.hascope.analysis;

/**
 * How many distinct connections, in bounded memory. analysis.md §7 asks for distinct counts over the whole capture,
 * which nothing sized by live state can give exactly; so the count is exact (a set of 64-bit fingerprints) up to
 * {@value #EXACT_LIMIT} connections, and past that a HyperLogLog estimate (2¹⁴ registers, standard error 0.8 %).
 * At most about 1 MiB per counter, whatever the capture.
 */
final class DistinctCounter {
    static final int EXACT_LIMIT = 1 << 16;
    private static final int REGISTER_BITS = 14;

    private long[] slots = new long[64];
    private int size;
    private boolean hasZero; // 0 marks an empty slot, so the fingerprint 0 is kept aside
    private byte[] registers; // non-null once past the exact limit

    void add(long fingerprint) {
        if (registers != null) {
            estimate(fingerprint);
            return;
        }
        if (fingerprint == 0) {
            hasZero = true;
            return;
        }
        if (size * 2 >= slots.length) {
            if (size >= EXACT_LIMIT) {
                switchToEstimate();
                estimate(fingerprint);
                return;
            }
            grow();
        }
        int mask = slots.length - 1;
        int i = (int) (fingerprint ^ (fingerprint >>> 32)) & mask;
        while (slots[i] != 0) {
            if (slots[i] == fingerprint) {
                return;
            }
            i = (i + 1) & mask;
        }
        slots[i] = fingerprint;
        size++;
    }

    /** Exact below the limit; the HyperLogLog estimate above it. */
    long size() {
        if (registers == null) {
            return size + (hasZero ? 1 : 0);
        }
        int m = registers.length;
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += 1.0 / (1L << r);
            if (r == 0) {
                zeros++;
            }
        }
        double estimate = 0.7213 / (1 + 1.079 / m) * m * (double) m / sum;
        if (estimate <= 2.5 * m && zeros > 0) {
            estimate = m * Math.log((double) m / zeros); // linear counting for the small range
        }
        return Math.round(estimate);
    }

    boolean exact() {
        return registers == null;
    }

    private void estimate(long fingerprint) {
        int index = (int) (fingerprint >>> (64 - REGISTER_BITS));
        int rank = Long.numberOfLeadingZeros((fingerprint << REGISTER_BITS) | (1L << (REGISTER_BITS - 1))) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    private void switchToEstimate() {
        registers = new byte[1 << REGISTER_BITS];
        for (long f : slots) {
            if (f != 0) {
                estimate(f);
            }
        }
        if (hasZero) {
            estimate(0);
        }
        slots = null;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long f : old) {
            if (f != 0) {
                add(f);
            }
        }
    }
}
