package io.hascope.analysis;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** What the capture shows of one DPU: its role and term, what its receiver advertised, and its two tables. */
public final class DpuState {
    final String address;
    final long addressHigh;
    final long addressLow;
    int role = -1;
    int term = -1;
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
    /** Connections this DPU owns (as sender) and its copies of its peer's (as receiver). */
    final ConnectionTable own = new ConnectionTable();
    final ConnectionTable peer = new ConnectionTable();
    /** Which of its copies outlive their owner's entry (divergences live on the owner's entries). */
    final Map<Connection, Analyzer.ZombieCandidate> zombieCandidates = new java.util.HashMap<>();
    /** The distinct connections it reported on as owner, and installed from its peer (analysis.md §7). */
    final DistinctCounter ownedEver = new DistinctCounter();
    final DistinctCounter installedEver = new DistinctCounter();
    // the snapshot round being received from the peer (spec §3.6)
    long roundInProgress = -1;
    long refreshesInRound;
    final Set<Connection> seenInRound = new java.util.HashSet<>();

    final int version;
    /** Per peer: its requests still unanswered, bytes and packets sent to it, the rUDP channel to it. */
    final Map<DpuState, java.util.Deque<PendingRequest>> unansweredBy = new java.util.IdentityHashMap<>();
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

    public Map<Connection, TableEntry> own() {
        return own;
    }

    public Map<Connection, TableEntry> peer() {
        return peer;
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
