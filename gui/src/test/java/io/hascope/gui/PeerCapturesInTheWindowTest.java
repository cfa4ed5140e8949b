package io.hascope.gui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.capture.CaptureFormatException;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.capture.FrameIndex;
import io.hascope.decode.Dissector;
import io.hascope.decode.DissectorConfig;
import io.hascope.event.SyncEventSink;
import io.hascope.field.FieldTree;
import io.hascope.field.TreeLines;
import io.hascope.filter.DisplayFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the window does with a frame — its list columns, its tree lines, a filter for every field — done for the
 * first frames of every one of the tcpdump project's 830 captures, real and broken: nothing may throw, and every
 * filter the tree offers must compile.
 */
class PeerCapturesInTheWindowTest {
    private static Path corpus() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/peer-captures/tcpdump-tests");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        throw new IllegalStateException("shared/peer-captures not found");
    }

    @Test
    void everyPeerCapturesFirstFramesGiveColumnsTreeLinesAndFiltersWithoutAFault() throws Exception {
        int files = 0;
        int filters = 0;
        try (Stream<Path> s = Files.list(corpus())) {
            for (Path p : s.sorted().toList()) {
                files++;
                FrameIndex index;
                try (CaptureReader r = Captures.open(p.toString())) {
                    FrameIndex.Recording rec = FrameIndex.recording(p, r);
                    Frame f = new Frame();
                    while (rec.next(f)) {
                        // index it all
                    }
                    index = rec.index();
                } catch (CaptureFormatException e) {
                    continue; // the window says so in one sentence (tested with a non-capture)
                }
                try (index) {
                    FrameSummaries summaries = new FrameSummaries(index, DissectorConfig.defaults());
                    Dissector d = new Dissector(DissectorConfig.defaults());
                    FieldTree tree = new FieldTree();
                    Frame f = new Frame();
                    for (int n = 1; n <= Math.min(8, index.size()); n++) {
                        summaries.of(n);
                        d.dissect(index.read(n, f), tree, SyncEventSink.NONE);
                        StringBuilder lines = new StringBuilder();
                        TreeLines.lines(f, tree, (i, text) -> lines.append(text));
                        for (int i = 0; i < tree.size(); i++) {
                            DisplayFilter.compile(FieldFilters.filterFor(tree, i)); // throws if not valid
                            filters++;
                        }
                    }
                }
            }
        }
        assertTrue(files >= 830 && filters > 10_000, files + " files, " + filters + " filters");
    }
}
