package io.hascope.encode;

import java.nio.ByteBuffer;

/** Builds the outer and customer layers: Ethernet with tags, IPv4 (options) or IPv6 (extension headers), UDP, TCP. */
public final class FrameEncoder {
    public static final byte[] MAC_A = {0x02, 0, 0, 0, 0, 0x0a};
    public static final byte[] MAC_B = {0x02, 0, 0, 0, 0, 0x0b};

    private FrameEncoder() {
    }

    public static byte[] ethernet(byte[] dst, byte[] src, int[] vlans, int etherType, byte[] payload) {
        int tags = vlans == null ? 0 : vlans.length;
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * tags + payload.length);
        b.put(dst).put(src);
        for (int i = 0; i < tags; i++) {
            b.putShort((short) (i == 0 && tags > 1 ? 0x88a8 : 0x8100)).putShort((short) (vlans[i] & 0xfff));
        }
        b.putShort((short) etherType).put(payload);
        return b.array();
    }

    /** Linux cooked capture v1 (LINKTYPE 113): packet type, ARPHRD type, a link-layer address of up to 8 bytes. */
    public static byte[] sll(int packetType, int arphrdType, byte[] address, int etherType, byte[] payload) {
        return ByteBuffer.allocate(16 + payload.length).putShort((short) packetType).putShort((short) arphrdType)
                .putShort((short) address.length).put(java.util.Arrays.copyOf(address, 8)).putShort((short) etherType)
                .put(payload).array();
    }

    /** Linux cooked capture v2 (LINKTYPE 276). */
    public static byte[] sll2(int etherType, int interfaceIndex, int arphrdType, int packetType, byte[] address,
                              byte[] payload) {
        return ByteBuffer.allocate(20 + payload.length).putShort((short) etherType).putShort((short) 0)
                .putInt(interfaceIndex).putShort((short) arphrdType).put((byte) packetType)
                .put((byte) address.length).put(java.util.Arrays.copyOf(address, 8)).put(payload).array();
    }

    /** BSD loopback (LINKTYPE 0, the capturing host's byte order) or OpenBSD loop (108, network order). */
    public static byte[] loopback(int family, java.nio.ByteOrder order, byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).order(order).putInt(family)
                .order(java.nio.ByteOrder.BIG_ENDIAN).put(payload).array();
    }

    /** IPv4 when the addresses are 4 bytes, IPv6 when 16. */
    public static byte[] ip(byte[] src, byte[] dst, int protocol, byte[] payload) {
        return src.length == 4 ? ipv4(src, dst, protocol, payload, new byte[0]) : ipv6(src, dst, protocol, payload, 0);
    }

    public static byte[] ipv4(byte[] src, byte[] dst, int protocol, byte[] payload, byte[] options) {
        return ipv4(src, dst, protocol, payload, options, 1);
    }

    /** IPv4 with this identification (the IP ID: a sender's stack numbers its packets, and a network copy keeps it). */
    public static byte[] ipv4(byte[] src, byte[] dst, int protocol, byte[] payload, byte[] options, int id) {
        int ihl = 20 + ((options.length + 3) & ~3);
        ByteBuffer b = ByteBuffer.allocate(ihl + payload.length);
        b.put((byte) (0x40 | (ihl / 4))).put((byte) 0).putShort((short) (ihl + payload.length));
        b.putShort((short) id).putShort((short) 0).put((byte) 64).put((byte) protocol).putShort((short) 0);
        b.put(src).put(dst).put(options);
        b.position(ihl);
        b.put(payload);
        byte[] out = b.array();
        int sum = checksum(out, 0, ihl);
        out[10] = (byte) (sum >>> 8);
        out[11] = (byte) sum;
        return out;
    }

    /** IPv6, with extensionHeaders empty destination-options headers (8 bytes each) before the payload. */
    public static byte[] ipv6(byte[] src, byte[] dst, int protocol, byte[] payload, int extensionHeaders) {
        ByteBuffer b = ByteBuffer.allocate(40 + 8 * extensionHeaders + payload.length);
        b.putInt(0x60000000).putShort((short) (8 * extensionHeaders + payload.length));
        b.put((byte) (extensionHeaders > 0 ? 60 : protocol)).put((byte) 64).put(src).put(dst);
        for (int i = 0; i < extensionHeaders; i++) {
            b.put((byte) (i == extensionHeaders - 1 ? protocol : 60)).put((byte) 0).put(new byte[] {1, 4, 0, 0, 0, 0});
        }
        b.put(payload);
        return b.array();
    }

    public static byte[] udp(int sourcePort, int destinationPort, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putShort((short) sourcePort).putShort((short) destinationPort)
                .putShort((short) (8 + payload.length)).putShort((short) 0).put(payload).array();
    }

    public static byte[] tcp(int sourcePort, int destinationPort, long seq, long ack, int flags, byte[] payload) {
        return ByteBuffer.allocate(20 + payload.length).putShort((short) sourcePort)
                .putShort((short) destinationPort).putInt((int) seq).putInt((int) ack).put((byte) 0x50)
                .put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0).put(payload).array();
    }

    /** An IPv4 UDP frame whose IP packet carries this identification. */
    public static byte[] udpFrame(byte[] srcIp, byte[] dstIp, int sourcePort, int destinationPort, byte[] payload,
                                  int ipId) {
        return ethernet(MAC_B, MAC_A, null, 0x0800,
                ipv4(srcIp, dstIp, 17, udp(sourcePort, destinationPort, payload), new byte[0], ipId));
    }

    /** Ethernet / IP / UDP in one call: the usual shape of an HA frame on a mirror port. */
    public static byte[] udpFrame(byte[] srcIp, byte[] dstIp, int sourcePort, int destinationPort, byte[] payload) {
        return ethernet(MAC_B, MAC_A, null, srcIp.length == 4 ? 0x0800 : 0x86dd,
                ip(srcIp, dstIp, 17, udp(sourcePort, destinationPort, payload)));
    }

    private static int checksum(byte[] b, int at, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            sum += ((b[at + i] & 0xff) << 8) | (b[at + i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
