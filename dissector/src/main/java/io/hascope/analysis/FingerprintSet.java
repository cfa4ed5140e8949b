package io.hascope.analysis;

/**
 * Distinct connections counted exactly enough in 16 bytes each: an open-addressing set of 64-bit fingerprints.
 * analysis.md §7 asks for distinct counts over the whole capture, which no structure sized by live state can give;
 * two different connections share a fingerprint with odds of about n²/2⁶⁵ (one in 10⁵ at ten million connections).
 */
final class FingerprintSet {
    private long[] slots = new long[64];
    private int size;
    private boolean hasZero; // 0 marks an empty slot, so the fingerprint 0 is kept aside

    /** Adds the fingerprint; true when it was not there. */
    boolean add(long fingerprint) {
        if (fingerprint == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if (size * 2 >= slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = (int) (fingerprint ^ (fingerprint >>> 32)) & mask;
        while (slots[i] != 0) {
            if (slots[i] == fingerprint) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = fingerprint;
        size++;
        return true;
    }

    long size() {
        return size + (hasZero ? 1 : 0);
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
