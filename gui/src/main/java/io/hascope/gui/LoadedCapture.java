package io.hascope.gui;

import io.hascope.analysis.AnalysisResult;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.Finding;
import io.hascope.capture.CaptureProblem;
import io.hascope.capture.FrameStore;
import java.nio.file.Path;

/**
 * A capture as the window holds it: the index of its frames (never the frames themselves), and once the second
 * pass is done the analysis of the whole file and each frame's worst finding for the row colours.
 */
final class LoadedCapture {
    final Path file;
    final FrameStore index;
    /**
     * Null when the whole file was read; else why it stopped (the frames before it are all there), or for captures
     * merged into one, why one of them stopped early.
     */
    CaptureProblem problem;
    final long indexNanos;
    volatile Analyzer analyzer;
    volatile AnalysisResult result;
    /** Per frame (index frame - 1): the worst severity of its findings, 0 when it has none; null before analysis. */
    volatile byte[] worst;
    long loadNanos;
    /** Every hold with its outcome, by request frame; and the analysis' figures once a second. */
    /** The analysis fields of single frames (reply in/to, reply time, lost reply, ...), as decode -2 adds them. */
    volatile io.hascope.analysis.FrameNotes annotations;
    volatile java.util.List<HoldRecord> holds = java.util.List.of();
    /** The packets held in flight as the Holds chart draws them (see HeldInFlight), made as the capture loads. */
    volatile java.util.List<double[]> heldInFlight = java.util.List.of();
    volatile java.util.List<Timeline.Sample> timeline = java.util.List.of();

    /** The settings it was loaded with (re-runs of the analysis use the same). */
    io.hascope.decode.DissectorConfig dissectorConfig = io.hascope.decode.DissectorConfig.defaults();
    io.hascope.analysis.AnalysisConfig analysisConfig = new io.hascope.analysis.AnalysisConfig();
    /** The taps named on the command line (--tap), empty when recognised from the capture. */
    java.util.List<String> taps = java.util.List.of();
    /** The capture's interfaces, as its reader (or the live capture) declared them: an export keeps them. */
    java.util.List<io.hascope.capture.InterfaceInfo> interfaces = java.util.List.of();

    /** For a gzip-compressed capture or a pipe: the plain copy the index reads its frames from (null otherwise). */
    Path plainCopy;

    LoadedCapture(Path file, FrameStore index, CaptureProblem problem, long indexNanos) {
        this.file = file;
        this.index = index;
        this.problem = problem;
        this.indexNanos = indexNanos;
    }

    /**
     * Re-reads frame number and dissects it into tree with d, adding the frame's analysis fields (reply in, lost
     * reply, ...) once the analysis is done, as decode -2 does.
     */
    io.hascope.capture.Frame dissect(int number, io.hascope.decode.Dissector d, io.hascope.capture.Frame into,
                                     io.hascope.field.FieldSink tree) throws java.io.IOException {
        return dissect(index, number, d, into, tree);
    }

    /** The same, the frame read through frames: another thread's reader of the index. */
    io.hascope.capture.Frame dissect(FrameStore frames, int number, io.hascope.decode.Dissector d,
                                     io.hascope.capture.Frame into, io.hascope.field.FieldSink tree)
            throws java.io.IOException {
        d.dissect(frames.read(number, into), tree, io.hascope.event.SyncEventSink.NONE);
        io.hascope.analysis.FrameNotes a = annotations;
        if (a != null) {
            a.addTo(number, tree);
        }
        return into;
    }

    /** Where the capture's frames can be read again: the file, or its plain copy (a pipe gives its frames once). */
    Path readable() {
        return plainCopy != null ? plainCopy : file;
    }

    /** The window has moved on to another capture: a plain copy is no longer needed. */
    void discard() {
        if (plainCopy != null) {
            plainCopy.toFile().delete();
        }
    }

    /** The analysis is done (the loader's second pass): findings, tables and row colours can be shown. */
    void analysed(Analyzer a, long totalNanos) {
        AnalysisResult r = a.result(file.toString());
        byte[] w = new byte[index.size()];
        for (Finding f : r.findings()) {
            int i = (int) f.frame() - 1;
            if (i >= 0 && i < w.length) {
                w[i] = (byte) Math.max(w[i], f.severity().level());
            }
        }
        this.analyzer = a;
        this.result = r;
        this.worst = w;
        this.loadNanos = totalNanos;
    }
}
