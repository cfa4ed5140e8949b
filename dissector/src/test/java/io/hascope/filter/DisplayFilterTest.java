package io.hascope.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.capture.Frame;
import io.hascope.capture.LinkType;
import io.hascope.decode.Dissector;
import io.hascope.decode.DissectorConfig;
import io.hascope.encode.FrameEncoder;
import io.hascope.encode.HasyncEncoder;
import io.hascope.encode.StateUpdate;
import io.hascope.event.SyncEventSink;
import io.hascope.field.FieldTree;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario: a request from 192.0.2.1 to 192.0.2.2 over VLAN 42 with two STATE_UPDATEs — CREATE of
 * 10.1.0.5:40000 → 10.2.0.9:443 (version 1) and DELETE of [2001:db8::5]:40001 → [2001:db8::9]:80 (version 9) —
 * packet opaque 00:0a:ff, Q and T set, role ACTIVE, term 3.
 */
class DisplayFilterTest {
    static final FieldTree FRAME = decode();

    static FieldTree decode() {
        byte[] v6a = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5};
        byte[] v6b = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9};
        byte[] packet = HasyncEncoder.packet(HasyncEncoder.Flags.REQUEST_QT, 1, 3, new byte[] {0, 10, (byte) 255},
                List.of(HasyncEncoder.stateUpdate(new StateUpdate(1, 1, false, 1, 6, 0x000d3aaabbccL, 4, 1, 5000,
                                new byte[] {10, 1, 0, 5}, new byte[] {10, 2, 0, 9}, 40000, 443), new byte[0]),
                        HasyncEncoder.stateUpdate(new StateUpdate(3, 6, false, 2, 6, 0x000d3aaabbccL, 4, 9, 0, v6a, v6b,
                                40001, 80), new byte[] {7})));
        byte[] frame = FrameEncoder.ethernet(FrameEncoder.MAC_B, FrameEncoder.MAC_A, new int[] {42}, 0x0800,
                FrameEncoder.ip(new byte[] {(byte) 192, 0, 2, 1}, new byte[] {(byte) 192, 0, 2, 2}, 17,
                        FrameEncoder.udp(7400, 7400, packet)));
        FieldTree tree = new FieldTree();
        new Dissector(DissectorConfig.defaults()).dissect(Frame.of(frame, LinkType.ETHERNET), tree, SyncEventSink.NONE);
        return tree;
    }

    static boolean matches(String filter) throws FilterException {
        return DisplayFilter.compile(filter).matches(FRAME);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "hasync", "hasync.state", "vlan.id", "udp", "!tcp", "not dashmeta",
        "hasync.flags.reply_requested == 1", "hasync.flags.reply == 0", "hasync.flags.truncate_ok == true",
        "hasync.msg_count == 2", "hasync.msg_count eq 2", "hasync.msg_count != 3", "hasync.msg_count ne 3",
        "hasync.msg_count < 3", "hasync.msg_count lt 3", "hasync.msg_count <= 2", "hasync.msg_count le 2",
        "hasync.msg_count > 1", "hasync.msg_count gt 1", "hasync.msg_count >= 2", "hasync.msg_count ge 2",
        "hasync.msg_count == 0x2", "udp.dstport == 7400 && vlan.id == 42", "udp.dstport == 1 || vlan.id == 42",
        "hasync.state.op == DELETE", "hasync.state.op == delete", "hasync.state.op == 3", "hasync.role == ACTIVE",
        "hasync.state.conn_state == SYN_SENT", "hasync.state.op == CREATE and hasync.state.op == DELETE",
        "hasync.state.version > 5", "hasync.state.version < 2", "hasync.state.srcport in {1 2 40001}",
        "hasync.state.srcport in {1, 40000..40000}", "hasync.state.dstport in {79..81}",
        "hasync.state.op in {DELETE REFRESH}",
        "ip.src == 192.0.2.1", "ip.dst != 192.0.2.1", "ip.src == 192.0.2.0/24", "ip.addr == 192.0.2.2",
        "hasync.state.src == 10.1.0.5", "hasync.state.src == 2001:db8::5", "hasync.state.dst == 2001:db8::/32",
        "hasync.state.src in {10.1.0.5 192.0.2.9}", "hasync.state.src > 10.1.0.4",
        "eth.src == 02:00:00:00:00:0a", "eth.src == 02-00-00-00-00-0a", "eth.src == 02000000000a",
        "hasync.state.eni == 00:0d:3a:aa:bb:cc", "hasync.opaque == 00:0a:ff", "hasync.opaque == 000aff",
        "hasync.opaque contains 0a:ff", "hasync.opaque contains ff", "hasync.msg.opaque == 07",
        "hasync.msg.opaque contains 07", "frame.time_relative == 0", "frame.len > 100",
        "(hasync.msg_count == 2 or tcp) and not (udp.srcport == 1)", "!(hasync.flags.reply == 1)",
        "hasync.state.port == 443", "eth.type == 0x8100", "vlan.etype == IPv4",
        "ip.src matches \"^192\\.0\\.2\\.1$\"", "ip.src ~ \"2\\.1$\"", "eth.src matches \"0A$\"", "hasync.state.src matches \"2001:db8\"",
        "hasync.state.op matches \"^1$\" and not hasync.state.op matches \"^2$\""})
    void matchingFilters(String filter) throws FilterException {
        assertTrue(matches(filter), filter);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "tcp", "dashmeta", "!hasync", "hasync.flags.reply == 1", "hasync.msg_count != 2",
        "hasync.msg_count > 2", "hasync.state.op == UPDATE", "hasync.state.op != DELETE",
        "hasync.state.srcport in {1 2 3}", "hasync.state.dstport in {1..79}", "ip.src == 192.0.3.0/24",
        "hasync.state.src == 10.1.0.6", "hasync.state.src == 2001:db8::6", "eth.src == 02:00:00:00:00:0b",
        "hasync.opaque == 00:0a", "hasync.opaque contains 0b", "hasync.msg_count == 2 && tcp",
        "tcp.srcport == 1", "tcp.srcport != 1", "frame.len < 10", "hasync.state.version > 9",
        "ip.src matches \"^10\\.\"", "tcp.srcport matches \".\""})
    void nonMatchingFilters(String filter) throws FilterException {
        assertFalse(matches(filter), filter);
    }

    @Test
    void notEqualMeansNoOccurrenceEqualsAndAnAbsentFieldMatchesNeither() throws FilterException {
        assertTrue(matches("hasync.state.op == CREATE"), "some occurrence is CREATE");
        assertTrue(matches("hasync.state.op != UPDATE"), "no occurrence is UPDATE");
        assertFalse(matches("hasync.state.op != CREATE"), "an occurrence is CREATE");
        assertFalse(matches("tcp.srcport == 1"));
        assertFalse(matches("tcp.srcport != 1"), "absent fields satisfy no comparison");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hasync.msg_count ==              | 20 | expected a value for hasync.msg_count",
        "hasync.nonsense == 1             | 1  | \"hasync.nonsense\" is neither a field nor a protocol name",
        "hasync.msg_count = 2             | 18 | did you mean '=='?",
        "hasync.state.op == EXPLODE       | 20 | \"EXPLODE\" is not a valid value for hasync.state.op",
        "(hasync.msg_count == 2           | 23 | expected ')'",
        "hasync.msg_count == 2 udp        | 23 | expected 'and', 'or' or the end of the filter",
        "ip.src == 10.0.0.300             | 11 | is not a valid value for ip.src",
        "ip.src == example.com            | 11 | is not a valid value for ip.src",
        "ip.src > 10.0.0.0/8              | 10 | a CIDR block can only be tested with == or !=",
        "hasync.msg_count contains 2      | 18 | 'contains' needs a bytes or string field",
        "hasync.state.srcport in {5..1}   | 29 | the range ends below its start",
        "hasync.state.srcport in {1 2     | 29 | expected '}'",
        "hasync == 1                      | 1  | only its presence can be tested",
        "eth.src == 00:11:22              | 12 | is not a valid value for eth.src",
        "hasync.opaque == \"unclosed      | 18 | never closed",
        "&& udp                           | 1  | expected a field name",
        "ip.src matches 5                 | 16 | expected a \"regular expression\" after 'matches'",
        "ip.src matches \"(\"               | 16 | not a regular expression",
        "hasync matches \"x\"               | 1  | only its presence can be tested"})
    void syntaxErrorsSayWhatWasExpectedAndPointAtTheColumn(String filter, int column, String message) {
        FilterException e = assertThrows(FilterException.class, () -> DisplayFilter.compile(filter.strip()));
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.reason().contains(message), e.reason());
        assertTrue(e.pointer().endsWith("^"));
    }
}
