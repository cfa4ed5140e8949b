package io.hascope.capture;

/** Why a capture could not be read to its end: the file, the byte offset and one sentence. */
public record CaptureProblem(String file, long offset, String reason) {
    public String message() {
        return file + ": " + reason + " at byte offset " + offset;
    }
}
