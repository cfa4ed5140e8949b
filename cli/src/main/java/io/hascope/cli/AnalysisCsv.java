package io.hascope.cli;

import io.hascope.analysis.Connection;
import io.hascope.analysis.DpuState;
import io.hascope.analysis.Finding;
import io.hascope.analysis.InFlight;
import io.hascope.analysis.TableDiff;
import io.hascope.analysis.TableEntry;
import io.hascope.field.HasyncFields;
import io.hascope.text.AddressText;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * analyze --format csv: one table per run, with a header row, in the JSON report's names (analysis.md §7): the
 * findings, or with --tables each table entry (with --diff each owner's entry beside its peer's copy), or with
 * --holds each hold in flight. A connection is the seven columns of its key; an empty cell is a value not there.
 */
final class AnalysisCsv {
    private static final String KEY = "eni,vnet,proto,src,srcport,dst,dstport";

    private final Writer out;

    AnalysisCsv(Writer out) {
        this.out = out;
    }

    void findings(List<Finding> findings) throws IOException {
        row("type,severity,frame,time,dpu,peer," + KEY + ",reason");
        for (Finding f : findings) {
            row(f.type().label(), f.severity().label(), Long.toString(f.frame()), seconds(f.timeNanos()), f.dpu(),
                    f.peer(), key(f.connection()), quote(f.reason()));
        }
    }

    /** Each DPU's own entries, then its copies of its peer's, each side in the order of the frames that set them. */
    void tables(Map<String, DpuState> tables, String onlyDpu) throws IOException {
        row("dpu,side," + KEY + ",state,version,last_frame");
        for (DpuState d : tables.values()) {
            if (onlyDpu != null && !onlyDpu.equals(d.address())) {
                continue;
            }
            entries(d.address(), "own", d.own());
            entries(d.address(), "peer", d.peer());
        }
    }

    private void entries(String dpu, String side, Map<Connection, TableEntry> table) throws IOException {
        for (TableEntry e : TableDiff.byFrame(table)) {
            row(dpu, side, key(e.connection()), state(e), Long.toString(e.version()), Long.toString(e.frame()));
        }
    }

    /** Each connection an owner holds or its peer keeps a copy of; difference is empty where the two agree. */
    void diff(Map<String, DpuState> tables, String onlyDpu) throws IOException {
        row("owner,peer," + KEY + ",own_state,own_version,own_frame,copy_state,copy_version,copy_frame,difference");
        for (TableDiff.Row r : TableDiff.of(tables)) {
            if (onlyDpu != null && !onlyDpu.equals(r.owner())) {
                continue;
            }
            row(r.owner(), r.peer(), key(r.connection()), entry(r.own()), entry(r.copy()), r.difference().label());
        }
    }

    void holds(List<InFlight> inFlight) throws IOException {
        row("frame,time,dpu,peer,held_packets,messages,resends," + KEY);
        for (InFlight h : inFlight) {
            row(Long.toString(h.frame()), seconds(h.timeNanos()), h.dpu(), h.peer(), Integer.toString(h.heldPackets()),
                    Integer.toString(h.messages()), Integer.toString(h.resends()), key(h.connection()));
        }
    }

    private static String key(Connection c) {
        if (c == null) {
            return ",,,,,,";
        }
        return String.join(",", AddressText.mac(c.eni()), Integer.toString(c.vnet()), Integer.toString(c.protocol()),
                c.source(), Integer.toString(c.srcPort()), c.destination(), Integer.toString(c.dstPort()));
    }

    /** State, version and frame of an entry, or three empty cells where there is none. */
    private static String entry(TableEntry e) {
        return e == null ? ",," : state(e) + "," + e.version() + "," + e.frame();
    }

    private static String state(TableEntry e) {
        return HasyncFields.CONN_STATES.nameOrNumber(e.state());
    }

    private static String seconds(long nanos) {
        return FixedPoint.of(nanos / 1e9, 9); // as "%.9f" writes it
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private void row(String... cells) throws IOException {
        out.write(String.join(",", cells));
        out.write('\n');
    }
}
