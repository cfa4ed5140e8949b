package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A connection key is packed, and still reads back, compares and orders as the eleven values it was made of. */
class ConnectionTest {
    private static final Connection V6 = new Connection(0xffff_ffff_ffffL, 0xfffffffe, 255, 0x20010db800000000L, 7, 6,
            65535, 0x20010db800000000L, 3, 6, 0);

    @Test
    void everyValueReadsBackAtTheEdgesOfItsRange() {
        assertEquals(0xffff_ffff_ffffL, V6.eni());
        assertEquals(0xfffffffe, V6.vnet());
        assertEquals(255, V6.protocol());
        assertEquals(0x20010db800000000L, V6.srcHigh());
        assertEquals(7, V6.srcLow());
        assertEquals(6, V6.srcVersion());
        assertEquals(65535, V6.srcPort());
        assertEquals(3, V6.dstLow());
        assertEquals(6, V6.dstVersion());
        assertEquals(0, V6.dstPort());
        assertEquals("[2001:db8::7]:65535→[2001:db8::3]:0", V6.toString());
    }

    @Test
    void bothOrientationsShareOneKeyAndOnlyEqualValuesAreEqual() {
        Connection reversed = V6.reversed();
        assertEquals(65535, reversed.dstPort());
        assertEquals(V6.normalized(), reversed.normalized());
        assertEquals(V6.normalized().hashCode(), reversed.normalized().hashCode());
        assertEquals(V6.normalized().fingerprint(), reversed.normalized().fingerprint());
        assertSame(reversed, reversed.normalized(), "the lower endpoint first is already the key");
        Connection otherPort = new Connection(V6.eni(), V6.vnet(), V6.protocol(), V6.srcHigh(), V6.srcLow(), 6, 65534,
                V6.dstHigh(), V6.dstLow(), 6, 0);
        assertNotEquals(V6, otherPort);
        Connection otherProtocol = new Connection(V6.eni(), V6.vnet(), 17, V6.srcHigh(), V6.srcLow(), 6, 65535,
                V6.dstHigh(), V6.dstLow(), 6, 0);
        assertNotEquals(V6, otherProtocol);
    }

    @Test
    void valuesThatDoNotFitTheirFieldAreRefusedRatherThanFolded() {
        assertThrows(IllegalArgumentException.class, () -> new Connection(1, 1, 6, 0, 1, 4, 65536, 0, 2, 4, 80));
        assertThrows(IllegalArgumentException.class, () -> new Connection(1, 1, 6, 0, 1, 4, -1, 0, 2, 4, 80));
        assertThrows(IllegalArgumentException.class, () -> new Connection(1, 1, 256, 0, 1, 4, 1, 0, 2, 4, 80));
    }
}
