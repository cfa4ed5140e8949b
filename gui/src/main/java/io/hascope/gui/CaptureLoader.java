package io.hascope.gui;

import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.FrameIndex;
import io.hascope.decode.DissectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import javafx.concurrent.Task;

/**
 * Loads a capture off the JavaFX thread in one pass: the frame index and the whole analysis are built from the same
 * read. Progress is the share of the file read; cancelling stops at the next 65,536 frames.
 */
final class CaptureLoader extends Task<LoadedCapture> {
    private final Path file;
    private final DissectorConfig dissector;
    private final AnalysisConfig analysis;

    CaptureLoader(Path file, DissectorConfig dissector, AnalysisConfig analysis) {
        this.file = file;
        this.dissector = dissector;
        this.analysis = analysis;
        updateTitle(file.getFileName().toString());
    }

    @Override
    protected LoadedCapture call() throws Exception {
        long started = System.nanoTime();
        long size = Files.size(file);
        updateMessage("reading " + file.getFileName());
        CaptureReader reader = Captures.open(file.toString());
        FrameIndex.Recording recording = FrameIndex.recording(file, reader);
        try (recording) {
            Analyzer analyzer = new Analyzer(analysis);
            CaptureAnalysis.Run run = CaptureAnalysis.run(recording, dissector, analyzer, Long.MAX_VALUE,
                    Long.MAX_VALUE, null, (frames, offset) -> {
                        if (isCancelled()) {
                            throw new CancellationException("cancelled at frame " + frames);
                        }
                        updateProgress(Math.max(0, offset), size);
                        updateMessage(String.format("reading %s: %,d frames", file.getFileName(), frames));
                    });
            updateProgress(size, size);
            return new LoadedCapture(file, recording.index(), analyzer, run.problem(), System.nanoTime() - started);
        }
    }
}
