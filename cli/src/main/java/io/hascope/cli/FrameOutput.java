package io.hascope.cli;

import io.hascope.capture.Frame;
import io.hascope.field.FieldTree;
import java.io.IOException;

/** One way of printing dissected frames (-T text, -V, -T fields, -T json). */
interface FrameOutput {
    default void begin() throws IOException {
    }

    void frame(Frame frame, FieldTree tree) throws IOException;

    default void end() throws IOException {
    }
}
