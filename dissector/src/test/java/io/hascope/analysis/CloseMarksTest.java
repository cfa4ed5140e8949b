package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What the last close of each connection left to know (the version an owner closed it at, the DATA number a
 * receiver's copy went with), kept as a cache sized by the live connections.
 */
class CloseMarksTest {

    @Test
    void aVersionUpToTheCloseIsFromBeforeItAndALaterOneIsNews() {
        CloseMarks closes = new CloseMarks(64);
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
        CloseMarks closes = new CloseMarks(64);
        long connection = 42;
        closes.closed(connection, 0);
        assertFalse(closes.closedSince(connection, 1));
        closes.closed(connection, 9);
        closes.closed(connection, 3); // opened again from version 1, and closed at 3
        assertTrue(closes.closedSince(connection, 3));
        assertFalse(closes.closedSince(connection, 5));
    }

    @Test
    void aRequestWhoseDataAllCameNoLaterThanTheRemovalsWasTakenBeforeIt() {
        CloseMarks removals = new CloseMarks(64);
        long connection = 0x0bad_cafe_1234_5678L;
        assertFalse(removals.removedAfter(connection, 3), "no removal known");
        removals.removedIn(connection, 467);
        assertTrue(removals.removedAfter(connection, 388));
        assertTrue(removals.removedAfter(connection, 467), "the removal's own DATA");
        assertFalse(removals.removedAfter(connection, 468), "a later DATA: taken after");
        removals.removedIn(connection, 0);
        assertTrue(removals.removedAfter(connection, 0), "DATA number 0 is a number like any");
        removals.removedIn(connection, 5);
        assertTrue(removals.removedAfter(connection, 0xfffff0), "before it, around the 24-bit wrap");
        assertFalse(removals.removedAfter(connection, 6));
    }

    @Test
    void aBurstOfClosesAsACutLinkHealsIsNearlyAllKept() {
        // a hundred copies removed at once in a table of 256 slots: four ways to a bucket keep all but a few
        CloseMarks removals = new CloseMarks(256);
        SplittableRandom random = new SplittableRandom(1940);
        long[] connections = new long[100];
        for (int i = 0; i < connections.length; i++) {
            connections[i] = random.nextLong();
            removals.removedIn(connections[i], 1000 + i);
        }
        int kept = 0;
        for (int i = 0; i < connections.length; i++) {
            kept += removals.removedAfter(connections[i], 999) ? 1 : 0;
        }
        assertTrue(kept >= 95, "kept " + kept + " of 100"); // one slot per connection, direct-mapped, keeps some 82
    }

    @Test
    void aBurstOfRemovalsOfOlderNumbersDoesNotPushOutANewerOneOfTheirBucket() {
        // one-way seed 8090, run 3ef8b0dc: a copy removed in DATA 599, then a reply showing DATA 397-460 taken, whose
        // requests' removals of other connections filled the bucket; the copy's create of DATA 449 made it again
        CloseMarks removals = new CloseMarks(4); // one bucket of four ways
        long removedLast = 0x1111_0000_0000_0000L;
        removals.removedIn(removedLast, 599);
        for (int i = 0; i < 6; i++) {
            removals.removedIn((0x2222L + i) << 32, 400 + i);
        }
        assertTrue(removals.removedAfter(removedLast, 449), "the newest removal is kept");
        assertTrue(removals.removedAfter(0x2225L << 32, 403), "the newer of the old ones are kept");
        assertFalse(removals.removedAfter(0x2222L << 32, 400), "the oldest went first");
        removals.removedIn(0x3333L << 32, 390);
        assertFalse(removals.removedAfter(0x3333L << 32, 380), "one older than all four is not kept");
        removals.removedIn(0x2223L << 32, 700); // a connection's own mark moves on in its way
        assertTrue(removals.removedAfter(0x2223L << 32, 650));
        assertTrue(removals.removedAfter(removedLast, 449));
    }

    @Test
    void growingKeepsEveryCloseItHeld() {
        CloseMarks closes = new CloseMarks(256);
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
