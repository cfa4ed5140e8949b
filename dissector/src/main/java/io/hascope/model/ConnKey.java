package io.hascope.model;

import java.nio.ByteBuffer;

/** A connection as the sync messages name it: ENI, VNET, protocol and both endpoints (value equality). */
public record ConnKey(long eni, int vnet, int protocol, boolean ipv6, long srcHigh, long srcLow, long dstHigh,
                      long dstLow, int sourcePort, int destinationPort) {

    public byte[] source() {
        return address(srcHigh, srcLow);
    }

    public byte[] destination() {
        return address(dstHigh, dstLow);
    }

    private byte[] address(long high, long low) {
        return ipv6 ? ByteBuffer.allocate(16).putLong(high).putLong(low).array()
                : ByteBuffer.allocate(4).putInt((int) low).array();
    }
}
