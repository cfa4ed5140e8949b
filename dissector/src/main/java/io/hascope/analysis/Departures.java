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
    /** The frames kept and the times they left, in the order kept: a ring of two longs each, no object per frame. */
    private long[] frames = new long[64];
    private long[] times = new long[64];
    private int head;
    private int size;

    void put(long frame, long time, PendingRequest r) {
        if (byFrame.put(frame, r) == null) {
            remember(frame, time);
        }
    }

    void putIfAbsent(long frame, long time, PendingRequest r) {
        if (byFrame.putIfAbsent(frame, r) == null) {
            remember(frame, time);
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
        int mask = frames.length - 1;
        while (size > 0 && times[head] < cutoff) {
            byFrame.remove(frames[head]);
            head = (head + 1) & mask;
            size--;
        }
        if (byFrame.isEmpty()) {
            head = 0;
            size = 0; // frames taken out on arrival leave their ring slots behind; none is needed now
        }
    }

    private void remember(long frame, long time) {
        if (size == frames.length) {
            long[] grownFrames = new long[size * 2];
            long[] grownTimes = new long[size * 2];
            for (int i = 0; i < size; i++) {
                grownFrames[i] = frames[(head + i) & (frames.length - 1)];
                grownTimes[i] = times[(head + i) & (frames.length - 1)];
            }
            frames = grownFrames;
            times = grownTimes;
            head = 0;
        }
        int at = (head + size) & (frames.length - 1);
        frames[at] = frame;
        times[at] = time;
        size++;
    }
}
