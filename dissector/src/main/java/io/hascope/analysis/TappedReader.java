package io.hascope.analysis;

import io.hascope.capture.CaptureReader;
import io.hascope.capture.MergingReader;
import java.io.IOException;
import java.util.List;

/**
 * Capture files opened for the analysis with their taps named ({@code --tap ADDR=IFACE|FILE}): the reader to run (the
 * files merged in time order) and the taps resolved against its interfaces, or one file's reader as it is and no taps
 * when none are named (then they are recognised from the capture). Closing it closes the readers.
 */
public record TappedReader(CaptureReader reader, NamedTaps taps) implements AutoCloseable {
    /**
     * Takes over an opened reader of {@code file}; throws IllegalArgumentException with one sentence (and closes the
     * reader) when a tap cannot be taken.
     */
    public static TappedReader of(CaptureReader opened, String file, List<String> tapSpecs) throws IOException {
        return of(List.of(opened), List.of(file), tapSpecs);
    }

    /** As above for several files, opened in the order given (-r FILE ...); closes them all when it throws. */
    public static TappedReader of(List<CaptureReader> opened, List<String> files, List<String> tapSpecs)
            throws IOException {
        if (tapSpecs.isEmpty() && opened.size() == 1) {
            return new TappedReader(opened.get(0), null);
        }
        MergingReader merged = null;
        try {
            merged = new MergingReader(opened); // knows each file's interfaces once its first frame is read
            return new TappedReader(merged, tapSpecs.isEmpty() ? null : NamedTaps.parse(tapSpecs, files, merged));
        } catch (IOException | RuntimeException e) {
            for (CaptureReader r : opened) {
                r.close();
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
