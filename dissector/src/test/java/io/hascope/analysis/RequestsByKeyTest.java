package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The queue of requests waiting for replies answers, for a key, exactly what a walk of a list in queue order would. */
class RequestsByKeyTest {
    /** A request with one of few keys, so that chains are long, share index slots and empty and fill again. */
    private static PendingRequest request(SplittableRandom random, PendingRequest reused) {
        PendingRequest r = reused != null ? reused : new PendingRequest();
        boolean opaque = random.nextBoolean();
        r.reset(1, 1, null, null, true, false, opaque, random.nextInt(40), 100, null, SaidMessages.NONE);
        r.fullHash = random.nextInt(40);
        r.headerHash = random.nextInt(20);
        return r;
    }

    @Test
    void twoHundredThousandAddsAndRemovesFromAnywhereFindByKeyWhatAListInQueueOrderHolds() {
        SplittableRandom random = new SplittableRandom(5);
        RequestsByKey queue = new RequestsByKey();
        List<PendingRequest> model = new ArrayList<>();
        List<PendingRequest> spare = new ArrayList<>();
        for (int step = 0; step < 200_000; step++) {
            if (model.isEmpty() || random.nextInt(100) < 52) {
                PendingRequest r = request(random, spare.isEmpty() ? null : spare.remove(spare.size() - 1));
                queue.add(r);
                model.add(r);
            } else {
                // replies mostly answer the oldest; resends and losses take others out
                int i = random.nextInt(100) < 70 ? 0 : random.nextInt(model.size());
                PendingRequest r = model.remove(i);
                assertEquals(true, queue.remove(r));
                assertEquals(false, queue.remove(r), "taken out once");
                spare.add(r); // requests are reused once out of every queue
            }
            assertEquals(model.size(), queue.size());
            if (step % 997 == 0) {
                for (long key = 0; key < 40; key++) {
                    assertEquals(inOrder(model, key, false), chain(queue.oldestWithKey(key), false), "key " + key);
                    assertEquals(inOrder(model, key, true), chain(queue.oldestWithHeader(key), true), "header " + key);
                }
            }
        }
        assertEquals(false, queue.remove(new PendingRequest()), "one never queued is not found");
    }

    @Test
    void aRequestStillQueuedCannotBeReused() {
        RequestsByKey queue = new RequestsByKey();
        PendingRequest r = request(new SplittableRandom(1), null);
        queue.add(r);
        assertThrows(AssertionError.class, () -> request(new SplittableRandom(2), r));
        queue.remove(r);
        assertNull(queue.oldestWithKey(RequestsByKey.keyOf(r)));
    }

    private static List<PendingRequest> inOrder(List<PendingRequest> model, long key, boolean header) {
        List<PendingRequest> out = new ArrayList<>();
        for (PendingRequest r : model) {
            if (header ? !r.hasOpaque && r.headerHash == key : RequestsByKey.keyOf(r) == key) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<PendingRequest> chain(PendingRequest first, boolean header) {
        List<PendingRequest> out = new ArrayList<>();
        for (PendingRequest r = first; r != null;
                r = header ? RequestsByKey.nextByHeader(r) : RequestsByKey.nextByKey(r)) {
            out.add(r);
        }
        return out;
    }
}
