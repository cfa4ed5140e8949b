package io.hascope.gui;

import io.hascope.analysis.NamedTaps;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.MergingReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A capture opened for the analysis, with the taps named on the command line ({@code --tap ADDR=IFACE}) resolved
 * against its interfaces; without them the taps are recognised from the capture, as analyze does.
 */
record AnalysisInput(CaptureReader reader, NamedTaps taps) implements AutoCloseable {
    /** Throws IllegalArgumentException with analyze's sentence when a tap names no interface of the file. */
    static AnalysisInput open(Path file, List<String> tapSpecs) throws IOException {
        CaptureReader reader = Captures.open(file.toString());
        if (tapSpecs.isEmpty()) {
            return new AnalysisInput(reader, null);
        }
        try {
            MergingReader merged = new MergingReader(List.of(reader));
            return new AnalysisInput(merged, NamedTaps.parse(tapSpecs, List.of(file.toString()), merged));
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
