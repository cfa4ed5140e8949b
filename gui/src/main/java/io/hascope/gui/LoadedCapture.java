package io.hascope.gui;

import io.hascope.analysis.Analyzer;
import io.hascope.analysis.AnalysisResult;
import io.hascope.analysis.Finding;
import io.hascope.capture.CaptureProblem;
import io.hascope.capture.FrameIndex;
import java.nio.file.Path;

/**
 * A capture as the window holds it: the index of its frames (never the frames themselves), the analysis of the
 * whole file, each frame's worst finding for the row colours, and how the load ended.
 */
final class LoadedCapture {
    final Path file;
    final FrameIndex index;
    final Analyzer analyzer;
    final AnalysisResult result;
    /** Per frame (index frame - 1): the worst severity of its findings, 0 when it has none. */
    final byte[] worst;
    /** Null when the whole file was read; else why it stopped (the frames before it are all there). */
    final CaptureProblem problem;
    final long loadNanos;

    LoadedCapture(Path file, FrameIndex index, Analyzer analyzer, CaptureProblem problem, long loadNanos) {
        this.file = file;
        this.index = index;
        this.analyzer = analyzer;
        this.result = analyzer.result(file.toString());
        this.problem = problem;
        this.loadNanos = loadNanos;
        this.worst = new byte[index.size()];
        for (Finding f : result.findings()) {
            int i = (int) f.frame() - 1;
            if (i >= 0 && i < worst.length) {
                worst[i] = (byte) Math.max(worst[i], f.severity().level());
            }
        }
    }
}
