package io.hascope.cli;

import io.hascope.capture.Frame;
import io.hascope.field.Field;
import io.hascope.field.FieldTree;
import io.hascope.stats.ExpertStatistics;
import io.hascope.stats.IoStatistics;
import java.io.IOException;
import java.io.Writer;
import java.util.Set;

/** One -z statistic: the fields it reads, each frame read, and its table once the frames are read. */
interface FrameStatistics {
    /** What the tree must keep for it. */
    Set<Field> fields();

    /** The fields its argument names (an analysis field among them takes the second pass, as -Y's). */
    Set<Field> named();

    void frame(Frame frame, FieldTree tree);

    void write(Writer out) throws IOException;

    static FrameStatistics of(IoStatistics stats) {
        return new FrameStatistics() {
            @Override
            public Set<Field> fields() {
                return stats.fields();
            }

            @Override
            public Set<Field> named() {
                return stats.fields();
            }

            @Override
            public void frame(Frame frame, FieldTree tree) {
                stats.frame(frame, tree);
            }

            @Override
            public void write(Writer out) throws IOException {
                IoStatTable.write(out, stats);
            }
        };
    }

    static FrameStatistics of(ExpertStatistics stats) {
        return new FrameStatistics() {
            @Override
            public Set<Field> fields() {
                return stats.fields();
            }

            @Override
            public Set<Field> named() {
                return stats.filterFields(); // its findings come with -2, not the second pass for them
            }

            @Override
            public void frame(Frame frame, FieldTree tree) {
                stats.frame(tree);
            }

            @Override
            public void write(Writer out) throws IOException {
                ExpertTable.write(out, stats);
            }
        };
    }
}
