package io.hascope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hascope.analysis.AnalysisResult;
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
 * analyze --format json: exactly the keys of analysis.md §7 (plus "tables" with --tables, "diff" with --diff,
 * "in_flight" with --holds).
 */
final class AnalysisJson {
    private final JsonGenerator j;

    AnalysisJson(Writer out) throws IOException {
        this(out, true);
    }

    /** Not pretty: every document on one line (JSON lines, for live's log shippers). */
    AnalysisJson(Writer out, boolean pretty) throws IOException {
        this.j = new JsonFactory().createGenerator(out);
        this.j.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        if (pretty) {
            this.j.useDefaultPrettyPrinter();
        } else {
            this.j.setRootValueSeparator(null); // each document on its own line, nothing in front
        }
    }

    /** One line: {"event": "finding", "finding": {the finding as in the report}}. */
    void findingEvent(Finding f) throws IOException {
        j.writeStartObject();
        j.writeStringField("event", "finding");
        j.writeFieldName("finding");
        finding(f);
        j.writeEndObject();
        j.writeRaw('\n');
        j.flush();
    }

    /** One line: {"event": NAME, ...the map's entries}. */
    void event(String name, Map<String, Object> fields) throws IOException {
        j.writeStartObject();
        j.writeStringField("event", name);
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            j.writeFieldName(e.getKey());
            value(e.getValue());
        }
        j.writeEndObject();
        j.writeRaw('\n');
        j.flush();
    }

    /** With diff, "diff" too: each owner's entries beside the peer's copies, as analyze --diff marks them. */
    void write(AnalysisResult r, List<Finding> findings, Map<String, DpuState> tables, String onlyDpu, boolean diff,
               List<InFlight> inFlight) throws IOException {
        j.writeStartObject();
        j.writeObjectFieldStart("capture");
        j.writeStringField("file", r.file());
        j.writeNumberField("frames", r.frames());
        j.writeNumberField("first_time", r.firstTime());
        j.writeNumberField("last_time", r.lastTime());
        j.writeArrayFieldStart("dialects");
        for (String d : r.dialects()) {
            j.writeString(d);
        }
        j.writeEndArray();
        j.writeObjectFieldStart("taps");
        j.writeNumberField("count", r.tapCount());
        j.writeBooleanField("named", r.tapsNamed());
        j.writeNumberField("arrival_copies", r.arrivalCopies());
        j.writeNumberField("seen_only_arriving", r.unseenDepartures());
        j.writeEndObject();
        j.writeStringField("capture_loss", r.captureLoss());
        j.writeEndObject();
        j.writeArrayFieldStart("dpus");
        for (DpuState d : r.dpus()) {
            j.writeStartObject();
            j.writeStringField("address", d.address());
            j.writeArrayFieldStart("roles");
            for (int role : d.roles()) {
                j.writeString(HasyncFields.ROLES.nameOrNumber(role));
            }
            j.writeEndArray();
            j.writeNumberField("requests", d.requests());
            j.writeNumberField("replies", d.replies());
            j.writeNumberField("own_connections", d.ownConnections());
            j.writeNumberField("peer_connections", d.peerConnections());
            j.writeEndObject();
        }
        j.writeEndArray();
        j.writeArrayFieldStart("findings");
        for (Finding f : findings) {
            finding(f);
        }
        j.writeEndArray();
        if (r.findingsNotKept() > 0) {
            // the list is not every finding made: a script must not take it for all (the counts are of all)
            j.writeNumberField("findings_not_kept", r.findingsNotKept());
        }
        j.writeFieldName("counts");
        value(r.counts());
        j.writeFieldName("holds");
        value(r.holds());
        j.writeFieldName("scorecard");
        value(r.scorecard());
        if (tables != null) {
            j.writeObjectFieldStart("tables");
            for (DpuState d : tables.values()) {
                if (onlyDpu != null && !onlyDpu.equals(d.address())) {
                    continue;
                }
                j.writeArrayFieldStart(d.address());
                entries(d.own(), "own");
                entries(d.peer(), "peer");
                j.writeEndArray();
            }
            j.writeEndObject();
        }
        if (tables != null && diff) {
            j.writeArrayFieldStart("diff");
            for (TableDiff.Row row : TableDiff.of(tables)) {
                if (onlyDpu != null && !onlyDpu.equals(row.owner())) {
                    continue;
                }
                j.writeStartObject();
                j.writeStringField("owner", row.owner());
                j.writeStringField("peer", row.peer());
                j.writeFieldName("key");
                connection(row.connection());
                diffEntry("own", row.own());
                diffEntry("copy", row.copy());
                j.writeFieldName("difference");
                if (row.difference() == TableDiff.Difference.NONE) {
                    j.writeNull();
                } else {
                    j.writeString(row.difference().label());
                }
                j.writeEndObject();
            }
            j.writeEndArray();
        }
        if (inFlight != null) {
            j.writeArrayFieldStart("in_flight");
            for (InFlight h : inFlight) {
                j.writeStartObject();
                j.writeNumberField("frame", h.frame());
                j.writeNumberField("time", h.timeNanos() / 1e9);
                j.writeStringField("dpu", h.dpu());
                j.writeStringField("peer", h.peer());
                j.writeNumberField("held_packets", h.heldPackets());
                j.writeNumberField("messages", h.messages());
                j.writeNumberField("resends", h.resends());
                j.writeFieldName("connection");
                if (h.connection() == null) {
                    j.writeNull();
                } else {
                    connection(h.connection());
                }
                j.writeEndObject();
            }
            j.writeEndArray();
        }
        j.writeEndObject();
        j.writeRaw('\n');
        j.flush();
    }

    private void entries(Map<Connection, TableEntry> table, String side) throws IOException {
        for (TableEntry e : io.hascope.analysis.TableDiff.byFrame(table)) {
            j.writeStartObject();
            j.writeFieldName("key");
            connection(e.connection());
            j.writeStringField("side", side);
            j.writeStringField("state", HasyncFields.CONN_STATES.nameOrNumber(e.state()));
            j.writeNumberField("version", e.version());
            j.writeNumberField("last_frame", e.frame());
            j.writeEndObject();
        }
    }

    /** An entry of the diff: state, version and last frame, or null where that side holds none. */
    private void diffEntry(String name, TableEntry e) throws IOException {
        j.writeFieldName(name);
        if (e == null) {
            j.writeNull();
            return;
        }
        j.writeStartObject();
        j.writeStringField("state", HasyncFields.CONN_STATES.nameOrNumber(e.state()));
        j.writeNumberField("version", e.version());
        j.writeNumberField("last_frame", e.frame());
        j.writeEndObject();
    }

    private void finding(Finding f) throws IOException {
        j.writeStartObject();
        j.writeStringField("type", f.type().label());
        j.writeStringField("severity", f.severity().label());
        j.writeNumberField("frame", f.frame());
        j.writeNumberField("time", f.timeNanos() / 1e9);
        j.writeStringField("dpu", f.dpu());
        j.writeStringField("peer", f.peer());
        j.writeFieldName("connection");
        if (f.connection() == null) {
            j.writeNull();
        } else {
            connection(f.connection());
        }
        j.writeStringField("reason", f.reason());
        j.writeFieldName("detail");
        value(f.detail());
        j.writeEndObject();
    }

    private void connection(Connection c) throws IOException {
        j.writeStartObject();
        j.writeStringField("eni", AddressText.mac(c.eni()));
        j.writeNumberField("vnet", c.vnet());
        j.writeNumberField("proto", c.protocol());
        j.writeStringField("src", c.source());
        j.writeNumberField("srcport", c.srcPort());
        j.writeStringField("dst", c.destination());
        j.writeNumberField("dstport", c.dstPort());
        j.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    private void value(Object v) throws IOException {
        if (v == null) {
            j.writeNull();
        } else if (v instanceof List<?> list) {
            j.writeStartArray();
            for (Object o : list) {
                value(o);
            }
            j.writeEndArray();
        } else if (v instanceof Map<?, ?> m) {
            j.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                j.writeFieldName(String.valueOf(e.getKey()));
                value(e.getValue());
            }
            j.writeEndObject();
        } else if (v instanceof Integer || v instanceof Long) {
            j.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            j.writeNumber(n.doubleValue());
        } else if (v instanceof Boolean b) {
            j.writeBoolean(b);
        } else {
            j.writeString(String.valueOf(v));
        }
    }

}
