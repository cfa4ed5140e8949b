package io.hascope.event;

import java.nio.ByteBuffer;

/**
 * One sync packet (a hasync packet or a DASH flow-sync/probe header), normalized. A reused flyweight: the
 * dissector refills it for every packet; byte ranges point into the frame's buffer and are valid only during
 * the callback.
 */
public final class SyncPacket {
    public long frameNumber;
    public long timeNanos;
    /** Bytes of the whole frame on the wire. */
    public int wireLength;
    /** Bytes of the UDP payload (or of the DASH header and what follows on raw Ethernet). */
    public int datagramLength;
    public Dialect dialect;
    public PacketKind kind;
    public final IpAddress source = new IpAddress();
    public final IpAddress destination = new IpAddress();
    public int sourcePort;
    public int destinationPort;
    public boolean replyRequested;
    public boolean truncateOk;
    public boolean truncated;
    public int messageCount;
    public ByteBuffer buffer;
    public int opaqueAt;
    public int opaqueLength;
    public int role;
    public int term;
    /** The reliable transport header, when present. */
    public boolean hasTransport;
    public int transportSeq;
    public int transportAck;
    /** Start of the hasync packet or DASH header in buffer, and its length as captured. */
    public int packetAt;
    public int packetLength;
    /** The dissector found something wrong with this packet; its messages may be incomplete. */
    public boolean malformed;

    void reset() {
        frameNumber = 0;
        timeNanos = 0;
        wireLength = 0;
        datagramLength = 0;
        dialect = null;
        kind = null;
        source.clear();
        destination.clear();
        sourcePort = 0;
        destinationPort = 0;
        replyRequested = false;
        truncateOk = false;
        truncated = false;
        messageCount = 0;
        buffer = null;
        opaqueAt = 0;
        opaqueLength = 0;
        role = 0;
        term = 0;
        hasTransport = false;
        transportSeq = 0;
        transportAck = 0;
        packetAt = 0;
        packetLength = 0;
        malformed = false;
    }

    public boolean isReply() {
        return kind == PacketKind.REPLY || kind == PacketKind.PROBE_REPLY;
    }
}
