package io.hascope.analysis;

import io.hascope.capture.Frame;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Two taps (analysis.md §0): a frame seen leaving one DPU's port is seen again arriving at the other's, on another
 * interface, with the same IP packet. That second sighting is the same frame, not a duplicate or a resend; further
 * sightings on the arriving side are the network duplicating it on the way. Recognised here by the IP packet's bytes
 * within a window, so the analysis counts each frame once. Memory: the frames of one window.
 */
final class ArrivalCopies {
    /**
     * An IP packet seen leaving: where and when first, and the frames that carried it and have not arrived yet (a
     * sender may send the very same bytes twice, as a receiver answering a duplicated request does).
     */
    private static final class Sighting {
        /** The interface it was seen leaving on; -1 while only its arrival was seen (named taps). */
        int leftOn;
        /** When it was last seen leaving (or first seen at all): it is forgotten a window after that. */
        long time;
        /** {frame, time} of each departure not yet seen arriving, oldest first. */
        final ArrayDeque<long[]> notArrived = new ArrayDeque<>(1);
        /** The departure frame of its latest arrival, which a further arrival repeats (-1: none yet). */
        long lastArrived = -1;

        Sighting(int leftOn, long time) {
            this.leftOn = leftOn;
            this.time = time;
        }

        /**
         * The departure an arrival at `now` is of: the oldest that left within the window (older ones never
         * arrived, and a packet sent again and again, as DASH requests are, must not pair with a copy lost long ago),
         * and of several, none that left longer ago than a packet stays in flight while a later one is there to be
         * it: an endpoint's retransmission a cut link swallowed makes the same DASH request again 200 ms later, and
         * the arrival is of the later copy. {frame, time}, or null.
         */
        long[] arrivalOf(long now, long window, long inFlight) {
            while (!notArrived.isEmpty() && now - notArrived.peekFirst()[1] > window) {
                notArrived.pollFirst();
            }
            while (notArrived.size() > 1 && now - notArrived.peekFirst()[1] > inFlight) {
                notArrived.pollFirst();
            }
            return notArrived.pollFirst();
        }
    }

    /** What a frame is, seen from two taps. */
    static final int DEPARTURE = 0;
    static final int FIRST_ARRIVAL = 1;
    static final int REPEAT_ARRIVAL = 2;
    /** Named taps only: a frame seen arriving whose departure the sender's tap did not see. */
    static final int UNSEEN_DEPARTURE = 3;

    private final long window;
    private final Map<Long, Sighting> recent = new HashMap<>();
    private final ArrayDeque<long[]> order = new ArrayDeque<>(); // {time, hash}, to forget what left the window

    private long departureFrame = -1;
    /**
     * The longest a packet sent once took to arrive (0 before any): more than a few times that after it left, a copy
     * is taken for lost when a later identical one can be the arrival.
     */
    private long longestOneWay;
    /** The least that counts as in flight whatever was measured: a few ms, far below any sender's resend. */
    private static final long LEAST_IN_FLIGHT = 10 * AnalysisConfig.MS;

    ArrivalCopies(long window) {
        this.window = window;
    }

    /**
     * Used only for captures with several interfaces. With direction NamedTaps.UNNAMED (taps recognised): DEPARTURE
     * for a frame leaving its sender (not seen before, or sent again on the same interface), FIRST_ARRIVAL for the same
     * IP packet seen on another interface (it reached the receiver; see {@link #departureFrame()}), REPEAT_ARRIVAL for
     * further copies there (the network duplicated it). With a direction named taps tell (LEAVING or ARRIVING): a
     * frame leaving is a departure even when the same bytes were seen before; one arriving is an arrival even when
     * its departure was not seen (UNSEEN_DEPARTURE, then further copies are the network's duplicates).
     */
    int classify(Frame frame, int direction) {
        long now = frame.timeNanos();
        while (!order.isEmpty() && now - order.peekFirst()[0] > window) {
            long[] old = order.pollFirst();
            Sighting s = recent.get(old[1]);
            if (s != null && s.time == old[0]) {
                recent.remove(old[1]);
            }
        }
        long hash = ipPacketHash(frame);
        Sighting seen = recent.get(hash);
        if (direction == NamedTaps.ARRIVING) {
            long[] left = seen == null || seen.leftOn == frame.interfaceId() ? null : arrival(seen, now);
            if (left != null) {
                departureFrame = left[0];
                return FIRST_ARRIVAL;
            }
            if (seen != null) {
                departureFrame = seen.lastArrived;
                return REPEAT_ARRIVAL;
            }
            remember(hash, new Sighting(-1, now));
            departureFrame = frame.number();
            return UNSEEN_DEPARTURE;
        }
        if (direction == NamedTaps.LEAVING) {
            seen = leaving(hash, seen, frame, now);
            seen.leftOn = frame.interfaceId();
            seen.notArrived.addLast(new long[] {frame.number(), now});
            return DEPARTURE;
        }
        if (seen != null && seen.leftOn != frame.interfaceId()) {
            long[] left = arrival(seen, now);
            if (left == null) {
                departureFrame = seen.lastArrived;
                return REPEAT_ARRIVAL; // more arrivals than sends: the network duplicated it
            }
            departureFrame = left[0];
            return FIRST_ARRIVAL;
        }
        seen = leaving(hash, seen, frame, now);
        seen.notArrived.addLast(new long[] {frame.number(), now});
        return DEPARTURE;
    }

    /** The departure of seen that an arrival now is of, or null; a packet sent once measures the one-way time. */
    private long[] arrival(Sighting seen, long now) {
        boolean sentOnce = seen.notArrived.size() == 1;
        long inFlight = longestOneWay == 0 ? window : Math.max(LEAST_IN_FLIGHT, 4 * longestOneWay);
        long[] left = seen.arrivalOf(now, window, inFlight);
        if (left != null && sentOnce) {
            longestOneWay = Math.max(longestOneWay, now - left[1]);
        }
        if (left != null) {
            seen.lastArrived = left[0];
        }
        return left;
    }

    /** The sighting of a packet seen leaving now: a new one, or the one it is sent again under, kept a window more. */
    private Sighting leaving(long hash, Sighting seen, Frame frame, long now) {
        if (seen == null) {
            return remember(hash, new Sighting(frame.interfaceId(), now));
        }
        seen.time = now;
        order.addLast(new long[] {now, hash});
        return seen;
    }

    private Sighting remember(long hash, Sighting s) {
        recent.put(hash, s);
        order.addLast(new long[] {s.time, hash});
        return s;
    }

    /**
     * The frame that left, of the arrival just classified (the arrival itself when its departure was unseen); of a
     * repeat arrival, the frame whose arrival it repeats (-1 when none was seen arriving).
     */
    long departureFrame() {
        return departureFrame;
    }

    /** The bytes from the IP header on: mirror ports may rewrite the link layer (MACs, VLAN tags), not the packet. */
    private static long ipPacketHash(Frame frame) {
        ByteBuffer b = frame.buffer();
        int ip = NamedTaps.ipStart(frame);
        int at = ip >= 0 ? ip : frame.offset();
        int end = frame.offset() + frame.capturedLength();
        long h = 0xcbf29ce484222325L ^ (end - at);
        int i = at;
        for (; i + 8 <= end; i += 8) {
            long v = b.getLong(i);
            v = (v ^ (v >>> 33)) * 0xff51afd7ed558ccdL;
            h = (h ^ v ^ (v >>> 33)) * 0x9e3779b97f4a7c15L;
        }
        for (; i < end; i++) {
            h = (h ^ (b.get(i) & 0xff)) * 0x100000001b3L;
        }
        return h;
    }
}
