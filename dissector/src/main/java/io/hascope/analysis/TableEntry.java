package io.hascope.analysis;

/**
 * One entry of a DPU's connection table as the capture shows it, read out of the analysis' flat tables at the moment
 * it is asked for (a value: later frames do not change it).
 */
public final class TableEntry {
    /** The table's key; the orientation first seen is kept as a flag, not as a second copy of the key. */
    private final Connection key;
    private final boolean reversed;
    private final int state;
    private final long version;
    private final long frame;

    /** reversed: the connection was first seen with its endpoints the other way round from the key's. */
    TableEntry(Connection key, boolean reversed, int state, long version, long frame) {
        this.key = key;
        this.reversed = reversed;
        this.state = state;
        this.version = version;
        this.frame = frame;
    }

    /** The connection in the orientation its first message gave it. */
    public Connection connection() {
        return reversed ? key.reversed() : key;
    }

    /** The connection with its endpoints in the table's fixed order. */
    public Connection key() {
        return key;
    }

    /** A spec §3.5 connection state (0–8). */
    public int state() {
        return state;
    }

    /** The flow version: 32 bits on the wire in both dialects (spec §3.5, §5). */
    public long version() {
        return version;
    }

    /** The frame that last set it. */
    public long frame() {
        return frame;
    }
}
