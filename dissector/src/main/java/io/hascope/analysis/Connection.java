package io.hascope.analysis;

import io.hascope.text.AddressText;
import io.hascope.event.SyncMessage;

/**
 * A connection as analysis.md §1 keys it: ENI, VNET, protocol and the two endpoints in either order, so a message
 * about (a→b) and one about (b→a) name the same connection. Keeps the orientation it was first seen in, for display.
 * An immutable value with a record's accessors, but packed: protocol and the two IP versions share an int, the two
 * ports another. One is made per sync message, and its mixed bits once with it (the live tables hold none: they
 * keep the same fields flat, see ConnectionStore).
 */
public final class Connection {
    private final long eni;
    private final long srcHigh;
    private final long srcLow;
    private final long dstHigh;
    private final long dstLow;
    private final int vnet;
    /** protocol | srcVersion << 8 | dstVersion << 16 */
    private final int kinds;
    /** srcPort << 16 | dstPort */
    private final int ports;
    /** Mixed once: every table lookup and distinct count of the connection uses it. */
    private final long fingerprint;

    public Connection(long eni, int vnet, int protocol, long srcHigh, long srcLow, int srcVersion, int srcPort,
                      long dstHigh, long dstLow, int dstVersion, int dstPort) {
        if ((protocol | srcVersion | dstVersion) >>> 8 != 0 || (srcPort | dstPort) >>> 16 != 0) {
            throw new IllegalArgumentException("protocol, IP versions and ports out of range: " + protocol + ", "
                    + srcVersion + ", " + dstVersion + ", " + srcPort + ", " + dstPort);
        }
        this.eni = eni;
        this.vnet = vnet;
        this.srcHigh = srcHigh;
        this.srcLow = srcLow;
        this.dstHigh = dstHigh;
        this.dstLow = dstLow;
        this.kinds = protocol | srcVersion << 8 | dstVersion << 16;
        this.ports = srcPort << 16 | dstPort;
        this.fingerprint = mix();
    }

    private Connection(long eni, int vnet, int kinds, long srcHigh, long srcLow, long dstHigh, long dstLow,
                       int ports) {
        this.eni = eni;
        this.vnet = vnet;
        this.kinds = kinds;
        this.srcHigh = srcHigh;
        this.srcLow = srcLow;
        this.dstHigh = dstHigh;
        this.dstLow = dstLow;
        this.ports = ports;
        this.fingerprint = mix();
    }

    /** From the packed words {@link #kinds()} and {@link #ports()} give (a flat table's record). */
    static Connection ofRaw(long eni, int vnet, int kinds, long srcHigh, long srcLow, long dstHigh, long dstLow,
                            int ports) {
        return new Connection(eni, vnet, kinds, srcHigh, srcLow, dstHigh, dstLow, ports);
    }

    /** protocol | source IP version &lt;&lt; 8 | destination IP version &lt;&lt; 16 */
    int kinds() {
        return kinds;
    }

    /** source port &lt;&lt; 16 | destination port */
    int ports() {
        return ports;
    }

    /** A total order of keys: endpoints first (addresses, then ports), then ENI, VNET, protocol and IP versions. */
    public static final java.util.Comparator<Connection> ORDER = java.util.Comparator
            .comparingLong(Connection::srcHigh).thenComparingLong(Connection::srcLow)
            .thenComparingInt(Connection::srcPort).thenComparingLong(Connection::dstHigh)
            .thenComparingLong(Connection::dstLow).thenComparingInt(Connection::dstPort)
            .thenComparingLong(Connection::eni).thenComparingInt(Connection::vnet)
            .thenComparingInt(Connection::kinds);

    public long eni() {
        return eni;
    }

    public int vnet() {
        return vnet;
    }

    public int protocol() {
        return kinds & 0xff;
    }

    public long srcHigh() {
        return srcHigh;
    }

    public long srcLow() {
        return srcLow;
    }

    public int srcVersion() {
        return (kinds >>> 8) & 0xff;
    }

    public int srcPort() {
        return ports >>> 16;
    }

    public long dstHigh() {
        return dstHigh;
    }

    public long dstLow() {
        return dstLow;
    }

    public int dstVersion() {
        return kinds >>> 16;
    }

    public int dstPort() {
        return ports & 0xffff;
    }

    /** Whether the message names its connection the other way round from the tables' key. */
    static boolean isReversed(SyncMessage m) {
        return !inOrder(m.source.high(), m.source.low(), m.sourcePort, m.destination.high(), m.destination.low(),
                m.destinationPort);
    }

    private static boolean inOrder(long srcHigh, long srcLow, int srcPort, long dstHigh, long dstLow, int dstPort) {
        int c = Long.compare(srcHigh, dstHigh);
        if (c == 0) {
            c = Long.compare(srcLow, dstLow);
        }
        if (c == 0) {
            c = Integer.compare(srcPort, dstPort);
        }
        return c <= 0;
    }

    /** The same connection seen from its other end. */
    Connection reversed() {
        return new Connection(eni, vnet, protocol(), dstHigh, dstLow, dstVersion(), dstPort(), srcHigh, srcLow,
                srcVersion(), srcPort());
    }

    /** A record's hash combines fields by 31 and leaves IPv4 keys crowding a few buckets; this one mixes. */
    @Override
    public int hashCode() {
        return hashOf(fingerprint);
    }

    /** 64 well-mixed bits, for counting distinct connections without keeping them and for table slots. */
    long fingerprint() {
        return fingerprint;
    }

    private long mix() {
        return mix(eni, vnet, kinds, srcHigh, srcLow, dstHigh, dstLow, ports);
    }

    /** The fingerprint of a key given as its packed words (a flat message or table record). */
    static long mix(long eni, int vnet, int kinds, long srcHigh, long srcLow, long dstHigh, long dstLow, int ports) {
        long h = eni * 0x9e3779b97f4a7c15L;
        h = (h ^ (((long) vnet << 8) | (kinds & 0xff))) * 0xff51afd7ed558ccdL;
        h = Long.rotateLeft(h ^ srcHigh, 29) * 0xc4ceb9fe1a85ec53L;
        h = Long.rotateLeft(h ^ srcLow, 31) * 0x9e3779b97f4a7c15L;
        h = Long.rotateLeft(h ^ dstHigh, 29) * 0xff51afd7ed558ccdL;
        h = Long.rotateLeft(h ^ dstLow, 31) * 0xc4ceb9fe1a85ec53L;
        int versions = ((kinds >>> 8) & 0xff) ^ (kinds >>> 16);
        h = (h ^ (ports & 0xffffffffL) ^ ((long) versions << 40)) * 0x9e3779b97f4a7c15L;
        // a final avalanche (MurmurHash3's fmix64): every output bit depends on every input bit, which both the
        // counter's slot index (low bits) and its estimate (top bits, leading zeros) rely on
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** The table hash of a fingerprint (what {@link #hashCode()} gives). */
    static int hashOf(long fingerprint) {
        return (int) (fingerprint ^ (fingerprint >>> 32));
    }

    /** The packed protocol and IP versions, as {@link #kinds()} holds them. */
    static int kinds(int protocol, int srcVersion, int dstVersion) {
        return (protocol & 0xff) | (srcVersion & 0xff) << 8 | (dstVersion & 0xff) << 16;
    }

    /** The packed ports, as {@link #ports()} holds them. */
    static int ports(int srcPort, int dstPort) {
        return (srcPort & 0xffff) << 16 | (dstPort & 0xffff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Connection c && srcLow == c.srcLow && dstLow == c.dstLow && ports == c.ports
                && srcHigh == c.srcHigh && dstHigh == c.dstHigh && eni == c.eni && vnet == c.vnet && kinds == c.kinds;
    }

    public String source() {
        return address(srcHigh, srcLow, srcVersion());
    }

    public String destination() {
        return address(dstHigh, dstLow, dstVersion());
    }

    private static String address(long high, long low, int version) {
        return version == 6 ? AddressText.of(java.nio.ByteBuffer.allocate(16).putLong(high).putLong(low).array())
                : AddressText.ipv4((int) low);
    }

    @Override
    public String toString() {
        return endpoint(source(), srcVersion(), srcPort()) + "→" + endpoint(destination(), dstVersion(), dstPort());
    }

    private static String endpoint(String address, int version, int port) {
        return (version == 6 ? "[" + address + "]" : address) + ":" + port;
    }
}
