package io.hascope.field;

/**
 * Where decoders put what they find. Positions are indexes into the frame's buffer. The tree sink records every
 * field with its bytes (detail pane, -V, -T fields/json, filters); {@link #NONE} takes nothing, for the event path.
 */
public interface FieldSink {
    FieldSink NONE = new FieldSink() {
        @Override
        public void open(Field node, int start, int length) {
        }

        @Override
        public void close(int end) {
        }

        @Override
        public void uint(Field field, int start, int length, long value) {
        }

        @Override
        public void bytes(Field field, int start, int length) {
        }

        @Override
        public void generated(Field field, long value) {
        }

        @Override
        public void text(Field field, int start, int length, String value) {
        }

        @Override
        public void expert(ExpertKind kind, int start, int length, int frameOffset, String message) {
        }

        @Override
        public boolean wantsSyncLayers() {
            return false;
        }

        @Override
        public boolean wantsFields() {
            return false;
        }
    };

    /**
     * Whether this sink takes any field of the sync layers (hasync, rUDP, DASH) or expert info. When neither the
     * fields nor the events want them, the dissector stops after UDP.
     */
    default boolean wantsSyncLayers() {
        return true;
    }

    /**
     * Whether this sink keeps any field beyond expert info. When not, a decoder may skip listing the fields of parts
     * it found well formed (what it finds wrong it still files as expert info): the analysis keeps only findings.
     */
    default boolean wantsFields() {
        return true;
    }

    /** Opens a subtree (a protocol layer or a group). Length may be fixed later by {@link #close}. */
    void open(Field node, int start, int length);

    /** Closes the innermost open subtree, which ends at buffer index end (-1: keep the length given). */
    void close(int end);

    void uint(Field field, int start, int length, long value);

    /** A field whose value is the bytes themselves (addresses, opaques). */
    void bytes(Field field, int start, int length);

    /** A value computed rather than read (frame metadata, analysis results). */
    void generated(Field field, long value);

    void text(Field field, int start, int length, String value);

    /** A finding about the frame, with the bytes it concerns, filed under the layer being decoded. */
    default void expert(ExpertKind kind, int start, int length, int frameOffset, String message) {
        open(kind.field(), start, length);
        generated(ExpertFields.SEVERITY, kind.severity().level());
        text(ExpertFields.MESSAGE, start, length, message);
        generated(ExpertFields.OFFSET, frameOffset);
        close(-1);
    }
}
