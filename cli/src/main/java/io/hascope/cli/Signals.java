package io.hascope.cli;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop cleanly rather than an exit: the handler runs, and the command
 * finishes its file and its report itself. A second Ctrl-C still stops at once.
 */
final class Signals {
    private Signals() {
    }

    static void onInterrupt(Runnable stop) {
        onInterrupt(stop, () -> System.err.println("hascope: stopped at once; files may be left as NAME.partial"));
    }

    /**
     * A command reading standard input: Ctrl-C there reaches the writer before it in the pipe too (tcpdump -w -,
     * ssh), which ends the input, so the command finishes with what it was given (its report, decode's second
     * pass) instead of dying with it. beforeHalt runs at a second Ctrl-C, which stops at once.
     */
    static void finishInputOnInterrupt(Runnable beforeHalt) {
        boolean[] said = {false};
        onInterrupt(() -> {
            if (!said[0]) {
                said[0] = true;
                System.err.println("hascope: interrupted: finishing with what standard input gives until it ends"
                        + " (Ctrl-C again to stop at once)");
            }
        }, beforeHalt);
    }

    @SuppressWarnings("restriction")
    private static void onInterrupt(Runnable stop, Runnable beforeHalt) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                int[] times = {0};
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
                    if (++times[0] > 1) {
                        beforeHalt.run();
                        Runtime.getRuntime().halt(130);
                    }
                    stop.run();
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // no such signal here (or the JVM keeps it): the default exit applies
            }
        }
    }
}
