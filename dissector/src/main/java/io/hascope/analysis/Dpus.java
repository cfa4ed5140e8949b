package io.hascope.analysis;

import io.hascope.event.IpAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/** The DPUs a capture shows, in the order first seen, found by their raw address; each one's peer is the other. */
final class Dpus {
    final Map<String, DpuState> byAddress = new LinkedHashMap<>();
    /** The same DPUs in the same order, for the scans done on every packet and frame (no iterator each time). */
    private DpuState[] list = new DpuState[0];

    /** The DPU at an address, made when first seen. */
    DpuState of(IpAddress a) {
        // a pair, or a few pairs: a scan by the raw address beats formatting it for a map lookup on every packet
        for (DpuState d : list) {
            if (d.addressHigh == a.high() && d.addressLow == a.low() && d.version == a.version()) {
                return d;
            }
        }
        String key = a.toString();
        DpuState d = new DpuState(key, a.high(), a.low(), a.version());
        byAddress.put(key, d);
        list = byAddress.values().toArray(new DpuState[0]);
        return d;
    }

    /** The first other DPU seen (a capture holds one pair), or null while d is the only one. */
    DpuState peerOf(DpuState d) {
        for (DpuState other : list) {
            if (other != d) {
                return other;
            }
        }
        return null;
    }

    DpuState[] all() {
        return list;
    }
}
