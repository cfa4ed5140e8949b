package io.hascope.analysis;

import io.hascope.capture.Frame;
import io.hascope.capture.LinkType;
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
        final int leftOn;
        final long time;
        final ArrayDeque<Long> notArrived = new ArrayDeque<>(1);

        Sighting(int leftOn, long time) {
            this.leftOn = leftOn;
            this.time = time;
        }
    }

    /** What a frame is, seen from two taps. */
    static final int DEPARTURE = 0;
    static final int FIRST_ARRIVAL = 1;
    static final int REPEAT_ARRIVAL = 2;

    private final long window;
    private final Map<Long, Sighting> recent = new HashMap<>();
    private final ArrayDeque<long[]> order = new ArrayDeque<>(); // {time, hash}, to forget what left the window

    private long departureFrame = -1;

    ArrivalCopies(long window) {
        this.window = window;
    }

    /**
     * Used only for captures with several interfaces: DEPARTURE for a frame leaving its sender (not seen before, or
     * sent again on the same interface), FIRST_ARRIVAL for the same IP packet seen on another interface (it reached the receiver; see
     * {@link #departureFrame()}), REPEAT_ARRIVAL for further copies there (the network duplicated it).
     */
    int classify(Frame frame) {
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
        if (seen == null) {
            seen = new Sighting(frame.interfaceId(), now);
            recent.put(hash, seen);
            order.addLast(new long[] {now, hash});
        } else if (seen.leftOn != frame.interfaceId()) {
            Long left = seen.notArrived.pollFirst();
            if (left == null) {
                return REPEAT_ARRIVAL; // more arrivals than sends: the network duplicated it
            }
            departureFrame = left;
            return FIRST_ARRIVAL;
        }
        seen.notArrived.addLast(frame.number());
        return DEPARTURE;
    }

    /** The frame that left, of the arrival just classified. */
    long departureFrame() {
        return departureFrame;
    }

    /** The bytes from the IP header on: mirror ports may rewrite the link layer (MACs, VLAN tags), not the packet. */
    private static long ipPacketHash(Frame frame) {
        ByteBuffer b = frame.buffer();
        int at = frame.offset();
        int end = at + frame.capturedLength();
        if (frame.linkType() == LinkType.ETHERNET && end - at >= 14) {
            int type = b.getShort(at + 12) & 0xffff;
            at += 14;
            while ((type == 0x8100 || type == 0x88a8) && end - at >= 4) {
                type = b.getShort(at + 2) & 0xffff;
                at += 4;
            }
        }
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
