package io.hascope.gui;

import io.hascope.capture.Frame;
import io.hascope.capture.FrameStore;
import io.hascope.decode.Columns;
import io.hascope.decode.Dissector;
import io.hascope.decode.DissectorConfig;
import io.hascope.event.SyncEventSink;
import io.hascope.field.FieldTree;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The packet list's text columns, made when a row becomes visible: the frame is re-read from the index and
 * dissected, and the newest few thousand rows are kept. The list itself never holds a frame.
 */
final class FrameSummaries {
    /** Source, destination, protocol and info of one frame. */
    record Summary(String source, String destination, String protocol, String info) {
    }

    private static final int KEEP = 4096;
    private final FrameStore index;
    private final Dissector dissector;
    private final FieldTree tree = new FieldTree();
    private final Frame frame = new Frame();
    private final Map<Integer, Summary> recent = new LinkedHashMap<>(KEEP, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Summary> eldest) {
            return size() > KEEP;
        }
    };

    FrameSummaries(FrameStore index, DissectorConfig config) {
        this.index = index;
        this.dissector = new Dissector(config);
    }

    Summary of(int number) {
        Summary s = recent.get(number);
        if (s == null) {
            try {
                dissector.dissect(index.read(number, frame), tree, SyncEventSink.NONE);
                s = new Summary(Columns.source(tree), Columns.destination(tree), Columns.protocol(tree),
                        Columns.info(tree));
            } catch (IOException e) {
                s = new Summary("", "", "?", "cannot read the frame: " + e.getMessage());
            }
            recent.put(number, s);
        }
        return s;
    }
}
