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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * -T json: one array of frames, streamed frame by frame. Each frame is {"frame": N, "layers": {...}} where every
 * protocol and group is an object of its fields by name; a name that occurs several times under one parent (the
 * messages of a packet, VLAN tags) becomes an array. Integers are numbers, times strings with 9 decimals,
 * addresses and bytes strings as -T fields prints them.
 */
final class JsonOutput implements FrameOutput {
    private final JsonGenerator json;
    /** The protocols whose layers are written (-J); null: every one. */
    private final java.util.Set<String> layers;

    JsonOutput(Writer out) throws IOException {
        this(out, null);
    }

    JsonOutput(Writer out, java.util.Set<String> layers) throws IOException {
        this.layers = layers;
        this.json = new JsonFactory().createGenerator(out);
        this.json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.json.useDefaultPrettyPrinter();
    }

    @Override
    public void begin() throws IOException {
        json.writeStartArray();
    }

    @Override
    public void frame(Frame frame, FieldTree tree) throws IOException {
        json.writeStartObject();
        json.writeNumberField("frame", frame.number());
        json.writeFieldName("layers");
        json.writeStartObject();
        writeChildren(tree, -1);
        json.writeEndObject();
        json.writeEndObject();
    }

    private void writeChildren(FieldTree tree, int parent) throws IOException {
        Map<Field, List<Integer>> byField = new LinkedHashMap<>();
        for (int i = parent + 1; i < tree.size(); i++) {
            if (tree.parent(i) == parent) {
                byField.computeIfAbsent(tree.field(i), k -> new ArrayList<>()).add(i);
            } else if (!isBelow(tree, i, parent)) {
                break;
            }
        }
        for (Map.Entry<Field, List<Integer>> e : byField.entrySet()) {
            if (parent < 0 && layers != null && !layers.contains(protocolOf(e.getKey()))) {
                continue;
            }
            json.writeFieldName(e.getKey().name());
            writeOneOrArray(json, e.getValue(), i -> value(tree, i));
        }
    }

    /** The value of a tree entry, written to a JSON generator. */
    interface EntryWriter {
        void write(int entry) throws IOException;
    }

    /** A name's entries: one value, or an array of them when the name occurs several times (-T json and -T ek). */
    static void writeOneOrArray(JsonGenerator json, List<Integer> entries, EntryWriter value) throws IOException {
        if (entries.size() == 1) {
            value.write(entries.get(0));
            return;
        }
        json.writeStartArray();
        for (int i : entries) {
            value.write(i);
        }
        json.writeEndArray();
    }

    /** The protocol a top-level entry belongs to: itself, or for an analysis field the protocol it is named by. */
    static String protocolOf(Field f) {
        int dot = f.name().indexOf('.');
        return f.type() == FieldType.PROTOCOL || dot < 0 ? f.name() : f.name().substring(0, dot);
    }

    private static boolean isBelow(FieldTree tree, int i, int ancestor) {
        if (ancestor < 0) {
            return true;
        }
        for (int p = tree.parent(i); p >= 0; p = tree.parent(p)) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    private void value(FieldTree tree, int i) throws IOException {
        FieldType type = tree.field(i).type();
        switch (type) {
            case PROTOCOL, GROUP -> {
                json.writeStartObject();
                writeChildren(tree, i);
                json.writeEndObject();
            }
            case UINT, BOOL, FRAMENUM -> json.writeNumber(tree.value(i));
            default -> json.writeString(FieldFormat.raw(tree, i));
        }
    }

    @Override
    public void end() throws IOException {
        json.writeEndArray();
        json.writeRaw('\n');
        json.flush();
    }
}
