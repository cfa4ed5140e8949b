package io.hascope.capture;

import java.io.IOException;

/** The file is not a capture hascope can read at all (wrong magic, header cut short). */
public final class CaptureFormatException extends IOException {
    private final CaptureProblem problem;

    public CaptureFormatException(String file, long offset, String reason) {
        super(file + ": " + reason + " at byte offset " + offset);
        this.problem = new CaptureProblem(file, offset, reason);
    }

    public CaptureProblem problem() {
        return problem;
    }
}
