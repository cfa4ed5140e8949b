package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The flat store of owner entries and peer copies behaves as two maps through a million random changes. */
class ConnectionStoreTest {
    private static final int OWN = ConnectionStore.OWN;
    private static final int COPY = ConnectionStore.COPY;

    /** Few distinct values per field, so probe runs collide, wrap around the index and are cut by removals. */
    private static io.hascope.event.SyncMessage message(int n) {
        io.hascope.event.SyncMessage m = new io.hascope.event.SyncMessage();
        m.hasConnection = true;
        m.rawType = 1;
        m.eni = 0x000d3a000000L + (n % 3);
        m.vnet = 100;
        m.protocol = 6;
        m.source.setIpv4(0x0a000000 + n / 7);
        m.sourcePort = 1000 + n % 7;
        m.destination.setIpv4(n % 2 == 0 ? 0x0ac80000 : 0x09000000); // odd n: named the other way round
        m.destinationPort = 443;
        return m;
    }

    /** Message n's key as the store sees it: one message in its own said list. */
    private static SaidMessages said(int n) {
        SaidMessages said = new SaidMessages.Pool().take(1);
        said.add(message(n), 3);
        return said;
    }

    private static Connection connection(int n) {
        return said(n).key(0);
    }

    private static ConnectionStore store() {
        return new ConnectionStore(new DpuState("192.0.2.1", 0, 0xc0000201L, 4),
                new DpuState("192.0.2.2", 0, 0xc0000202L, 4));
    }

    @Test
    void agreesWithTwoHashMapsUnderRandomChurn() {
        SplittableRandom random = new SplittableRandom(12);
        ConnectionStore store = store();
        Map<Connection, Long> own = new HashMap<>();
        Map<Connection, Long> copies = new HashMap<>();
        for (int step = 1; step <= 1_000_000; step++) {
            SaidMessages said = said(random.nextInt(20_000));
            Connection c = said.key(0);
            int half = random.nextBoolean() ? OWN : COPY;
            Map<Connection, Long> reference = half == OWN ? own : copies;
            int rec = store.find(said, 0);
            assertEquals(rec, store.find(c), "found by its words or by its key object alike");
            assertEquals(own.containsKey(c) || copies.containsKey(c), rec >= 0, "a record while either half lives");
            if (random.nextInt(3) < 2) { // set: version and frame both = step
                if (store.has(rec, half)) {
                    store.update(rec, half, 3, step, step, step);
                } else {
                    if (rec < 0) {
                        rec = store.add(said, 0);
                    }
                    store.install(rec, half, false, 3, step, step, step);
                }
                reference.put(c, (long) step);
            } else {
                if (rec >= 0) {
                    store.remove(rec, half); // removing an absent half changes nothing
                    store.releaseIfEmpty(rec);
                }
                reference.remove(c);
            }
            if (step % 50_000 == 0) {
                assertEquals(own.size(), store.size(OWN));
                assertEquals(copies.size(), store.size(COPY));
                assertEquals(own.keySet(), new DpuTable(java.util.List.of(store), OWN).keySet());
                assertEquals(copies.keySet(), new DpuTable(java.util.List.of(store), COPY).keySet());
                for (Map.Entry<Connection, Long> e : own.entrySet()) {
                    int r = store.find(e.getKey());
                    assertEquals(e.getValue(), store.version(r, OWN));
                    assertEquals(e.getValue(), store.frame(r, OWN));
                    assertEquals(e.getKey(), store.key(r));
                }
            }
        }
    }

    @Test
    void aRememberedRecordIsUsedOnlyWhileItStillHoldsItsKey() {
        ConnectionStore store = store();
        int first = store.add(said(2), 0);
        store.install(first, OWN, false, 3, 1, 1, 1);
        assertEquals(first, store.findAgain(first, said(2), 0));
        store.remove(first, OWN);
        assertTrue(store.releaseIfEmpty(first));
        SaidMessages reversed = said(3);
        int reused = store.add(reversed, 0);
        store.install(reused, COPY, reversed.reversed(0), 3, 1, 2, 2);
        assertEquals(first, reused, "a freed record number is handed out again");
        assertEquals(-1, store.findAgain(first, said(2), 0), "it holds another key now");
        assertEquals(reused, store.findAgain(first, said(3), 0));
        assertEquals(reversed.connection(0), store.connection(reused, COPY), "the orientation first seen");
        assertEquals(connection(3).reversed(), store.connection(reused, COPY));
        assertFalse(store.releaseIfEmpty(reused), "a record with a half present stays");
    }

    @Test
    void aDivergenceDuringAZombieWatchKeepsBothWatches() {
        ConnectionStore store = store();
        int rec = store.add(said(4), 0);
        store.install(rec, COPY, false, 3, 1, 10, 100);
        store.watchZombie(rec, 500, 50, false); // the owner closed it; the copy lives on
        store.install(rec, OWN, false, 3, 2, 60, 600); // a stray later message installs the owner's entry again
        store.diverge(rec, ConnectionStore.VERSION_MISMATCH, 600, 60);
        assertEquals(500, store.zombieSince(rec));
        assertEquals(50, store.zombieFrame(rec));
        assertEquals(600, store.divergenceSince(rec));
        assertEquals(60, store.divergenceFrame(rec));
        store.agree(rec);
        assertEquals(0, store.divergence(rec));
        assertEquals(500, store.zombieSince(rec), "the zombie watch is untouched");
        store.remove(rec, OWN);
        store.remove(rec, COPY);
        assertTrue(store.releaseIfEmpty(rec));
        assertNull(new DpuTable(java.util.List.of(store), OWN).get(connection(4)));
    }
}
