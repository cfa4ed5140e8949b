package io.hascope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hascope.capture.Frame;
import io.hascope.field.Field;
import io.hascope.field.FieldFormat;
import io.hascope.field.FieldTree;
import io.hascope.field.FieldType;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * -T ek, as tshark writes it for Elasticsearch's bulk API: two lines a frame, the index action
 * ({"index":{"_index":"packets-YYYY-MM-DD","_type":"doc"}}, the frame's UTC day) and the document
 * ({"timestamp":"epoch ms","layers":{...}}), where each protocol is one flat object of its fields, named
 * PROTOCOL_FIELD with the dots made underscores (hasync_hasync_state_op), a field that occurs several times (one per
 * message) an array, values strings as -T fields prints them, flags true or false. {@code curl -H
 * 'Content-Type: application/x-ndjson' --data-binary @- http://es:9200/_bulk} takes it as it is.
 */
final class EkOutput implements FrameOutput {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private final Writer out;
    private final JsonGenerator json;
    /** The protocols whose layers are written (-J); null: every one. */
    private final java.util.Set<String> only;

    EkOutput(Writer out, java.util.Set<String> only) throws IOException {
        this.out = out;
        this.only = only;
        this.json = new JsonFactory().createGenerator(out);
        this.json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.json.setRootValueSeparator(null); // each document on its own line, nothing before it
    }

    @Override
    public void frame(Frame frame, FieldTree tree) throws IOException {
        long epochMillis = Math.floorDiv(frame.timeNanos(), 1_000_000L);
        json.writeStartObject();
        json.writeFieldName("index");
        json.writeStartObject();
        json.writeStringField("_index", "packets-" + DAY.format(Instant.ofEpochMilli(epochMillis)));
        json.writeStringField("_type", "doc");
        json.writeEndObject();
        json.writeEndObject();
        json.flush();
        out.write('\n');
        json.writeStartObject();
        json.writeStringField("timestamp", Long.toString(epochMillis));
        json.writeFieldName("layers");
        json.writeStartObject();
        // a protocol met twice (two VLAN tags) is one object, as tshark's: its fields gathered in order
        Map<String, Map<String, List<Integer>>> layers = new LinkedHashMap<>();
        for (int top = 0; top < tree.size(); top = nextTop(tree, top)) {
            Field head = tree.field(top);
            boolean isProtocol = head.type() == FieldType.PROTOCOL;
            // the analysis fields of a second pass stand alone in the tree: they go to their protocol's object
            String protocol = JsonOutput.protocolOf(head);
            if (only != null && !only.contains(protocol)) {
                continue;
            }
            Map<String, List<Integer>> byName = layers.computeIfAbsent(protocol, k -> new LinkedHashMap<>());
            for (int i = isProtocol ? top + 1 : top; i < nextTop(tree, top); i++) {
                Field f = tree.field(i);
                if (f.type() != FieldType.PROTOCOL && f.type() != FieldType.GROUP) {
                    byName.computeIfAbsent(protocol + "_" + f.name().replace('.', '_'), k -> new ArrayList<>()).add(i);
                }
            }
        }
        for (Map.Entry<String, Map<String, List<Integer>>> layer : layers.entrySet()) {
            json.writeFieldName(layer.getKey());
            json.writeStartObject();
            for (Map.Entry<String, List<Integer>> e : layer.getValue().entrySet()) {
                json.writeFieldName(e.getKey());
                JsonOutput.writeOneOrArray(json, e.getValue(), i -> value(tree, i));
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
        json.flush();
        out.write('\n');
    }

    /** The entry after the subtree of entry i (top-level protocols follow one another). */
    private static int nextTop(FieldTree tree, int i) {
        int j = i + 1;
        while (j < tree.size() && tree.depth(j) > tree.depth(i)) {
            j++;
        }
        return j;
    }

    private void value(FieldTree tree, int i) throws IOException {
        if (tree.field(i).type() == FieldType.BOOL) {
            json.writeBoolean(tree.value(i) != 0);
        } else {
            json.writeString(FieldFormat.raw(tree, i));
        }
    }
}
