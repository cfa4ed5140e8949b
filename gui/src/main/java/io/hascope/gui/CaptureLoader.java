package io.hascope.gui;

import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.TappedReader;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.capture.FrameIndex;
import io.hascope.decode.DissectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;

/**
 * Loads a capture off the JavaFX thread in two passes: first the frame index alone (tens of millions of frames a
 * second), handed to the window at once so the packet list paints; then the whole analysis, after which findings,
 * tables and row colours appear. Progress is the share of the file read; Cancel stops within 65,536 frames.
 */
final class CaptureLoader extends Task<LoadedCapture> {
    private final Path file;
    private final DissectorConfig dissector;
    private final AnalysisConfig analysis;
    private final java.util.List<String> taps;
    private final Consumer<LoadedCapture> indexed;
    /** The captures merged into file first, or null when file is the capture itself. */
    private final java.util.List<Path> merging;

    CaptureLoader(Path file, DissectorConfig dissector, AnalysisConfig analysis, java.util.List<String> taps,
                  Consumer<LoadedCapture> indexed) {
        this(file, dissector, analysis, taps, indexed, null);
    }

    CaptureLoader(Path file, DissectorConfig dissector, AnalysisConfig analysis, java.util.List<String> taps,
                  Consumer<LoadedCapture> indexed, java.util.List<Path> merging) {
        this.merging = merging;
        this.file = file;
        this.taps = taps;
        this.dissector = dissector;
        this.analysis = analysis;
        this.indexed = indexed;
        updateTitle(file.getFileName().toString());
    }

    @Override
    protected LoadedCapture call() throws Exception {
        if (merging != null) {
            try {
                io.hascope.capture.CaptureProblem cut = merge();
                LoadedCapture merged = load(file, null);
                merged.plainCopy = file; // a temporary file: it goes when the window moves on
                if (merged.problem == null) {
                    merged.problem = cut; // the merge holds every frame up to where that capture stopped
                }
                return merged;
            } catch (Exception | Error e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }
        if (!Captures.needsCopy(file)) {
            return load(file, null);
        }
        // compressed data cannot be entered in the middle, nor a pipe read again: the frames are read from a copy
        Path copy = Files.createTempFile("hascope-", "-" + file.getFileName() + ".capture");
        copy.toFile().deleteOnExit();
        try {
            return load(copy, copy);
        } catch (Exception | Error e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    /** The captures merging names, written as one into file (CaptureMerge); why one stopped early, or null. */
    private io.hascope.capture.CaptureProblem merge() throws java.io.IOException {
        updateMessage("merging " + merging.size() + " captures");
        java.util.List<io.hascope.capture.CaptureReader> readers = new java.util.ArrayList<>();
        try (io.hascope.capture.PcapngWriter out = new io.hascope.capture.PcapngWriter(file, "hascope gui")) {
            for (Path p : merging) {
                readers.add(Captures.open(p.toString()));
            }
            return io.hascope.capture.CaptureMerge.merge(readers, merging.stream().map(Path::toString).toList(), out)
                    .problem();
        } finally {
            for (io.hascope.capture.CaptureReader r : readers) {
                r.close();
            }
        }
    }

    /** Both passes; framesFile is the file the index maps (the capture itself, or the plain copy made as it goes). */
    private LoadedCapture load(Path framesFile, Path plainCopy) throws Exception {
        long started = System.nanoTime();
        long size = plainCopy == null ? Files.size(file) : -1; // known for the copy once the index is made
        LoadedCapture capture;
        String reading = plainCopy == null ? "indexing " : "reading and indexing ";
        updateMessage(reading + file.getFileName());
        try (CaptureReader reader = plainCopy == null ? Captures.open(file.toString())
                : Captures.openCopying(file, file.toString(), plainCopy)) {
            FrameIndex.Recording recording = FrameIndex.recording(framesFile, reader);
            Frame f = new Frame();
            long n = 0;
            while (recording.next(f)) {
                if ((++n & 0xffff) == 0) {
                    checkCancelled(n);
                    if (size > 0) {
                        updateProgress(f.fileOffset() / 2, size); // the index is the first half of the work
                    } else {
                        updateMessage(String.format("%s%s: %,d frames", reading, file.getFileName(), n));
                    }
                }
            }
            capture = new LoadedCapture(file, recording.index(), recording.problem(), System.nanoTime() - started);
            capture.plainCopy = plainCopy;
            capture.dissectorConfig = dissector;
            capture.analysisConfig = analysis;
            capture.taps = taps;
            capture.interfaces = java.util.List.copyOf(reader.interfaces());
        }
        LoadedCapture shown = capture;
        Platform.runLater(() -> indexed.accept(shown));
        long total = plainCopy == null ? size : Files.size(plainCopy); // whole now: its writer is closed
        updateMessage("analysing " + file.getFileName());
        // by request frame: a release one tap took on trust may be settled again as an expiry (TrustedReplies)
        java.util.Map<Long, HoldRecord> holdsByFrame = new java.util.HashMap<>();
        io.hascope.analysis.FrameAnnotations annotations = new io.hascope.analysis.FrameAnnotations();
        Analyzer analyzer = new Analyzer(analysis).onPairing(annotations).onHolds((frame, time, dpu, peer, packets,
                connection, replyFrame, replyNanos, resends, outcome, end) -> holdsByFrame.put(frame,
                new HoldRecord(frame, time, dpu, peer, packets, connection, replyFrame, replyNanos, resends, outcome,
                        end)));
        try (TappedReader input = TappedReader.of(Captures.open(framesFile, file.toString()), file.toString(), taps)) {
            Timeline timeline = new Timeline(analyzer);
            CaptureAnalysis.run(input.reader(), dissector, analyzer, capture.index.size(), Long.MAX_VALUE, null,
                    (frames, offset) -> {
                        checkCancelled(frames);
                        updateProgress(total / 2 + Math.max(0, offset) / 2, total);
                        updateMessage(String.format("analysing %s: %,d of %,d frames", file.getFileName(), frames,
                                shown.index.size()));
                    }, input.taps());
            capture.analysed(analyzer, System.nanoTime() - started);
            annotations.addFindings(analyzer.findings());
            capture.annotations = annotations;
            java.util.List<HoldRecord> holds = new java.util.ArrayList<>(holdsByFrame.values());
            holds.sort(java.util.Comparator.comparingLong(HoldRecord::frame));
            capture.holds = holds;
            capture.heldInFlight = HeldInFlight.steps(holds, capture.result.firstTimeNanos(), HoldsView.CHART_POINTS);
            capture.timeline = timeline.samples();
        }
        updateProgress(total, total);
        return capture;
    }

    private void checkCancelled(long frames) {
        if (isCancelled()) {
            throw new CancellationException("cancelled at frame " + frames);
        }
    }
}
