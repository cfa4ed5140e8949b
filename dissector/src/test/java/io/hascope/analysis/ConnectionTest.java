package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static io.hascope.event.SyncMessage message(String src, int srcPort, String dst, int dstPort) {
        io.hascope.event.SyncMessage m = new io.hascope.event.SyncMessage();
        m.hasConnection = true;
        m.eni = 7;
        m.vnet = 100;
        m.protocol = 6;
        m.source.setIpv4(ipv4(src));
        m.sourcePort = srcPort;
        m.destination.setIpv4(ipv4(dst));
        m.destinationPort = dstPort;
        return m;
    }

    private static int ipv4(String dotted) {
        int a = 0;
        for (String part : dotted.split("\\.")) {
            a = a << 8 | Integer.parseInt(part);
        }
        return a;
    }

    @Test
    void aMessageAboutEitherDirectionOfAConnectionGivesTheSameKey() {
        SaidMessages said = new SaidMessages.Pool().take(2);
        said.add(message("10.0.0.6", 40001, "10.2.0.9", 443), 3);
        said.add(message("10.2.0.9", 443, "10.0.0.6", 40001), 3);
        Connection key = said.key(0);
        assertEquals(key, said.key(1));
        assertEquals(said.fingerprint(0), said.fingerprint(1));
        assertEquals(key.fingerprint(), said.fingerprint(0), "a flat key mixes as the object does");
        assertEquals(key.hashCode(), said.key(1).hashCode());
        assertFalse(said.reversed(0), "the lower address first is already the key's order");
        assertTrue(said.reversed(1));
        assertEquals("10.0.0.6:40001→10.2.0.9:443", key.toString());
        assertEquals("10.2.0.9:443→10.0.0.6:40001", said.connection(1).toString());
        assertEquals(key.reversed(), said.connection(1));
    }

    @Test
    void onlyEqualValuesAreEqual() {
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
