package io.hascope.event;

import io.hascope.text.AddressText;

import java.nio.ByteBuffer;

/**
 * A mutable IPv4/IPv6 address held in two longs, so events carry addresses without allocating.
 * IPv4 sits in the low 32 bits of {@code low} with {@code high} zero.
 */
public final class IpAddress {
    private long high;
    private long low;
    private int version;

    public IpAddress read(ByteBuffer b, int at, int length) {
        if (length == 4) {
            high = 0;
            low = b.getInt(at) & 0xffffffffL;
            version = 4;
        } else {
            high = b.getLong(at);
            low = b.getLong(at + 8);
            version = 6;
        }
        return this;
    }

    public IpAddress read(io.hascope.capture.FrameBytes b, int at, int length) {
        if (length == 4) {
            return setIpv4(b.getInt(at));
        }
        high = b.getLong(at);
        low = b.getLong(at + 8);
        version = 6;
        return this;
    }

    public IpAddress setIpv4(int address) {
        high = 0;
        low = address & 0xffffffffL;
        version = 4;
        return this;
    }

    public IpAddress clear() {
        high = 0;
        low = 0;
        version = 0;
        return this;
    }

    public long high() {
        return high;
    }

    public long low() {
        return low;
    }

    /** 4, 6, or 0 when unset. */
    public int version() {
        return version;
    }

    public boolean sameAs(IpAddress o) {
        return high == o.high && low == o.low && version == o.version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && sameAs(a);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * 31 + low) * 31 + version;
    }

    public byte[] toBytes() {
        if (version == 4) {
            return ByteBuffer.allocate(4).putInt((int) low).array();
        }
        return ByteBuffer.allocate(16).putLong(high).putLong(low).array();
    }

    @Override
    public String toString() {
        if (version == 0) {
            return "";
        }
        return AddressText.of(toBytes());
    }
}
