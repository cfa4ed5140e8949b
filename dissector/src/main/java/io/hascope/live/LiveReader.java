package io.hascope.live;

import io.hascope.capture.CaptureProblem;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.InterfaceInfo;
import java.util.List;

/**
 * A live capture read as a capture file, for the analysis loop that serves both: its interfaces are the capture's,
 * and it has no file's comments, no problem of a file cut short, and nothing to close.
 */
abstract class LiveReader implements CaptureReader {
    private final List<InterfaceInfo> interfaces;
    private final String name;

    LiveReader(List<InterfaceInfo> interfaces, String name) {
        this.interfaces = List.copyOf(interfaces);
        this.name = name;
    }

    @Override
    public CaptureProblem problem() {
        return null;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return interfaces;
    }

    @Override
    public String format() {
        return "live";
    }

    @Override
    public List<String> fileComments() {
        return List.of();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
    }
}
