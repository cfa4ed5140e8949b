package io.hascope.capture;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Reads frames front to back into one reusable {@link Frame} view. */
public interface CaptureReader extends Closeable {
    /**
     * Points {@code frame} at the next frame. Returns false at the end of the capture, or where it cannot be
     * read further: then {@link #problem()} says why.
     */
    boolean next(Frame frame) throws IOException;

    /** Null while the capture reads cleanly; after next() returned false, the reason it stopped early. */
    CaptureProblem problem();

    List<InterfaceInfo> interfaces();

    /** "pcap", "pcap (ns)", "pcapng". */
    String format();

    /** Comments of the file itself (pcapng section headers); empty for pcap. */
    List<String> fileComments();

    String name();

    /** Frames come as they are captured (an interface): reading ahead would wait on the line, not on a file. */
    default boolean live() {
        return false;
    }
}
