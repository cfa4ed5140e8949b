package io.hascope.encode;

import java.nio.ByteBuffer;

/** Builds DASH flow-sync metadata headers (spec §5), followed by the customer frame. */
public final class DashEncoder {
    private DashEncoder() {
    }

    /** Flow key values; addresses 4 or 16 bytes. */
    public record Key(long eni, int vnet, byte[] source, byte[] destination, int sourcePort, int destinationPort,
                      int protocol) {
    }

    /** Flow data values. Actions bit 0 adds underlay 0, bit 1 underlay 1; any non-zero value adds the overlay. */
    public record Data(boolean unidirectional, int direction, long version, long actions, long meterClass,
                       long idleTimeoutMs) {
    }

    /**
     * A header with what is given (key and data may be null), length computed unless lengthOverride ≥ 0,
     * then the customer frame.
     */
    public static byte[] header(int source, int type, int subtype, Key key, Data data, byte[] customerFrame,
                                int lengthOverride) {
        ByteBuffer b = ByteBuffer.allocate(4 + 46 + 19 + 75 + 52 + customerFrame.length);
        b.put((byte) source).put((byte) ((type << 4) | subtype)).putShort((short) 0);
        if (key != null) {
            HasyncEncoder.putMac(b, key.eni());
            b.putShort((short) key.vnet());
            putAddress(b, key.source());
            putAddress(b, key.destination());
            b.putShort((short) key.sourcePort()).putShort((short) key.destinationPort()).put((byte) key.protocol());
            b.put((byte) (key.source().length == 16 ? 1 : 0));
        }
        if (data != null) {
            b.put((byte) (data.unidirectional() ? 1 : 0)).putShort((short) data.direction());
            b.putInt((int) data.version()).putInt((int) data.actions()).putInt((int) data.meterClass())
                    .putInt((int) data.idleTimeoutMs());
            if (data.actions() != 0) {
                b.put(new byte[75]); // overlay rewrite, all zero: IPv4, no rewrite values
                if ((data.actions() & 1) != 0) {
                    encap(b, 100);
                }
                if ((data.actions() & 2) != 0) {
                    encap(b, 200);
                }
            }
        }
        int length = b.position();
        b.putShort(2, (short) (lengthOverride >= 0 ? lengthOverride : length));
        b.put(customerFrame);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static void encap(ByteBuffer b, int vni) {
        b.put((byte) (vni >>> 16)).putShort((short) vni).put((byte) 0);
        b.put(new byte[] {10, 0, 0, 1}).put(new byte[] {10, 0, 0, 2});
        b.put(new byte[] {2, 0, 0, 0, 0, 1}).put(new byte[] {2, 0, 0, 0, 0, 2});
        b.putShort((short) 1);
    }

    private static void putAddress(ByteBuffer b, byte[] address) {
        if (address.length == 4) {
            b.put(new byte[12]);
        }
        b.put(address);
    }
}
