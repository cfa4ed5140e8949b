package io.hascope.cli;

import io.hascope.capture.Frame;
import io.hascope.field.FieldTree;
import java.io.IOException;

/** One way of printing dissected frames (-T text, -V, -T fields, -T json). */
interface FrameOutput {
    default void begin() throws IOException {
    }

    /** Told of every frame read, shown or not, before it is shown (a delta time counts from the frame before). */
    default void read(Frame frame) {
    }

    void frame(Frame frame, FieldTree tree) throws IOException;

    default void end() throws IOException {
    }
}
