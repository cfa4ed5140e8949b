package io.hascope.event;

/**
 * One message of a sync packet, normalized across dialects: the connection it names, what it says about it,
 * and, for CAPABILITIES and SNAPSHOT_MARK, their values. A reused flyweight, valid during the callback.
 * <p>
 * The header fields (index, type, opaque, body length and presence, hasConnection) are always set. The fields of a
 * group are set for the types that carry it and unspecified otherwise (they may hold an earlier message's values),
 * as in SBE flyweights: connection fields when {@link #hasConnection}; frame fields for PACKET and DASH messages;
 * capability fields for CAPABILITIES; snapshot fields for SNAPSHOT.
 */
public final class SyncMessage {
    public int index;
    public MessageType type;
    public int rawType;
    public int opaqueAt;
    public int opaqueLength;
    public int bodyLength;
    public boolean bodyPresent;

    /** STATE: op 1 CREATE, 2 UPDATE, 3 DELETE, 4 REFRESH; 0 for PACKET (the state comes from the frame). */
    public int op;
    /** Connection state (spec §3.5); -1 where the dialect does not carry one (DASH). */
    public int connectionState;
    public boolean ipv6;
    public boolean unidirectional;
    public int direction;
    public int protocol;
    public long eni;
    public int vnet;
    public long version;
    public long idleTimeoutMs;
    public final IpAddress source = new IpAddress();
    public final IpAddress destination = new IpAddress();
    public int sourcePort;
    public int destinationPort;
    /** Whether the connection fields above are filled (a truncated reply or a short body leaves them empty). */
    public boolean hasConnection;

    /** PACKET_UPDATE (and the DASH carried frame): TCP flags of the customer frame, -1 when not TCP. */
    public int tcpFlags;
    public int originalFrameLength;
    public boolean frameCut;
    public int frameAt;
    public int frameLength;

    public int maxMessages;
    public long maxBytes;
    public boolean truncates;
    public boolean acceptsPacketUpdates;

    public int snapshotPhase;
    public long snapshotRound;
    public long snapshotCount;

    /** Sets the header for message index; the dissector then fills the groups its type carries. */
    void reset(int index) {
        this.index = index;
        type = MessageType.UNKNOWN;
        rawType = 0;
        opaqueAt = 0;
        opaqueLength = 0;
        bodyLength = 0;
        bodyPresent = false;
        hasConnection = false;
    }

    /** Resets every field, for decoders that fill a message piece by piece (DASH). */
    void clear(int index) {
        reset(index);
        op = 0;
        connectionState = -1;
        ipv6 = false;
        unidirectional = false;
        direction = 0;
        protocol = 0;
        eni = 0;
        vnet = 0;
        version = 0;
        idleTimeoutMs = 0;
        source.clear();
        destination.clear();
        sourcePort = 0;
        destinationPort = 0;
        tcpFlags = -1;
        originalFrameLength = 0;
        frameCut = false;
        frameAt = 0;
        frameLength = 0;
        maxMessages = 0;
        maxBytes = 0;
        truncates = false;
        acceptsPacketUpdates = false;
        snapshotPhase = 0;
        snapshotRound = 0;
        snapshotCount = 0;
    }
}
