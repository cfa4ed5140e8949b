package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustedCopiesTest {
    private static final long MS = 1_000_000L;

    @Test
    void aChangeTheReceiversAckPassedIsTakenAndForgotten() {
        TransportChannel channel = new TransportChannel();
        TrustedCopies trusted = channel.trusted();
        trusted.add(channel, 5, 0, 7, 11L, 100, 42);
        trusted.add(channel, 6, MS, 8, 12L, 101, 43);
        channel.acknowledge(6, 20 * MS); // DATA 5 taken, 6 not
        assertEquals(java.util.Set.of(8), keys(trusted.untaken(channel, rec -> rec == 7 ? 42 : 43)));
        trusted.add(channel, 7, 21 * MS, 9, 13L, 102, 44); // the next change drops what is acknowledged
        assertEquals(2, trusted.size());
    }

    @Test
    void theCopyBeforeTheEarliestUntakenChangeIsWhatTheReceiverHolds() {
        TransportChannel channel = new TransportChannel();
        TrustedCopies trusted = channel.trusted();
        trusted.add(channel, 1, 0, 3, 0xA, 500, 9);
        trusted.add(channel, 2, MS, 3, 0xB, 501, 9);
        channel.acknowledge(1, 50 * MS);
        assertArrayEquals(new long[] {0xA, 500}, trusted.untaken(channel, rec -> 9).get(3));
    }

    @Test
    void aReceiverThatHasNotSpokenSinceTheDataCouldArriveTellsNothing() {
        TransportChannel channel = new TransportChannel();
        TrustedCopies trusted = channel.trusted();
        trusted.add(channel, 1, 0, 3, 0xA, 500, 9);
        assertTrue(trusted.untaken(channel, rec -> 9).isEmpty(), "no header from the receiver at all");
        channel.acknowledge(1, 5 * MS);
        assertTrue(trusted.untaken(channel, rec -> 9).isEmpty(), "its header 5 ms after the DATA left");
        channel.acknowledge(1, 10 * MS);
        assertEquals(java.util.Set.of(3), keys(trusted.untaken(channel, rec -> 9)), "10 ms after");
    }

    @Test
    void aRecordThatNowHoldsAnotherConnectionIsLeftOut() {
        TransportChannel channel = new TransportChannel();
        TrustedCopies trusted = channel.trusted();
        trusted.add(channel, 1, 0, 3, 0xA, 500, 9);
        channel.acknowledge(1, 50 * MS);
        assertTrue(trusted.untaken(channel, rec -> 10).isEmpty());
    }

    @Test
    void aReceiverThatNeverAcknowledgesKeepsAtMostTheNewest65536Changes() {
        TransportChannel channel = new TransportChannel();
        TrustedCopies trusted = channel.trusted();
        for (int i = 0; i < 200_000; i++) {
            trusted.add(channel, i & 0xffffff, i, i, i, i, i);
        }
        assertEquals(1 << 16, trusted.size());
        channel.acknowledge(200_000 - 10, 300_000 * MS); // past all but the last ten
        assertEquals(10, trusted.untaken(channel, rec -> rec).size());
    }

    private static java.util.Set<Integer> keys(Map<Integer, long[]> m) {
        return m.keySet();
    }
}
