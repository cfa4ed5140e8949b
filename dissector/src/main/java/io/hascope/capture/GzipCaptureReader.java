package io.hascope.capture;

import java.io.IOException;

/**
 * A capture read through its gzip compression: the frames are the inner reader's; where the compressed data ended
 * early or corrupt, the problem says so (a cut at a record's boundary would otherwise read as the capture's end,
 * and a cut inside a record as a capture cut short without its cause).
 */
final class GzipCaptureReader extends ForwardingCaptureReader {
    private final GzipStream inflating;

    GzipCaptureReader(CaptureReader inner, GzipStream inflating) {
        super(inner);
        this.inflating = inflating;
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        return inner.next(frame);
    }

    @Override
    public CaptureProblem problem() {
        CaptureProblem own = inner.problem();
        String damage = inflating.damage();
        if (damage == null) {
            return own;
        }
        return own == null ? new CaptureProblem(inner.name(), inflating.inflated(), damage)
                : new CaptureProblem(own.file(), own.offset(), damage + ": " + own.reason());
    }

    @Override
    public String format() {
        return inner.format() + ", gzip-compressed";
    }
}
