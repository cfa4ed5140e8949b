package io.hascope.decode;

import java.util.Collection;
import java.util.List;

/** Port dispatch and heuristics (spec §1, §6): which UDP ports carry hasync and which the DASH DP channel. */
public final class DissectorConfig {
    public static final int DEFAULT_HASYNC_PORT = 7400;
    public static final int DEFAULT_DP_PORT = 7000;

    private final boolean[] hasyncPorts = new boolean[65536];
    private final boolean[] dpPorts = new boolean[65536];
    private final boolean heuristics;

    public DissectorConfig(Collection<Integer> hasyncPorts, Collection<Integer> dpPorts, boolean heuristics) {
        for (int p : hasyncPorts) {
            this.hasyncPorts[checkPort(p)] = true;
        }
        for (int p : dpPorts) {
            this.dpPorts[checkPort(p)] = true;
        }
        this.heuristics = heuristics;
    }

    public static DissectorConfig defaults() {
        return new DissectorConfig(List.of(DEFAULT_HASYNC_PORT), List.of(DEFAULT_DP_PORT), true);
    }

    private static int checkPort(int p) {
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port " + p + " is outside 0..65535");
        }
        return p;
    }

    public boolean isHasyncPort(int port) {
        return hasyncPorts[port];
    }

    public boolean isDpPort(int port) {
        return dpPorts[port];
    }

    public boolean heuristics() {
        return heuristics;
    }
}
