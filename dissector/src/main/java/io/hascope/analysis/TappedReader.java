package io.hascope.analysis;

import io.hascope.capture.CaptureReader;
import io.hascope.capture.MergingReader;
import java.io.IOException;
import java.util.List;

/**
 * One capture file opened for the analysis with its taps named ({@code --tap ADDR=IFACE|FILE}): the reader to run
 * and the taps resolved against its interfaces, or the reader as it is and no taps when none are named (then they
 * are recognised from the capture). Closing it closes the reader.
 */
public record TappedReader(CaptureReader reader, NamedTaps taps) implements AutoCloseable {
    /**
     * Takes over an opened reader of {@code file}; throws IllegalArgumentException with one sentence (and closes the
     * reader) when a tap cannot be taken.
     */
    public static TappedReader of(CaptureReader opened, String file, List<String> tapSpecs) throws IOException {
        if (tapSpecs.isEmpty()) {
            return new TappedReader(opened, null);
        }
        try {
            MergingReader merged = new MergingReader(List.of(opened)); // knows the interfaces once a frame is read
            return new TappedReader(merged, NamedTaps.parse(tapSpecs, List.of(file), merged));
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
