package io.hascope.analysis;

/** One entry of a DPU's connection table as the capture shows it. */
public final class TableEntry {
    /** The table's key; the orientation first seen is kept as a flag, not as a second copy of the key. */
    private final Connection key;
    private final boolean reversed;
    /** A spec §3.5 connection state (0–8): a byte, so the divergence reference below costs the entry nothing. */
    byte state;
    long version;
    long frame;
    /** When the owner last set it (installed, updated or refreshed), for the HA timeout. */
    long refreshed;
    /** Counted in the exposure integral: ESTABLISHED here and not (yet) at this version on the peer. */
    boolean exposed;
    /** On an owner's entry: how the peer's copy differs, since when (null while they agree). */
    Analyzer.Divergence divergence;

    TableEntry(Connection key, Connection asSeen, int state, long version, long frame, long time) {
        this(key, !key.equals(asSeen), state, version, frame, time);
    }

    /** reversed: the connection was first seen with its endpoints the other way round from the key's. */
    TableEntry(Connection key, boolean reversed, int state, long version, long frame, long time) {
        this.key = key;
        this.reversed = reversed;
        this.state = (byte) state;
        this.version = version;
        this.frame = frame;
        this.refreshed = time;
    }

    /** The owner set it again (a state below zero leaves the state as it was: the message carried none). */
    void set(int newState, long newVersion, long atFrame, long atTime) {
        if (newState >= 0) {
            state = (byte) newState;
        }
        version = newVersion;
        frame = atFrame;
        refreshed = atTime;
    }

    /** The connection in the orientation its first message gave it. */
    public Connection connection() {
        return reversed ? key.reversed() : key;
    }

    /** The connection with its endpoints in the table's fixed order. */
    public Connection key() {
        return key;
    }

    public int state() {
        return state;
    }

    public long version() {
        return version;
    }

    /** The frame that last set it. */
    public long frame() {
        return frame;
    }
}
