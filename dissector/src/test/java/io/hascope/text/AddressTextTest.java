package io.hascope.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AddressTextTest {
    @Test
    void anAddressTypedAnyWayComesBackAsTheReportWritesIt() {
        assertEquals("192.0.2.1", AddressText.of(AddressText.parseIp("192.0.2.1")));
        assertEquals("2001:db8::1", AddressText.of(AddressText.parseIp("2001:DB8:0:0::0:1")));
        assertEquals("::1", AddressText.of(AddressText.parseIp("0:0:0:0:0:0:0:1")));
    }

    @Test
    void anIpv4MappedAddressKeepsTheSixteenBytesTheWireCarries() {
        byte[] mapped = AddressText.parseIp("::ffff:192.0.2.1");
        assertEquals(16, mapped.length, "InetAddress alone would make it four bytes of IPv4");
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, java.util.Arrays.copyOfRange(mapped, 12, 16));
        assertEquals((byte) 0xff, mapped[10]);
    }

    @Test
    void whatIsNoAddressLiteralIsNoneAndNoNameIsEverResolved() {
        assertNull(AddressText.parseIp("localhost"), "a host name, even one that resolves");
        assertNull(AddressText.parseIp("dpu-a.example"));
        assertNull(AddressText.parseIp("192.0.2"), "InetAddress would read three parts as 192.0.0.2");
        assertNull(AddressText.parseIp("2001:db8::zz"));
        assertNull(AddressText.parseIp("1:2:3:4:5:6:7:8:9"));
        assertNull(AddressText.parseIp(""));
    }

    @Test
    void anIpv4AddressHeldInAnIntReadsAsItsFourBytesDo() {
        java.util.Random random = new java.util.Random(42);
        int[] edges = {0, -1, 0x7f000001, 0x80000000, 0xc0000201, 0x0a00ff09};
        for (int i = 0; i < 10_000; i++) {
            int v = i < edges.length ? edges[i] : random.nextInt();
            byte[] bytes = java.nio.ByteBuffer.allocate(4).putInt(v).array();
            assertEquals(AddressText.of(bytes), AddressText.ipv4(v));
        }
        assertEquals("192.0.2.1", AddressText.ipv4(0xc0000201));
    }
}
