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
    private record Sighting(int leftOn, long time) {
    }

    private final long window;
    private final Map<Long, Sighting> recent = new HashMap<>();
    private final ArrayDeque<long[]> order = new ArrayDeque<>(); // {time, hash}, to forget what left the window
    private long arrivals;

    ArrivalCopies(long window) {
        this.window = window;
    }

    /** Used only for captures with several interfaces. True when frame is another tap's view of a frame already seen leaving: skip it as an event. */
    boolean isArrival(Frame frame) {
        long now = frame.timeNanos();
        while (!order.isEmpty() && now - order.peekFirst()[0] > window) {
            long[] old = order.pollFirst();
            Sighting s = recent.get(old[1]);
            if (s != null && s.time() == old[0]) {
                recent.remove(old[1]);
            }
        }
        long hash = ipPacketHash(frame);
        Sighting seen = recent.get(hash);
        if (seen != null && seen.leftOn() != frame.interfaceId()) {
            arrivals++;
            return true; // the first arrival, or the network's duplicate of it, on the receiving side
        }
        if (seen == null) {
            recent.put(hash, new Sighting(frame.interfaceId(), now));
            order.addLast(new long[] {now, hash});
        }
        return false;
    }

    long arrivals() {
        return arrivals;
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
