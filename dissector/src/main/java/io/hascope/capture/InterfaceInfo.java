package io.hascope.capture;

/** One capture interface: pcap files have one, a pcapng section any number. */
public record InterfaceInfo(int id, int linkType, int snapLength, String name, String description,
                            long unitsPerSecond, long offsetSeconds) {

    /** Converts a raw timestamp in this interface's units to nanoseconds since the epoch. */
    public long toNanos(long units) {
        long nanos;
        if (unitsPerSecond == 1_000_000_000L) {
            nanos = units;
        } else if (unitsPerSecond == 1_000_000L) {
            nanos = units * 1000L;
        } else {
            long seconds = Long.divideUnsigned(units, unitsPerSecond);
            long rest = Long.remainderUnsigned(units, unitsPerSecond);
            nanos = seconds * 1_000_000_000L + scaleFraction(rest);
        }
        return nanos + offsetSeconds * 1_000_000_000L;
    }

    private long scaleFraction(long rest) {
        // rest < unitsPerSecond, so rest * 1e9 may overflow only for resolutions finer than ~9.2e9 units/s
        if (unitsPerSecond <= 9_000_000_000L) {
            return rest * 1_000_000_000L / unitsPerSecond;
        }
        return (long) ((double) rest * 1e9 / (double) unitsPerSecond);
    }
}
