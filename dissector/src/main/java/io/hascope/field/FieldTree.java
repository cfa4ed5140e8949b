package io.hascope.field;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The fields of one frame as a flat, reusable tree: entry i has a field, a byte range in the frame's buffer, a
 * numeric value (or text), and a parent. Occurrences of one field are chained so a filter finds them without a
 * scan. Nothing is allocated per frame once the arrays have grown to the largest frame seen.
 */
public final class FieldTree implements FieldSink {
    private static final int NO_ENTRY = -1;

    private ByteBuffer buffer;
    private int frameStart;
    private int count;
    private Field[] fields = new Field[256];
    private int[] starts = new int[256];
    private int[] lengths = new int[256];
    private long[] values = new long[256];
    private String[] texts = new String[256];
    private int[] parents = new int[256];
    private int[] nextOccurrence = new int[256];
    private int[] firstOccurrence;
    private int[] lastOccurrence;
    private int[] openStack = new int[64];
    private int depth;
    private int worstSeverity;
    private int expertCount;
    /** Null: record every field (the detail tree). Else only the fields marked (-T fields, filters). */
    private final boolean[] wanted;
    private final boolean wantsSyncLayers;
    private final boolean wantsFields;

    /** A tree of every field, with its structure: for the detail pane, -V, JSON and summaries. */
    public FieldTree() {
        this(null);
    }

    /**
     * A tree that keeps only the given fields (their occurrences in order, no structure): what -T fields and a
     * display filter need, at a fraction of the cost of the whole tree.
     */
    public static FieldTree only(java.util.Collection<Field> fields) {
        boolean[] mask = new boolean[FieldRegistry.size() + 64];
        for (Field f : fields) {
            mask[f.id()] = true;
        }
        return new FieldTree(mask);
    }

    private FieldTree(boolean[] wanted) {
        int n = FieldRegistry.size() + 64;
        firstOccurrence = new int[n];
        lastOccurrence = new int[n];
        Arrays.fill(firstOccurrence, NO_ENTRY);
        this.wanted = wanted;
        boolean sync = wanted == null;
        boolean beyondExperts = wanted == null;
        if (wanted != null) {
            for (Field f : FieldRegistry.all()) {
                String p = f.protocolName();
                if (f.id() < wanted.length && wanted[f.id()]) {
                    sync |= p.equals("hasync") || p.equals("rudp") || p.equals("dashmeta") || p.equals("expert");
                    beyondExperts |= !p.equals("expert");
                }
            }
        }
        this.wantsSyncLayers = sync;
        this.wantsFields = beyondExperts;
    }

    @Override
    public boolean wantsSyncLayers() {
        return wantsSyncLayers;
    }

    @Override
    public boolean wantsFields() {
        return wantsFields;
    }

    /** Starts a new frame whose bytes begin at frameStart in buffer. */
    public void reset(ByteBuffer buffer, int frameStart) {
        for (int i = 0; i < count; i++) {
            firstOccurrence[fields[i].id()] = NO_ENTRY;
            texts[i] = null;
        }
        this.buffer = buffer;
        this.frameStart = frameStart;
        count = 0;
        depth = 0;
        worstSeverity = 0;
        expertCount = 0;
    }

    private int add(Field field, int start, int length, long value) {
        if (wanted != null && (field.id() >= wanted.length || !wanted[field.id()])) {
            return NO_ENTRY;
        }
        if (count == fields.length) {
            grow();
        }
        int id = field.id();
        if (id >= firstOccurrence.length) {
            int old = firstOccurrence.length;
            firstOccurrence = Arrays.copyOf(firstOccurrence, id + 64);
            lastOccurrence = Arrays.copyOf(lastOccurrence, id + 64);
            Arrays.fill(firstOccurrence, old, firstOccurrence.length, NO_ENTRY);
        }
        int i = count++;
        fields[i] = field;
        starts[i] = start;
        lengths[i] = length;
        values[i] = value;
        parents[i] = depth == 0 ? NO_ENTRY : openStack[depth - 1];
        nextOccurrence[i] = NO_ENTRY;
        if (firstOccurrence[id] == NO_ENTRY) {
            firstOccurrence[id] = i;
        } else {
            nextOccurrence[lastOccurrence[id]] = i;
        }
        lastOccurrence[id] = i;
        return i;
    }

    private void grow() {
        int n = fields.length * 2;
        fields = Arrays.copyOf(fields, n);
        starts = Arrays.copyOf(starts, n);
        lengths = Arrays.copyOf(lengths, n);
        values = Arrays.copyOf(values, n);
        texts = Arrays.copyOf(texts, n);
        parents = Arrays.copyOf(parents, n);
        nextOccurrence = Arrays.copyOf(nextOccurrence, n);
    }

    @Override
    public void open(Field node, int start, int length) {
        int i = add(node, start, length, 0);
        if (i == NO_ENTRY) {
            i = depth == 0 ? NO_ENTRY : openStack[depth - 1]; // not kept: children hang from the nearest kept node
        }
        if (depth == openStack.length) {
            openStack = Arrays.copyOf(openStack, depth * 2);
        }
        openStack[depth++] = i;
    }

    @Override
    public void close(int end) {
        if (depth == 0) {
            return;
        }
        int i = openStack[--depth];
        if (i != NO_ENTRY && end >= 0 && starts[i] >= 0) {
            lengths[i] = Math.max(0, end - starts[i]);
        }
    }

    /** Closes every subtree still open (a decoder that stopped early on malformed input). */
    public void closeAll() {
        while (depth > 0) {
            close(-1);
        }
    }

    @Override
    public void uint(Field field, int start, int length, long value) {
        add(field, start, length, value);
    }

    @Override
    public void bytes(Field field, int start, int length) {
        add(field, start, length, 0);
    }

    @Override
    public void generated(Field field, long value) {
        add(field, -1, 0, value);
    }

    @Override
    public void text(Field field, int start, int length, String value) {
        int i = add(field, start, length, 0);
        if (i == NO_ENTRY) {
            return;
        }
        texts[i] = value;
        if (field == ExpertFields.MESSAGE) {
            expertCount++;
        }
    }

    @Override
    public void expert(ExpertKind kind, int start, int length, int frameOffset, String message) {
        worstSeverity = Math.max(worstSeverity, kind.severity().level());
        FieldSink.super.expert(kind, start, length, frameOffset, message);
    }

    public int size() {
        return count;
    }

    public Field field(int i) {
        return fields[i];
    }

    /** Buffer index of the entry's first byte, or -1 for a generated value. */
    public int start(int i) {
        return starts[i];
    }

    /** Offset of the entry's first byte within the frame, or -1 for a generated value. */
    public int frameOffset(int i) {
        return starts[i] < 0 ? -1 : starts[i] - frameStart;
    }

    public int length(int i) {
        return lengths[i];
    }

    public long value(int i) {
        return values[i];
    }

    public String text(int i) {
        return texts[i];
    }

    public int parent(int i) {
        return parents[i];
    }

    public int depth(int i) {
        int d = 0;
        for (int p = parents[i]; p != NO_ENTRY; p = parents[p]) {
            d++;
        }
        return d;
    }

    /** First entry of field, or -1. */
    public int first(Field field) {
        int id = field.id();
        return id < firstOccurrence.length ? firstOccurrence[id] : NO_ENTRY;
    }

    /** Next entry of the same field after entry i, or -1. */
    public int next(int i) {
        return nextOccurrence[i];
    }

    public boolean has(Field field) {
        return first(field) != NO_ENTRY;
    }

    /** Value of the first occurrence of field, or fallback when absent. */
    public long valueOf(Field field, long fallback) {
        int i = first(field);
        return i == NO_ENTRY ? fallback : values[i];
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /** 0 when the frame has no expert finding, else the worst Severity level. */
    public int worstSeverity() {
        return worstSeverity;
    }

    public int expertCount() {
        return expertCount;
    }
}
