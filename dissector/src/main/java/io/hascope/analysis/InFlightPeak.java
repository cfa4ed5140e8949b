package io.hascope.analysis;

import java.util.PriorityQueue;

/**
 * The most holds in flight at any one time, computed as the capture streams by. A hold's start is known when its
 * request is seen; its end (reply, expiry, or the end of the capture) is never earlier than one matching window
 * before the moment it becomes known, unless its request is held back (behind one resent again and again, or
 * waiting for its rUDP DATA's fate: then no earlier than its first send plus the reply timeout), so events older
 * than both are final and can be swept in time order;
 * where one tap over rUDP released holds on trust, a release can be taken back (reopened) until its replier is judged
 * gone, a failover silence after its last packet, and the sweep waits that much longer. Memory: the events of that
 * span, not of the whole capture.
 */
final class InFlightPeak {
    /**
     * Events mostly come in time order (starts as requests are seen, ends as replies are): those queue in a ring,
     * one comparison each; the few that come earlier than the last queued (an expiry, the end) go to a heap.
     */
    private final LongPairQueue ring = new LongPairQueue();
    private final PriorityQueue<long[]> late = new PriorityQueue<>(InFlightPeak::order);
    private long settledUpTo = Long.MIN_VALUE;
    private long live;
    private long peak;

    /** Time order; at equal times ends (negative) before starts. */
    private static int order(long[] x, long[] y) {
        return order(x[0], x[1], y[0], y[1]);
    }

    private static int order(long time, long delta, long otherTime, long otherDelta) {
        return time != otherTime ? Long.compare(time, otherTime) : Long.compare(delta, otherDelta);
    }

    void start(long time, int holds) {
        add(time, holds);
    }

    /**
     * An end older than what is already swept (a hold left unsettled past the longest the sweep waits, see
     * HoldLedger.settle) counts at the sweep's edge: that hold is counted in flight longer than it was, never dropped.
     */
    void end(long time, int holds) {
        add(Math.max(time, settledUpTo), -holds);
    }

    /**
     * A hold whose end at releasedAt is taken back: it ends at endsAt instead. Where the sweep has passed releasedAt
     * already, it counts from the sweep's edge, as a late end does.
     */
    void reopen(long releasedAt, long endsAt, int holds) {
        add(Math.max(releasedAt, settledUpTo), holds);
        add(Math.max(endsAt, settledUpTo), -holds);
    }

    private void add(long time, long delta) {
        if (ring.size() > 0 && order(time, delta, ring.tailFirst(), ring.tailSecond()) < 0) {
            late.add(new long[] {time, delta});
            return;
        }
        ring.add(time, delta);
    }

    /** Sweeps every event before horizon: none can still arrive earlier than that. */
    void settle(long horizon) {
        settledUpTo = Math.max(settledUpTo, horizon);
        while (true) {
            boolean fromRing = ring.size() > 0 && ring.headFirst() < horizon;
            long[] l = late.peek();
            boolean fromLate = l != null && l[0] < horizon;
            if (fromRing && fromLate) {
                fromRing = order(ring.headFirst(), ring.headSecond(), l[0], l[1]) <= 0;
                fromLate = !fromRing;
            }
            if (fromRing) {
                live += ring.headSecond();
                ring.removeHead();
            } else if (fromLate) {
                live += late.poll()[1];
            } else {
                return;
            }
            peak = Math.max(peak, live);
        }
    }

    /** Events not yet swept: the memory this holds. */
    int pending() {
        return ring.size() + late.size();
    }

    long peak() {
        settle(Long.MAX_VALUE);
        return peak;
    }
}
