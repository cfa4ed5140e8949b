package io.hascope.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the capture shows of one DPU: its role and term, what its receiver advertised, and its two tables. */
public final class DpuState {
    final String address;
    final long addressHigh;
    final long addressLow;
    int role = -1;
    int term = -1;
    /** The term in which it was last seen turning from STANDALONE to another role, or -1. */
    int leftStandaloneInTerm = -1;
    final Set<Integer> roles = new LinkedHashSet<>();
    long lastSeen = Long.MIN_VALUE;
    long lastFrame;
    boolean failed;
    /** Failed and silent past the failover silence: its table counts as gone until it is heard again. */
    boolean gone;
    /** CAPABILITIES this DPU's receiver advertised: N (0 unknown), largest datagram (0 none), truncation. */
    int advertisedN;
    int advertisedBytes;
    boolean truncates;
    long requests;
    long replies;
    /** Messages in the requests it sent. */
    long messages;
    /**
     * The stores of what it reports as owner (one per receiver, in practice its one peer) and of what it receives
     * from owners: its own table is the owner half of the first, its peer copies the copy half of the second.
     */
    final List<ConnectionStore> owning = new ArrayList<>(1);
    final List<ConnectionStore> receiving = new ArrayList<>(1);
    final Map<DpuState, ConnectionStore> storeTo = new java.util.IdentityHashMap<>();
    private final Map<Connection, TableEntry> ownView = new DpuTable(owning, ConnectionStore.OWN);
    private final Map<Connection, TableEntry> peerView = new DpuTable(receiving, ConnectionStore.COPY);
    /** The distinct connections it reported on as owner, and installed from its peer (analysis.md §7). */
    final DistinctCounter ownedEver = new DistinctCounter();
    final DistinctCounter installedEver = new DistinctCounter();
    // the snapshot round being received from the peer (spec §3.6)
    long roundInProgress = -1;
    long refreshesInRound;
    /** It is sending a snapshot round (between its BEGIN and END marks): its REFRESHes belong to the round. */
    boolean sendingRound;
    /**
     * It refreshes its entries (a REFRESH outside any snapshot round: Xsight v1's discipline), so its peer ages out
     * the copies it does not refresh within the HA timeout.
     */
    boolean refreshes;
    /** When it last sent a REFRESH outside a snapshot round, and since when it has with no pause past the timeout. */
    long lastRefresh = Long.MIN_VALUE;
    long refreshingSince;
    /** Copies of connections it held on the wire that the HA timeout aged out: judged once heard long enough. */
    final List<TableAnalysis.AgedCopy> agedUnjudged = new ArrayList<>(0);

    final int version;
    /** Per peer: bytes and packets sent to it, the rUDP channel to it. */
    final Map<DpuState, long[]> bytesTo = new java.util.IdentityHashMap<>();
    final Map<DpuState, TransportChannel> channelTo = new java.util.IdentityHashMap<>();

    DpuState(String address, long high, long low, int version) {
        this.version = version;
        this.address = address;
        this.addressHigh = high;
        this.addressLow = low;
    }

    public String address() {
        return address;
    }

    /** The entries it reports as owner, as of now (read-only). */
    public Map<Connection, TableEntry> own() {
        return ownView;
    }

    /** Its copies of what its peer reported, as of now (read-only). */
    public Map<Connection, TableEntry> peer() {
        return peerView;
    }

    /** The store of what it reports to a receiver, made on first use. */
    ConnectionStore storeTo(DpuState receiver) {
        ConnectionStore s = storeTo.get(receiver);
        if (s == null) {
            s = new ConnectionStore(this, receiver);
            storeTo.put(receiver, s);
            owning.add(s);
            receiver.receiving.add(s);
        }
        return s;
    }

    public Set<Integer> roles() {
        return roles;
    }

    public long requests() {
        return requests;
    }

    public long replies() {
        return replies;
    }

    public int ownConnections() {
        return (int) Math.min(Integer.MAX_VALUE, ownedEver.size());
    }

    public int peerConnections() {
        return (int) Math.min(Integer.MAX_VALUE, installedEver.size());
    }
}
