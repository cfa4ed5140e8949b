package io.hascope.cli;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop cleanly rather than an exit: the handler runs, and the command
 * finishes its file and its report itself. A second Ctrl-C still stops at once.
 */
final class Signals {
    private Signals() {
    }

    @SuppressWarnings("restriction")
    static void onInterrupt(Runnable stop) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                int[] times = {0};
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
                    if (++times[0] > 1) {
                        System.err.println("hascope: stopped at once; files may be left as NAME.partial");
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
