package io.hascope.cli;

import io.hascope.capture.Frame;
import io.hascope.field.Field;
import io.hascope.field.FieldTree;
import io.hascope.stats.ExpertStatistics;
import io.hascope.stats.IoStatistics;
import io.hascope.stats.ResponseTimes;
import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One -z statistic: the fields the tree must keep for it, the fields its argument names (an analysis field among
 * them takes the second pass, as -Y's), what it takes of each frame read, and its table once the frames are read.
 */
record FrameStatistics(Set<Field> fields, Set<Field> named, BiConsumer<Frame, FieldTree> taker, Table table) {
    /** Draws the table. */
    interface Table {
        void write(Writer out) throws IOException;
    }

    static FrameStatistics of(IoStatistics stats) {
        return new FrameStatistics(stats.fields(), stats.fields(), stats::frame, out -> IoStatTable.write(out, stats));
    }

    /** The expert summary: its findings come with -2, they do not ask for it; its filter may. */
    static FrameStatistics of(ExpertStatistics stats) {
        return new FrameStatistics(stats.fields(), stats.filterFields(), (frame, tree) -> stats.frame(tree),
                out -> ExpertTable.write(out, stats));
    }

    /** Service response times: the analysis pairs requests and replies, so its fields take the second pass. */
    static FrameStatistics of(ResponseTimes times) {
        return new FrameStatistics(times.fields(), times.fields(), times::frame, out -> SrtTable.write(out, times));
    }

    void frame(Frame frame, FieldTree tree) {
        taker.accept(frame, tree);
    }

    void write(Writer out) throws IOException {
        table.write(out);
    }
}
