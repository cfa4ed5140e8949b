package io.hascope.cli;

/** Process exit codes, distinct per kind of failure so scripts can tell them apart. */
public final class ExitCode {
    /** The capture was read to its end (malformed frames are findings, not failures). */
    public static final int OK = 0;
    /** The run worked and found what a gate (analyze --fail-on) forbids. */
    public static final int GATE = 1;
    /** A bad option, filter or field name. */
    public static final int USAGE = 2;
    /** The file could not be opened or is not a capture. */
    public static final int UNREADABLE = 3;
    /** The capture is cut short or corrupt part-way; every frame before that point was processed. */
    public static final int CORRUPT = 4;
    /** Writing the output failed (disk full, closed pipe). */
    public static final int OUTPUT = 5;
    /** Live capture could not start (no libpcap, no permission) or ended on an error (the interface vanished). */
    public static final int CAPTURE = 6;
    /**
     * The JVM's heap ran out: the analysis keeps only live state, but the DPU model keeps every request of a run for
     * its truth, so a long simulation can outgrow the default heap.
     */
    public static final int MEMORY = 7;
    /** A fault of hascope itself (sysexits' EX_SOFTWARE): one sentence, the trace with HASCOPE_DEBUG=1. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
