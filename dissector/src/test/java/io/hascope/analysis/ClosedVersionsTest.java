package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The versions owners closed connections at, kept as a cache sized by the live connections. */
class ClosedVersionsTest {

    @Test
    void aVersionUpToTheCloseIsFromBeforeItAndALaterOneIsNews() {
        ClosedVersions closes = new ClosedVersions(64);
        long connection = 0x1234_5678_9abc_def0L;
        closes.closed(connection, 6);
        assertTrue(closes.closedSince(connection, 4));
        assertTrue(closes.closedSince(connection, 6), "the closing message itself, sent again");
        assertFalse(closes.closedSince(connection, 7));
        assertFalse(closes.closedSince(connection, 0), "a message without a version says nothing");
        assertFalse(closes.closedSince(connection ^ 1L << 40, 4), "another connection in the same slot");
        assertFalse(closes.closedSince(connection + 1, 4), "another connection in another slot");
    }

    @Test
    void aCloseWithoutAVersionIsNotKeptAndALaterCloseOfTheSameConnectionReplacesTheFirst() {
        ClosedVersions closes = new ClosedVersions(64);
        long connection = 42;
        closes.closed(connection, 0);
        assertFalse(closes.closedSince(connection, 1));
        closes.closed(connection, 9);
        closes.closed(connection, 3); // opened again from version 1, and closed at 3
        assertTrue(closes.closedSince(connection, 3));
        assertFalse(closes.closedSince(connection, 5));
    }

    @Test
    void growingKeepsEveryCloseItHeld() {
        ClosedVersions closes = new ClosedVersions(256);
        SplittableRandom random = new SplittableRandom(7);
        long[] connections = new long[200];
        int kept = 0;
        for (int i = 0; i < connections.length; i++) {
            connections[i] = random.nextLong();
            closes.closed(connections[i], 10 + i);
        }
        boolean[] before = new boolean[connections.length];
        for (int i = 0; i < connections.length; i++) {
            before[i] = closes.closedSince(connections[i], 10 + i);
            kept += before[i] ? 1 : 0;
        }
        assertTrue(kept > 100, "most of 200 closes in 256 slots: " + kept);
        closes.grow(4096);
        assertEquals(4096, closes.capacity());
        for (int i = 0; i < connections.length; i++) {
            assertEquals(before[i], closes.closedSince(connections[i], 10 + i), "close " + i);
        }
        closes.grow(1024);
        assertEquals(4096, closes.capacity(), "never smaller");
    }
}
