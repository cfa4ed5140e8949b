package io.hascope.live;

import io.hascope.capture.InterfaceInfo;
import java.util.List;

/**
 * Where a live session's frames come from: an interface through libpcap, or the DPU model running in real time.
 * {@link #run} produces frames on the calling thread until {@link #stop} or an error.
 */
public interface FrameSource extends AutoCloseable {
    String name();

    int linkType();

    int snapLength();

    /** The interfaces frames come from, numbered as the handler is told (one unless a source merges several). */
    default List<InterfaceInfo> captureInterfaces() {
        return List.of(new InterfaceInfo(0, linkType(), snapLength(), name(), null, 1_000_000_000L, 0));
    }

    /** The interfaces' names, in their numbering (what --tap ADDR=IFACE names a tap by). */
    default List<String> interfaceNames() {
        return captureInterfaces().stream().map(i -> String.valueOf(i.name())).toList();
    }

    void run(LiveCapture.Handler handler) throws LiveCaptureException;

    /** Asks {@link #run} to return soon; callable from any thread. */
    void stop();

    /**
     * As {@link #stop}, without taking what the kernel still holds: the heap ran out, and each of those frames would
     * take some of what the session needs to write the file and end.
     */
    default void stopNow() {
        stop();
    }

    /** Each interface's frames and counters when the source merges several (empty for one). */
    default List<InterfaceCount> perInterface() {
        return List.of();
    }

    /** Frames lost before hascope saw them (libpcap's counters); zero where nothing can be lost. */
    LiveCapture.Drops drops();

    @Override
    void close();
}
