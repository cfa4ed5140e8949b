package io.hascope.capture;

import java.io.IOException;
import java.util.List;

/** A reader in front of another that watches the frames go by: everything but next() is the inner reader's. */
public abstract class ForwardingCaptureReader implements CaptureReader {
    protected final CaptureReader inner;

    protected ForwardingCaptureReader(CaptureReader inner) {
        this.inner = inner;
    }

    @Override
    public CaptureProblem problem() {
        return inner.problem();
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return inner.interfaces();
    }

    @Override
    public String format() {
        return inner.format();
    }

    @Override
    public List<String> fileComments() {
        return inner.fileComments();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
