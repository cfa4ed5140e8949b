package io.hascope.analysis;

/**
 * The version at which an owner last closed each connection, kept past the owner's entry and the store's record:
 * a message of the owner's with a version no higher says what it held before it closed, not a new state. Over rUDP a
 * resend the sender built before its reply came can wait behind a window a cut link has filled, and leave seconds
 * after the close (after the matching window, so it is no longer known as the same request); its PACKET_UPDATE or
 * UPDATE would otherwise open the owner's entry again, and hide the zombie its copy makes at the peer.
 * <p>
 * Direct-mapped and lossy, like a cache: a close overwrites whatever its slot held, so one slot write per close and
 * one read per question, and a close forgotten is only taken as before (the entry opens again). A slot holds the
 * fingerprint's high 32 bits beside the version; its low bits chose the slot. Sized by the store's index (a quarter of
 * its slots), so the memory follows the live connections, not the capture's length.
 */
final class ClosedVersions {
    private long[] slots;

    ClosedVersions(int capacity) {
        slots = new long[Integer.highestOneBit(Math.max(1, capacity))];
    }

    /** The owner closed the connection with this fingerprint at this version (0: none carried, nothing kept). */
    void closed(long fingerprint, long version) {
        if (version > 0) {
            slots[slotOf(fingerprint, slots.length)] = (fingerprint & ~0xffffffffL) | (version & 0xffffffffL);
        }
    }

    /** Whether a message at this version (0: none) is one the owner sent before it last closed the connection. */
    boolean closedSince(long fingerprint, long version) {
        long slot = slots[slotOf(fingerprint, slots.length)];
        return version > 0 && slot != 0 && (slot & ~0xffffffffL) == (fingerprint & ~0xffffffffL)
                && version <= (slot & 0xffffffffL);
    }

    /** More slots, the closes remembered so far kept (where two now share a slot, one of them). */
    void grow(int capacity) {
        int length = Integer.highestOneBit(Math.max(1, capacity));
        if (length <= slots.length) {
            return;
        }
        long[] old = slots;
        slots = new long[length];
        for (int i = 0; i < old.length; i++) {
            if (old[i] != 0) {
                // the low bits of the fingerprint are not kept: the old slot number gives those the old mask took,
                // and each higher bit the new mask takes could be either, so the close goes to every slot it may be
                // asked at
                for (int j = i; j < length; j += old.length) {
                    slots[j] = old[i];
                }
            }
        }
    }

    int capacity() {
        return slots.length;
    }

    private static int slotOf(long fingerprint, int length) {
        return (int) fingerprint & (length - 1);
    }
}
