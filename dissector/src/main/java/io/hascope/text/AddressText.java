package io.hascope.text;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.regex.Pattern;

/** Addresses as text: dotted IPv4, RFC 5952 IPv6 (longest zero run compressed, lowercase), colon MACs. */
public final class AddressText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** "0" … "255": an IPv4 octet is one table lookup instead of an integer-to-text conversion. */
    private static final String[] OCTETS = new String[256];

    static {
        for (int i = 0; i < 256; i++) {
            OCTETS[i] = Integer.toString(i);
        }
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private AddressText() {
    }

    /**
     * An IP address written as a literal, as the 4 or 16 bytes the wire carries; null when the text is none (a host
     * name is never resolved, and ::ffff:a.b.c.d keeps its 16-byte form, which InetAddress would make IPv4).
     */
    public static byte[] parseIp(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
        if (text.contains(":") && bytes.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        return bytes;
    }

    public static String of(byte[] address) {
        StringBuilder sb = new StringBuilder(40);
        ip(new StringText(sb), ByteBuffer.wrap(address), 0, address.length);
        return sb.toString();
    }

    /** Dotted IPv4 of the address in an int, as {@link #of} writes four bytes. */
    public static String ipv4(int v) {
        return OCTETS[v >>> 24] + '.' + OCTETS[(v >>> 16) & 0xff] + '.' + OCTETS[(v >>> 8) & 0xff] + '.'
                + OCTETS[v & 0xff];
    }

    public static void ip(TextOut sb, ByteBuffer b, int at, int length) {
        if (length == 4) {
            int v = b.getInt(at);
            sb.append(OCTETS[v >>> 24]).append('.').append(OCTETS[(v >>> 16) & 0xff]).append('.')
                    .append(OCTETS[(v >>> 8) & 0xff]).append('.').append(OCTETS[v & 0xff]);
            return;
        }
        if (length != 16) {
            hex(sb, b, at, length);
            return;
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = b.getShort(at + 2 * i) & 0xffff;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        boolean ipv4Mapped = bestStart == 0 && bestLen == 5 && words[5] == 0xffff;
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (ipv4Mapped && i == 6) {
                sb.append(':').append(OCTETS[b.get(at + 12) & 0xff]).append('.').append(OCTETS[b.get(at + 13) & 0xff])
                        .append('.').append(OCTETS[b.get(at + 14) & 0xff]).append('.').append(OCTETS[b.get(at + 15) & 0xff]);
                return;
            }
            if (i > 0 && i != bestStart + bestLen) {
                sb.append(':');
            }
            hexWord(sb, words[i]);
        }
    }

    private static void hexWord(TextOut sb, int word) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int digit = (word >>> shift) & 15;
            if (digit != 0 || started || shift == 0) {
                sb.append(HEX[digit]);
                started = true;
            }
        }
    }

    public static void mac(TextOut sb, ByteBuffer b, int at, int length) {
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            int v = b.get(at + i) & 0xff;
            sb.append(HEX[v >>> 4]).append(HEX[v & 15]);
        }
    }

    public static void hex(TextOut sb, ByteBuffer b, int at, int length) {
        for (int i = 0; i < length; i++) {
            int v = b.get(at + i) & 0xff;
            sb.append(HEX[v >>> 4]).append(HEX[v & 15]);
        }
    }

    /** The 48-bit MAC in the low bits of value, as aa:bb:cc:dd:ee:ff. */
    public static String mac(long value) {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int v = (int) (value >>> shift) & 0xff;
            if (shift < 40) {
                sb.append(':');
            }
            sb.append(HEX[v >>> 4]).append(HEX[v & 15]);
        }
        return sb.toString();
    }
}
