package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestQueueTest {
    @Test
    void aHundredThousandAddsAndRemovesFromAnywhereKeepTheOrderAListKeeps() {
        SplittableRandom random = new SplittableRandom(5);
        RequestQueue queue = new RequestQueue();
        List<PendingRequest> model = new ArrayList<>();
        for (int step = 0; step < 100_000; step++) {
            if (model.isEmpty() || random.nextInt(100) < 55) {
                PendingRequest r = new PendingRequest();
                queue.add(r);
                model.add(r);
            } else {
                // replies mostly answer the oldest; resends and losses take others out
                int i = random.nextInt(100) < 70 ? 0 : random.nextInt(model.size());
                assertEquals(true, queue.remove(model.remove(i)));
            }
            assertEquals(model.size(), queue.size());
            if (step % 1_000 == 0) {
                for (int i = 0; i < model.size(); i++) {
                    assertSame(model.get(i), queue.get(i), "position " + i + " at step " + step);
                }
            }
        }
        assertEquals(false, queue.remove(new PendingRequest()), "one never queued is not found");
    }
}
