package io.hascope.analysis;

/**
 * One entry of a DPU's connection table as the capture shows it. Packed, because there are two per live connection
 * (the owner's and the peer's copy): the frame number, the state and two flags share one long, and the flow version
 * is the wire's 32 bits — 40 bytes on the heap instead of 48.
 */
public final class TableEntry {
    private static final int FRAME_BITS = 48;
    private static final long FRAME_MASK = (1L << FRAME_BITS) - 1;
    private static final int STATE_SHIFT = FRAME_BITS;
    private static final long REVERSED = 1L << (FRAME_BITS + 4);
    private static final long EXPOSED = 1L << (FRAME_BITS + 5);
    private static final long REMOVED = 1L << (FRAME_BITS + 6);

    /** The table's key; the orientation first seen is kept as a flag, not as a second copy of the key. */
    private final Connection key;
    /** The flow version: 32 bits on the wire in both dialects (spec §3.5, §5), compared unsigned. */
    private int version;
    /** The frame that last set it (low 48 bits), its spec §3.5 state (4 bits), reversed, exposed and removed. */
    private long frameStateFlags;
    /** When the owner last set it (installed, updated or refreshed), for the HA timeout. */
    long refreshed;
    /** On an owner's entry: how the peer's copy differs, since when (null while they agree). */
    Analyzer.Divergence divergence;

    /** reversed: the connection was first seen with its endpoints the other way round from the key's. */
    TableEntry(Connection key, boolean reversed, int state, long version, long frame, long time) {
        this.key = key;
        this.frameStateFlags = reversed ? REVERSED : 0;
        set(state, version, frame, time);
    }

    /** The owner set it again (a state below zero leaves the state as it was: the message carried none). */
    void set(int newState, long newVersion, long atFrame, long atTime) {
        int s = newState >= 0 ? newState : state();
        frameStateFlags = (frameStateFlags & (REVERSED | EXPOSED | REMOVED)) | ((long) (s & 0xf) << STATE_SHIFT)
                | (atFrame & FRAME_MASK);
        version = (int) newVersion;
        refreshed = atTime;
    }

    /** Counted in the exposure integral: ESTABLISHED here and not (yet) at this version on the peer. */
    boolean exposed() {
        return (frameStateFlags & EXPOSED) != 0;
    }

    void exposed(boolean exposed) {
        frameStateFlags = exposed ? frameStateFlags | EXPOSED : frameStateFlags & ~EXPOSED;
    }

    /** Taken out of its table (or replaced there): a reference kept elsewhere is no longer the table's entry. */
    boolean removed() {
        return (frameStateFlags & REMOVED) != 0;
    }

    void markRemoved() {
        frameStateFlags |= REMOVED;
    }

    /** The connection in the orientation its first message gave it. */
    public Connection connection() {
        return (frameStateFlags & REVERSED) != 0 ? key.reversed() : key;
    }

    /** The connection with its endpoints in the table's fixed order. */
    public Connection key() {
        return key;
    }

    /** A spec §3.5 connection state (0–8). */
    public int state() {
        return (int) (frameStateFlags >>> STATE_SHIFT) & 0xf;
    }

    public long version() {
        return Integer.toUnsignedLong(version);
    }

    /** The frame that last set it. */
    public long frame() {
        return frameStateFlags & FRAME_MASK;
    }
}
