package io.hascope.analysis;

/** One entry of a DPU's connection table as the capture shows it. */
public final class TableEntry {
    final Connection connection;
    int state;
    long version;
    long frame;
    long time;
    /** When the owner last set it (installed, updated or refreshed), for the HA timeout. */
    long refreshed;
    /** Counted in the exposure integral: ESTABLISHED here and not (yet) at this version on the peer. */
    boolean exposed;

    TableEntry(Connection connection, int state, long version, long frame, long time) {
        this.connection = connection;
        this.state = state;
        this.version = version;
        this.frame = frame;
        this.time = time;
        this.refreshed = time;
    }

    public Connection connection() {
        return connection;
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
