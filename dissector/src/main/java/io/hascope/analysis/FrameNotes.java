package io.hascope.analysis;

import io.hascope.field.Field;
import io.hascope.field.FieldSink;

/** The analysis fields known of single frames, for a frame's tree and its links to related frames. */
public interface FrameNotes {
    /** Adds frame's analysis fields to its tree. */
    void addTo(long frame, FieldSink tree);

    /** The value of a frame's analysis field (a frame number for reply_in, reply_to, ...), or -1 without one. */
    long value(long frame, Field field);
}
