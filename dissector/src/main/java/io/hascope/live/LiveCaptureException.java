package io.hascope.live;

/** Live capture cannot start or cannot go on; the message is one sentence a user can act on. */
public final class LiveCaptureException extends Exception {
    /** Whether the user's own input (an option, a filter, an interface name) is at fault rather than the machine. */
    private final boolean usage;

    public LiveCaptureException(String message, boolean usage) {
        super(message);
        this.usage = usage;
    }

    public boolean isUsage() {
        return usage;
    }
}
