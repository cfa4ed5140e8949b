package io.hascope.analysis;

import io.hascope.event.IpAddress;
import io.hascope.event.SyncMessage;

/**
 * What a request's messages said, copied out of the reused decoder event into one flat array of {@link #STRIDE}
 * longs per message: no object per message (a key and a record each were most of the analysis' allocation, every
 * fresh line of it a cache miss). The array comes from a {@link Pool} and goes back when the request no longer needs
 * its messages. A connection key is kept in the words a {@link ConnectionStore} record starts with, endpoints in key
 * order, so the store compares and copies it word by word.
 * <p>
 * Words per message: 0 state (low 32 bits, signed), type, op, flags, snapshot phase; 1 version; 2 the key's
 * fingerprint; 3–9 the key (eni, source high/low, destination high/low, vnet|kinds, ports | TCP flags &lt;&lt; 32); 10 and
 * 11 the snapshot round and count, or a CAPABILITIES' largest datagram and N; 12 the store record the message found
 * or made when it was sent (-1 none), so that applying it again at the reply needs no second lookup.
 */
final class SaidMessages {
    static final int STRIDE = 13;
    /** Where a message's key starts, relative to the message. */
    static final int KEY = 3;
    static final int ENI = KEY;
    static final int SRC_HIGH = KEY + 1;
    static final int SRC_LOW = KEY + 2;
    static final int DST_HIGH = KEY + 3;
    static final int DST_LOW = KEY + 4;
    static final int VNET_KINDS = KEY + 5;
    static final int PORTS_FLAGS = KEY + 6;

    private static final int META = 0;
    private static final int VERSION = 1;
    private static final int FINGERPRINT = 2;
    private static final int EXTRA_1 = 10;
    private static final int EXTRA_2 = 11;
    private static final int RECORD = 12;

    private static final long HAS_KEY = 1L << 48;
    private static final long REVERSED = 1L << 49;
    private static final long TRUNCATES = 1L << 50;

    /** The messages of a request that needs them no more (answered, or applied and waiting for no reply). */
    static final SaidMessages NONE = new SaidMessages(new long[0]);

    private long[] words;
    private int size;

    private SaidMessages(long[] words) {
        this.words = words;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Copies one message; state is what the analysis reads it as (-2: implied by a carried packet's flags). */
    void add(SyncMessage m, int state) {
        int at = size * STRIDE;
        if (at + STRIDE > words.length) {
            words = java.util.Arrays.copyOf(words, Math.max(STRIDE, words.length * 2));
        }
        long flags = 0;
        if (m.hasConnection) {
            boolean reversed = Connection.isReversed(m);
            flags = HAS_KEY | (reversed ? REVERSED : 0);
            IpAddress first = reversed ? m.destination : m.source; // the key's order: the lower endpoint first
            IpAddress second = reversed ? m.source : m.destination;
            int kinds = Connection.kinds(m.protocol, first.version(), second.version());
            int ports = reversed ? Connection.ports(m.destinationPort, m.sourcePort)
                    : Connection.ports(m.sourcePort, m.destinationPort);
            words[at + ENI] = m.eni;
            words[at + SRC_HIGH] = first.high();
            words[at + SRC_LOW] = first.low();
            words[at + DST_HIGH] = second.high();
            words[at + DST_LOW] = second.low();
            words[at + VNET_KINDS] = (long) m.vnet << 32 | (kinds & 0xffffffffL);
            words[at + FINGERPRINT] = Connection.mix(m.eni, m.vnet, kinds, first.high(), first.low(), second.high(),
                    second.low(), ports);
            words[at + PORTS_FLAGS] = (long) m.tcpFlags << 32 | (ports & 0xffffffffL);
        } else {
            words[at + PORTS_FLAGS] = (long) m.tcpFlags << 32;
        }
        if (m.truncates) {
            flags |= TRUNCATES;
        }
        words[at + META] = (state & 0xffffffffL) | (long) (m.rawType & 0xff) << 32 | (long) (m.op & 0xff) << 40
                | flags | (long) (m.snapshotPhase & 0xff) << 56;
        words[at + VERSION] = m.version;
        words[at + RECORD] = -1;
        if (m.rawType == 4) {
            words[at + EXTRA_1] = m.snapshotRound;
            words[at + EXTRA_2] = m.snapshotCount;
        } else {
            words[at + EXTRA_1] = m.maxBytes;
            words[at + EXTRA_2] = m.maxMessages;
        }
        size++;
    }

    /** Becomes a copy of other's messages (a list taken from the pool for it). */
    void copyOf(SaidMessages other) {
        int n = other.size * STRIDE;
        if (words.length < n) {
            words = java.util.Arrays.copyOf(words, n);
        }
        System.arraycopy(other.words, 0, words, 0, n);
        size = other.size;
    }

    /** The array and the offset of message i's words, for the store. */
    long[] words() {
        return words;
    }

    static int at(int i) {
        return i * STRIDE;
    }

    int type(int i) {
        return (int) (words[at(i) + META] >>> 32) & 0xff;
    }

    int op(int i) {
        return (int) (words[at(i) + META] >>> 40) & 0xff;
    }

    /** A spec §3.5 state, -1 none carried, -2 implied by a carried packet's TCP flags. */
    int state(int i) {
        return (int) words[at(i) + META];
    }

    boolean hasKey(int i) {
        return (words[at(i) + META] & HAS_KEY) != 0;
    }

    /** The message named its connection the other way round from the key's order. */
    boolean reversed(int i) {
        return (words[at(i) + META] & REVERSED) != 0;
    }

    long version(int i) {
        return words[at(i) + VERSION];
    }

    long fingerprint(int i) {
        return words[at(i) + FINGERPRINT];
    }

    int protocol(int i) {
        return (int) words[at(i) + VNET_KINDS] & 0xff;
    }

    int tcpFlags(int i) {
        return (int) (words[at(i) + PORTS_FLAGS] >> 32);
    }

    int snapshotPhase(int i) {
        return (int) (words[at(i) + META] >>> 56);
    }

    long snapshotRound(int i) {
        return words[at(i) + EXTRA_1];
    }

    long snapshotCount(int i) {
        return words[at(i) + EXTRA_2];
    }

    long maxBytes(int i) {
        return words[at(i) + EXTRA_1];
    }

    int maxMessages(int i) {
        return (int) words[at(i) + EXTRA_2];
    }

    boolean truncates(int i) {
        return (words[at(i) + META] & TRUNCATES) != 0;
    }

    /** The store record message i found or made when it was sent (-1: none, or not applied yet). */
    int recordAtSend(int i) {
        return (int) words[at(i) + RECORD];
    }

    void recordAtSend(int i, int record) {
        words[at(i) + RECORD] = record;
    }

    /** The index of the first message of said that names a connection, or -1. */
    static int firstConnection(SaidMessages said) {
        for (int i = 0; i < said.size; i++) {
            if (said.hasKey(i)) {
                return i;
            }
        }
        return -1;
    }

    /** The connection the first message that names one names, or null when none does. */
    Connection firstNamed() {
        int i = firstConnection(this);
        return i < 0 ? null : connection(i);
    }

    /**
     * Only the first message that names a connection, in a one-message array from the pool (this one goes back):
     * what a request kept in the matching window after its reply needs, to name its connection in a later finding.
     */
    SaidMessages keepFirstConnection(Pool pool) {
        int i = firstConnection(this);
        if (i < 0) {
            pool.give(this);
            return NONE;
        }
        SaidMessages first = pool.take(1);
        System.arraycopy(words, at(i), first.words, 0, STRIDE);
        first.size = 1;
        pool.give(this);
        return first;
    }

    /** The key (endpoints in key order), as a new object: for findings, not the hot path. Null when none. */
    Connection key(int i) {
        if (!hasKey(i)) {
            return null;
        }
        int at = at(i);
        return Connection.ofRaw(words[at + ENI], (int) (words[at + VNET_KINDS] >>> 32), (int) words[at + VNET_KINDS],
                words[at + SRC_HIGH], words[at + SRC_LOW], words[at + DST_HIGH], words[at + DST_LOW],
                (int) words[at + PORTS_FLAGS]);
    }

    /** The connection as the message gave it (null when it named none). */
    Connection connection(int i) {
        Connection key = key(i);
        return key == null || !reversed(i) ? key : key.reversed();
    }

    /**
     * Message lists, reused with their arrays: a request holds one from its first message until it needs them no
     * more, so the pool holds about as many as requests are waiting for replies at once. Sized in powers of two
     * messages; only the usual sizes are kept. Whoever gives one back drops its reference to it.
     */
    static final class Pool {
        private static final int CLASSES = 8; // 1 .. 128 messages
        private final java.util.ArrayDeque<SaidMessages>[] free;

        @SuppressWarnings("unchecked")
        Pool() {
            free = new java.util.ArrayDeque[CLASSES];
            for (int c = 0; c < CLASSES; c++) {
                free[c] = new java.util.ArrayDeque<>();
            }
        }

        /** Room for the messages a packet's header announces (more grow the array, fewer leave room unused). */
        SaidMessages take(int announced) {
            int c = sizeClass(announced);
            SaidMessages m = c < CLASSES ? free[c].poll() : null;
            return m != null ? m : new SaidMessages(new long[(1 << Math.min(c, CLASSES)) * STRIDE]);
        }

        void give(SaidMessages m) {
            if (m == NONE) {
                return;
            }
            m.size = 0;
            int messages = m.words.length / STRIDE;
            int c = sizeClass(messages);
            if (c < CLASSES && 1 << c == messages) {
                free[c].push(m);
            }
        }

        /** Lets the spare lists go (when the analysis has finished and is kept only for its results). */
        void clear() {
            for (java.util.ArrayDeque<SaidMessages> spare : free) {
                spare.clear();
            }
        }

        private static int sizeClass(int messages) {
            return messages <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(messages - 1);
        }
    }
}
