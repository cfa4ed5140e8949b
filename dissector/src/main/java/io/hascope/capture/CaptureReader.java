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

    /** What {@link #nextBy} found: a frame, the end of the capture, or no frame yet by the deadline. */
    int READ = 1;
    int ENDED = 0;
    int NOT_YET = -1;

    /**
     * As {@link #next}, but a reader of a live interface stops waiting for the line at {@code deadlineNanos} (on
     * {@link System#nanoTime()}'s clock) and says {@link #NOT_YET}; a file never waits, so it reads as next does.
     */
    default int nextBy(Frame frame, long deadlineNanos) throws IOException {
        return next(frame) ? READ : ENDED;
    }

    /** Null while the capture reads cleanly; after next() returned false, the reason it stopped early. */
    CaptureProblem problem();

    List<InterfaceInfo> interfaces();

    /** "pcap", "pcap (ns)", "pcapng". */
    String format();

    /** Comments of the file itself (pcapng section headers); empty for pcap. */
    List<String> fileComments();

    String name();
}
