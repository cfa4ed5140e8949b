package io.hascope.event;

/** One reliable-UDP header (spec §2), with its channel. A reused flyweight. */
public final class TransportEvent {
    public static final int DATA = 0;
    public static final int KEEPALIVE = 1;
    public static final int NACK = 2;

    public long frameNumber;
    public long timeNanos;
    public final IpAddress source = new IpAddress();
    public final IpAddress destination = new IpAddress();
    public int sourcePort;
    public int destinationPort;
    public int type;
    public int seq;
    public int ack;
}
