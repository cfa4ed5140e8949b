package io.hascope.encode;

/** The values of one STATE_UPDATE body (spec §3.2); addresses are 4 or 16 bytes, both the same size. */
public record StateUpdate(int op, int state, boolean unidirectional, int direction, int protocol, long eni, int vnet,
                          long version, long idleTimeoutMs, byte[] source, byte[] destination, int sourcePort,
                          int destinationPort) {
    public boolean ipv6() {
        return source.length == 16;
    }

    public int bodyLength() {
        return ipv6() ? 56 : 32;
    }
}
