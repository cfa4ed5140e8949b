package io.hascope.analysis;

/**
 * The connections one DPU (the owner) reports to another (the receiver), one flat record per connection holding both
 * halves of analysis.md §4 at once: the owner's own entry and the receiver's copy. One lookup per message finds both,
 * and a live connection costs no object at all — a slice of one long array — so the collector never copies or scans
 * the tables (with two entry objects and a key per connection, young collections copying fresh entries took a
 * sixth of the analysis, and following them for each lookup most of the rest).
 * <p>
 * Records live densely in fixed-size pages and keep their number until freed (a request remembers the records its
 * messages found, and at its reply checks the key is still there): growing adds a page and copies nothing, and what
 * is allocated exceeds the most records ever live at once by less than a page. An open-addressing index of record
 * numbers, each slot's hash beside it in the same long and filled to at most three quarters, finds them. A record is freed as soon
 * as neither half is present, and its number is reused first.
 * <p>
 * Record layout, in longs: the key (eni, source high/low, destination high/low, vnet|kinds, ports|hash), then per half
 * a word of version (low 32 bits), state (4 bits) and flags, and its frame; the copy's refresh time; one watch (since,
 * frame): the owner entry's divergence or the copy's zombie watch — 112 bytes.
 */
final class ConnectionStore {
    static final int OWN = 7;
    static final int COPY = 9;

    private static final int ENI = 0;
    private static final int SRC_HIGH = 1;
    private static final int SRC_LOW = 2;
    private static final int DST_HIGH = 3;
    private static final int DST_LOW = 4;
    private static final int VNET_KINDS = 5;
    private static final int PORTS_HASH = 6;
    private static final int COPY_REFRESHED = 11;
    /**
     * One watch, since when and from which frame: the owner entry's divergence, or the copy's zombie watch (which
     * starts when the owner closes the connection, so after its divergence ended). A stray later message can install
     * the owner's entry again while the zombie watch goes on; a divergence of that entry is kept aside in a map.
     */
    private static final int WATCH_SINCE = 12;
    private static final int WATCH_FRAME = 13;
    private static final int STRIDE = 14;

    // a half's word: version in the low 32 bits, then these
    private static final int STATE_SHIFT = 32;
    private static final long PRESENT = 1L << 36;
    private static final long REVERSED = 1L << 37;
    /** Owner's half: counted in the exposure integral. */
    private static final long EXPOSED = 1L << 38;
    /** Owner's half: a divergence kind (1–3) while the copy differs. */
    private static final int DIVERGENCE_SHIFT = 39;
    private static final long DIVERGENCE_MASK = 3L << DIVERGENCE_SHIFT;
    /** Copy's half: the owner closed the connection and the copy lives on (a zombie candidate). */
    private static final long ZOMBIE = 1L << 41;
    /** Copy's half: refreshed or set in the receiver's snapshot round in progress. */
    private static final long ROUND_SEEN = 1L << 42;
    /** Copy's half, with ZOMBIE: the copy was made again after its owner closed the connection (a late copy). */
    private static final long MADE_AGAIN = 1L << 43;
    private static final long FRAME_MASK = (1L << 48) - 1;

    static final int MISSING_ON_PEER = 1;
    static final int STATE_MISMATCH = 2;
    static final int VERSION_MISMATCH = 3;

    final DpuState owner;
    final DpuState receiver;

    private static final int PAGE_BITS = 12;
    private static final int PAGE_RECORDS = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_RECORDS - 1;
    private long[][] pages = new long[1][];
    /** Records handed out so far; freed ones below it are chained through their first word. */
    private int used;
    private int freeHead = -1;
    private int live;
    private int owned;
    private int copies;
    /** Index slots: the key's hash in the high half, record number + 1 in the low (0: empty) — one cache line. */
    private long[] slots = new long[32];
    /** The version the owner closed each connection at, kept past entry and record (a quarter of the index's size). */
    final CloseMarks closedOwn = new CloseMarks(32 / 4);
    /**
     * The DATA number each copy's removal rode over rUDP, likewise; made at the first such removal, so that a store
     * whose requests ride plain UDP pays nothing for it.
     */
    private CloseMarks removedCopies;
    /** While the channel that brings this store's copies holds a restart tie: what waits for it; else null. */
    TieWatch tie;
    /** Divergences (since, frame) of records whose watch words a zombie watch holds: rare, see WATCH_SINCE. */
    private final java.util.Map<Integer, long[]> divergencesAside = new java.util.HashMap<>();

    ConnectionStore(DpuState owner, DpuState receiver) {
        this.owner = owner;
        this.receiver = receiver;
    }

    // ------------------------------------------------------------------------------------------ finding records

    /** The record of a connection (endpoints in key order), or -1. */
    int find(Connection key) {
        int h = key.hashCode();
        int mask = slots.length - 1;
        for (int i = h & mask; slots[i] != 0; i = (i + 1) & mask) {
            long slot = slots[i];
            if ((int) (slot >>> 32) == h && matches((int) slot - 1, key)) {
                return (int) slot - 1;
            }
        }
        return -1;
    }

    /** The record of message i's connection (see SaidMessages), or -1. */
    int find(SaidMessages said, int i) {
        long[] w = said.words();
        int m = SaidMessages.at(i);
        int h = Connection.hashOf(said.fingerprint(i));
        int mask = slots.length - 1;
        for (int s = h & mask; slots[s] != 0; s = (s + 1) & mask) {
            long slot = slots[s];
            if ((int) (slot >>> 32) == h && matches((int) slot - 1, w, m)) {
                return (int) slot - 1;
            }
        }
        return -1;
    }

    /** The record remembered for message i's connection, if it still holds that key; otherwise looked up. */
    int findAgain(int remembered, SaidMessages said, int i) {
        return remembered >= 0 && remembered < used && live(remembered)
                && matches(remembered, said.words(), SaidMessages.at(i)) ? remembered : find(said, i);
    }

    /** A new record for message i's connection, not in the store, with neither half present yet. */
    int add(SaidMessages said, int i) {
        long[] w = said.words();
        int m = SaidMessages.at(i);
        return add(w[m + SaidMessages.ENI], w[m + SaidMessages.SRC_HIGH], w[m + SaidMessages.SRC_LOW],
                w[m + SaidMessages.DST_HIGH], w[m + SaidMessages.DST_LOW], w[m + SaidMessages.VNET_KINDS],
                (int) w[m + SaidMessages.PORTS_FLAGS], Connection.hashOf(said.fingerprint(i)));
    }

    private int add(long eni, long srcHigh, long srcLow, long dstHigh, long dstLow, long vnetKinds, int ports, int h) {
        if ((live + 1) * 4 > slots.length * 3) {
            growIndex();
        }
        int rec;
        if (freeHead >= 0) {
            rec = freeHead;
            freeHead = (int) page(rec)[at(rec)];
        } else {
            rec = used++;
            int page = rec >>> PAGE_BITS;
            if (page == pages.length) {
                pages = java.util.Arrays.copyOf(pages, pages.length * 2);
            }
            if (pages[page] == null) {
                pages[page] = new long[PAGE_RECORDS * STRIDE];
            }
        }
        long[] records = page(rec);
        int at = at(rec);
        java.util.Arrays.fill(records, at, at + STRIDE, 0L);
        records[at + ENI] = eni;
        records[at + SRC_HIGH] = srcHigh;
        records[at + SRC_LOW] = srcLow;
        records[at + DST_HIGH] = dstHigh;
        records[at + DST_LOW] = dstLow;
        records[at + VNET_KINDS] = vnetKinds;
        records[at + PORTS_HASH] = (long) ports << 32 | (h & 0xffffffffL);
        insert(rec, h);
        live++;
        return rec;
    }

    /** Frees a record with neither half present; true when it was freed. */
    boolean releaseIfEmpty(int rec) {
        long[] records = page(rec);
        int at = at(rec);
        if (((records[at + OWN] | records[at + COPY]) & PRESENT) != 0) {
            return false;
        }
        int h = (int) records[at + PORTS_HASH];
        int mask = slots.length - 1;
        int i = h & mask;
        while ((int) slots[i] != rec + 1) {
            i = (i + 1) & mask;
        }
        closeGap(i);
        live--;
        records[at] = freeHead; // both halves' words are zero already: it reads as free (add zeroes the rest)
        freeHead = rec;
        return true;
    }

    private boolean live(int rec) {
        long[] records = page(rec);
        int at = at(rec);
        return ((records[at + OWN] | records[at + COPY]) & PRESENT) != 0;
    }

    private boolean matches(int rec, Connection key) {
        long[] records = page(rec);
        int at = at(rec);
        return records[at + SRC_LOW] == key.srcLow() && records[at + DST_LOW] == key.dstLow()
                && (int) (records[at + PORTS_HASH] >>> 32) == key.ports() && records[at + ENI] == key.eni()
                && records[at + SRC_HIGH] == key.srcHigh() && records[at + DST_HIGH] == key.dstHigh()
                && records[at + VNET_KINDS] == ((long) key.vnet() << 32 | (key.kinds() & 0xffffffffL));
    }

    private boolean matches(int rec, long[] w, int m) {
        long[] records = page(rec);
        int at = at(rec);
        return records[at + SRC_LOW] == w[m + SaidMessages.SRC_LOW] && records[at + DST_LOW] == w[m + SaidMessages.DST_LOW]
                && (int) (records[at + PORTS_HASH] >>> 32) == (int) w[m + SaidMessages.PORTS_FLAGS]
                && records[at + ENI] == w[m + SaidMessages.ENI] && records[at + SRC_HIGH] == w[m + SaidMessages.SRC_HIGH]
                && records[at + DST_HIGH] == w[m + SaidMessages.DST_HIGH]
                && records[at + VNET_KINDS] == w[m + SaidMessages.VNET_KINDS];
    }

    private void insert(int rec, int h) {
        int mask = slots.length - 1;
        int i = h & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = (long) h << 32 | (rec + 1);
    }

    /**
     * Backward-shift deletion: later members of the probe run move into the hole when their home allows it, that is
     * when the hole lies between their home and where they are, counted around the end of the index.
     */
    private void closeGap(int hole) {
        int mask = slots.length - 1;
        slots[hole] = 0;
        for (int j = (hole + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
            int home = (int) (slots[j] >>> 32) & mask;
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                slots[hole] = slots[j];
                slots[j] = 0;
                hole = j;
            }
        }
    }

    private void growIndex() {
        long[] old = slots;
        slots = new long[old.length * 2];
        closedOwn.grow(slots.length / 4);
        if (removedCopies != null) {
            removedCopies.grow(slots.length);
        }
        for (long slot : old) {
            if (slot != 0) {
                insert((int) slot - 1, (int) (slot >>> 32));
            }
        }
    }

    /** The receiver's copy of the connection with this fingerprint went with a request riding DATA from seq on. */
    void copyRemovedIn(long fingerprint, int seq) {
        if (removedCopies == null) {
            removedCopies = new CloseMarks(slots.length);
        }
        removedCopies.removedIn(fingerprint, seq);
    }

    /** Whether a request whose last DATA was number seq reached the receiver before its copy's last removal. */
    boolean copyRemovedAfter(long fingerprint, int seq) {
        return removedCopies != null && removedCopies.removedAfter(fingerprint, seq);
    }

    private long[] page(int rec) {
        return pages[rec >>> PAGE_BITS];
    }

    private static int at(int rec) {
        return (rec & PAGE_MASK) * STRIDE;
    }

    // ------------------------------------------------------------------------------------------ the two halves

    /**
     * A half's word as it is (read once, then taken apart with the static readers below): comparing the two halves
     * after every message reads six fields of two words, each of which would otherwise be a load of its own.
     */
    long word(int rec, int half) {
        return page(rec)[at(rec) + half];
    }

    /** The word of a present entry in this state at this version (nothing else marked). */
    static long presentWord(int state, long version) {
        return PRESENT | ((long) (state & 0xf) << STATE_SHIFT) | (version & 0xffffffffL);
    }

    static boolean present(long word) {
        return (word & PRESENT) != 0;
    }

    static int state(long word) {
        return (int) (word >>> STATE_SHIFT) & 0xf;
    }

    static long version(long word) {
        return word & 0xffffffffL;
    }

    static boolean exposed(long word) {
        return (word & EXPOSED) != 0;
    }

    static int divergence(long word) {
        return (int) ((word & DIVERGENCE_MASK) >>> DIVERGENCE_SHIFT);
    }

    boolean has(int rec, int half) {
        return rec >= 0 && present(word(rec, half));
    }

    int state(int rec, int half) {
        return state(word(rec, half));
    }

    long version(int rec, int half) {
        return version(word(rec, half));
    }

    long frame(int rec, int half) {
        return page(rec)[at(rec) + half + 1] & FRAME_MASK;
    }

    /** Installs a half that was absent: reversed, the connection was first seen with its endpoints the other way. */
    void install(int rec, int half, boolean reversed, int state, long version, long frame, long time) {
        long[] records = page(rec);
        int at = at(rec) + half;
        records[at] = presentWord(state, version) | (reversed ? REVERSED : 0);
        records[at + 1] = frame & FRAME_MASK;
        if (half == OWN) {
            owned++;
        } else {
            copies++;
            page(rec)[at(rec) + COPY_REFRESHED] = time;
        }
    }

    /** The owner set it again (a state below zero leaves the state as it was: the message carried none). */
    void update(int rec, int half, int state, long version, long frame, long time) {
        long[] records = page(rec);
        int at = at(rec) + half;
        long word = records[at];
        int s = state >= 0 ? state : (int) (word >>> STATE_SHIFT) & 0xf;
        records[at] = (word & ~0xfffffffffL) | ((long) (s & 0xf) << STATE_SHIFT) | (version & 0xffffffffL);
        records[at + 1] = frame & FRAME_MASK;
        if (half == COPY) {
            page(rec)[at(rec) + COPY_REFRESHED] = time;
        }
    }

    /** The hash of the key a record holds (or held last, if freed since). */
    int hash(int rec) {
        return (int) page(rec)[at(rec) + PORTS_HASH];
    }

    /**
     * Puts a present copy back as it was before (word and frame, see {@link TrustedCopies}): absent, or its state and
     * version then. Its flags (zombie watch, round mark) stay.
     */
    void restoreCopy(int rec, long before, long beforeFrame) {
        if (!has(rec, COPY)) {
            return;
        }
        if (!present(before)) {
            remove(rec, COPY);
            return;
        }
        long[] records = page(rec);
        int at = at(rec) + COPY;
        records[at] = (records[at] & ~0xfffffffffL) | (before & 0xfffffffffL);
        records[at + 1] = beforeFrame & FRAME_MASK;
    }

    /** Takes a half out, with its flags (exposure, divergence, zombie watch, round mark). */
    void remove(int rec, int half) {
        long[] records = page(rec);
        int at = at(rec) + half;
        if ((records[at] & PRESENT) == 0) {
            return;
        }
        records[at] = 0;
        records[at + 1] = 0;
        if (half == OWN) {
            if (!divergencesAside.isEmpty()) {
                divergencesAside.remove(rec);
            }
            owned--;
        } else {
            copies--;
        }
    }

    long refreshed(int rec) {
        return page(rec)[at(rec) + COPY_REFRESHED];
    }

    /** The copy was refreshed at time by a message that changed nothing in it. */
    void refreshed(int rec, long time) {
        page(rec)[at(rec) + COPY_REFRESHED] = time;
    }

    private boolean flag(int rec, int half, long bit) {
        return (page(rec)[at(rec) + half] & bit) != 0;
    }

    private void flag(int rec, int half, long bit, boolean on) {
        long[] records = page(rec);
        int at = at(rec) + half;
        records[at] = on ? records[at] | bit : records[at] & ~bit;
    }

    boolean exposed(int rec) {
        return exposed(word(rec, OWN));
    }

    void exposed(int rec, boolean exposed) {
        flag(rec, OWN, EXPOSED, exposed);
    }

    /** The owner's entry's divergence kind, 0 while the copy agrees. */
    int divergence(int rec) {
        return divergence(word(rec, OWN));
    }

    long divergenceSince(int rec) {
        long[] aside = divergencesAside.isEmpty() ? null : divergencesAside.get(rec);
        return aside != null ? aside[0] : page(rec)[at(rec) + WATCH_SINCE];
    }

    long divergenceFrame(int rec) {
        long[] aside = divergencesAside.isEmpty() ? null : divergencesAside.get(rec);
        return aside != null ? aside[1] : page(rec)[at(rec) + WATCH_FRAME];
    }

    void diverge(int rec, int kind, long since, long frame) {
        long[] records = page(rec);
        int at = at(rec);
        records[at + OWN] = (records[at + OWN] & ~DIVERGENCE_MASK) | ((long) kind << DIVERGENCE_SHIFT);
        if (zombie(rec)) {
            divergencesAside.put(rec, new long[] {since, frame});
        } else {
            records[at + WATCH_SINCE] = since;
            records[at + WATCH_FRAME] = frame;
        }
    }

    void agree(int rec) {
        page(rec)[at(rec) + OWN] &= ~DIVERGENCE_MASK;
        if (!divergencesAside.isEmpty()) {
            divergencesAside.remove(rec);
        }
    }

    boolean zombie(int rec) {
        return flag(rec, COPY, ZOMBIE);
    }

    long zombieSince(int rec) {
        return page(rec)[at(rec) + WATCH_SINCE];
    }

    boolean zombieMadeAgain(int rec) {
        return flag(rec, COPY, MADE_AGAIN);
    }

    long zombieFrame(int rec) {
        return page(rec)[at(rec) + WATCH_FRAME];
    }

    /**
     * When the owner closes the connection (never during a divergence, which ended as the owner's entry went), or
     * when a late copy makes the entry again after that (madeAgain).
     */
    void watchZombie(int rec, long since, long frame, boolean madeAgain) {
        long[] records = page(rec);
        int at = at(rec);
        records[at + COPY] = records[at + COPY] & ~MADE_AGAIN | ZOMBIE | (madeAgain ? MADE_AGAIN : 0);
        records[at + WATCH_SINCE] = since;
        records[at + WATCH_FRAME] = frame;
    }

    void unwatchZombie(int rec) {
        flag(rec, COPY, ZOMBIE, false);
        flag(rec, COPY, MADE_AGAIN, false);
    }

    boolean seenInRound(int rec) {
        return flag(rec, COPY, ROUND_SEEN);
    }

    void seenInRound(int rec, boolean seen) {
        flag(rec, COPY, ROUND_SEEN, seen);
    }

    // ------------------------------------------------------------------------------------------ reading out

    /** The connection's key (endpoints in key order), as a new object: for findings and views, not the hot path. */
    Connection key(int rec) {
        long[] records = page(rec);
        int at = at(rec);
        return Connection.ofRaw(records[at + ENI], (int) (records[at + VNET_KINDS] >>> 32),
                (int) records[at + VNET_KINDS], records[at + SRC_HIGH], records[at + SRC_LOW], records[at + DST_HIGH],
                records[at + DST_LOW], (int) (records[at + PORTS_HASH] >>> 32));
    }

    /** A half's connection in the orientation its first message gave it. */
    Connection connection(int rec, int half) {
        Connection key = key(rec);
        return flag(rec, half, REVERSED) ? key.reversed() : key;
    }

    /** A half as a value for views and reports (null when absent). */
    TableEntry entry(int rec, int half) {
        if (!has(rec, half)) {
            return null;
        }
        return new TableEntry(key(rec), flag(rec, half, REVERSED), state(rec, half),
                version(rec, half), frame(rec, half));
    }

    // Scans in record order, for what the analysis settles over a whole table at once (the end, a failover, a
    // snapshot round): for (int rec = st.nextWithCopy(0); rec >= 0; rec = st.nextWithCopy(rec + 1)). One tight
    // loop over the half's words, rather than a call per record for each test.

    /** The first record from {@code from} on with the given half present, or -1. */
    int nextWith(int from, int half) {
        return next(from, half, PRESENT);
    }

    /** The first record from {@code from} on with the owner's entry, or -1. */
    int nextWithOwn(int from) {
        return nextWith(from, OWN);
    }

    /** The first record from {@code from} on with the receiver's copy, or -1. */
    int nextWithCopy(int from) {
        return nextWith(from, COPY);
    }

    /** The first record from {@code from} on whose owner's entry diverges from the copy, or -1. */
    int nextDiverging(int from) {
        return next(from, OWN, DIVERGENCE_MASK);
    }

    /** The first record from {@code from} on whose copy is under a zombie watch, or -1. */
    int nextZombieWatch(int from) {
        return next(from, COPY, ZOMBIE);
    }

    private int next(int from, int half, long anyOf) {
        for (int rec = from; rec < used; rec++) {
            long word = pages[rec >>> PAGE_BITS][(rec & PAGE_MASK) * STRIDE + half];
            if ((word & PRESENT) != 0 && (word & anyOf) != 0) {
                return rec;
            }
        }
        return -1;
    }

    int size(int half) {
        return half == OWN ? owned : copies;
    }
}
