package io.hascope.analysis;

import java.util.HashMap;
import java.util.Map;

/**
 * Requests by the frames that carried them away (first sends, resends, and DATA the transport sent again), until
 * their arrival or the receiver's ACK is seen, or the frame left longer ago than the matching window: then it never
 * arrived. Each frame is kept by the time it left, not by its request's last send: a DATA that go-back-N sends again
 * after a cut link may carry a request sent long before, and it still arrives.
 */
final class Departures {
    private final Map<Long, PendingRequest> byFrame = new HashMap<>();
    /** The frames kept and the times they left, in the order kept. */
    private final LongPairQueue left = new LongPairQueue();

    void put(long frame, long time, PendingRequest r) {
        if (byFrame.put(frame, r) == null) {
            left.add(frame, time);
        }
    }

    void putIfAbsent(long frame, long time, PendingRequest r) {
        if (byFrame.putIfAbsent(frame, r) == null) {
            left.add(frame, time);
        }
    }

    PendingRequest get(long frame) {
        return byFrame.get(frame);
    }

    PendingRequest remove(long frame) {
        return byFrame.remove(frame);
    }

    boolean contains(long frame) {
        return byFrame.containsKey(frame);
    }

    /** Forgets the frames that left before cutoff and have not been taken out since: they were lost on the way. */
    void forgetLeftBefore(long cutoff) {
        while (left.size() > 0 && left.headSecond() < cutoff) {
            byFrame.remove(left.headFirst());
            left.removeHead();
        }
        if (byFrame.isEmpty()) {
            left.clear(); // frames taken out on arrival leave their entries behind; none is needed now
        }
    }
}
