package io.hascope.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The GUI's command line: files to open, a screenshot to write instead of staying open, and the taps (--tap
 * ADDR=IFACE, as analyze takes them) of the capture it opens; or, as Wireshark's -k -i, a capture to start at once
 * on interfaces (- reads one piped in), with its capture filter (-f) and file (-w; a temporary one without).
 */
record GuiOptions(List<Path> files, Path screenshot, String view, boolean bench, List<String> taps,
                  List<String> interfaces, String captureFilter, Path captureFile) {
    /** The views built so far, in the order of the window's tabs. */
    static final List<String> VIEWS = List.of("packets", "findings", "tables", "holds", "timeline", "io-graph",
            "scorecard");

    /** What --help prints. */
    static final String USAGE = String.join("\n",
            "Usage: hascope gui [FILE...] [--tap ADDR=IFACE|NUMBER ...]",
            "       hascope gui FILE --screenshot OUT.png [--view " + String.join("|", VIEWS) + "]",
            "       hascope gui --bench FILE",
            "       hascope gui -k -i IFACE [-i IFACE] [-f BPF] [-w FILE] [--tap ADDR=IFACE ...]",
            "       hascope gui -k -i -          (a capture piped in: ssh dpu tcpdump -w - | hascope gui -k -i -)",
            "The desktop GUI: packet list, detail tree and bytes as in Wireshark, plus findings, both DPUs' tables,",
            "holds, a timeline, an I/O graph and the scorecard. FILE opens in the window (several are merged into",
            "one, as Wireshark merges files dropped together: a file per tap); --tap names the taps of a capture",
            "with one per DPU's port (a merged pcap's interface by its file's name); --screenshot writes the window",
            "as a PNG and exits (under Xvfb when there is no display); --bench measures the window on FILE; -k -i",
            "starts a live capture at once, as Wireshark's, into FILE (-w) or a temporary file, with a capture",
            "filter (-f).",
            "Exit 0; 2 a bad option; 3 a capture that cannot be opened (--screenshot); 5 a PNG that cannot be written.");

    /** Whether the arguments ask for the usage text rather than a window. */
    static boolean asksForHelp(String... args) {
        return java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h");
    }

    static GuiOptions parse(String... args) {
        List<Path> files = new ArrayList<>();
        Path screenshot = null;
        String view = "packets";
        boolean bench = false;
        List<String> taps = new ArrayList<>();
        List<String> interfaces = new ArrayList<>();
        String captureFilter = null;
        Path captureFile = null;
        boolean start = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bench" -> bench = true;
                case "-k" -> start = true;
                case "-i" -> interfaces.add(value(args, ++i, "-i needs an interface (- for standard input)"));
                case "-f" -> captureFilter = value(args, ++i, "-f needs a capture filter");
                case "-w" -> captureFile = Path.of(value(args, ++i, "-w needs a file name"));
                case "--tap" -> taps.add(value(args, ++i, "--tap needs ADDR=IFACE"));
                case "--screenshot" -> screenshot = Path.of(value(args, ++i, "--screenshot needs a file name"));
                case "--view" -> {
                    view = value(args, ++i, "--view needs one of " + VIEWS);
                    if (!VIEWS.contains(view)) {
                        throw new IllegalArgumentException("--view is one of " + String.join(", ", VIEWS) + ", not '"
                                + view + "'");
                    }
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                    }
                    if (!Files.isReadable(Path.of(args[i]))) {
                        throw new IllegalArgumentException(args[i] + ": no such file (or not readable)");
                    }
                    files.add(Path.of(args[i]));
                }
            }
        }
        if ((screenshot != null || bench) && files.size() != 1) {
            throw new IllegalArgumentException((bench ? "--bench" : "--screenshot") + " needs one capture");
        }
        if (start != !interfaces.isEmpty()) {
            throw new IllegalArgumentException(start ? "-k starts capturing at once: say where with -i IFACE (- for"
                    + " standard input)" : "-i captures when -k starts it at once, as in Wireshark (Capture › Start…"
                    + " chooses in the window)");
        }
        if (!start && (captureFilter != null || captureFile != null)) {
            throw new IllegalArgumentException((captureFilter != null ? "-f" : "-w") + " is for a capture started"
                    + " with -k -i");
        }
        if (interfaces.contains("-") && (interfaces.size() > 1 || captureFilter != null)) {
            throw new IllegalArgumentException(interfaces.size() > 1 ? "-i - reads one pipe: a tap at each DPU's port"
                    + " comes in it as two interfaces of one pcapng" : "-f filters what an interface captures; a pipe"
                    + " carries what its writer captured (give the filter to tcpdump)");
        }
        if (start && (!files.isEmpty() || screenshot != null || bench)) {
            throw new IllegalArgumentException("-k captures: it opens no file, screenshot or bench");
        }
        if (!taps.isEmpty() && files.size() != 1 && !start) {
            throw new IllegalArgumentException("--tap names the taps of one capture: give one file");
        }
        return new GuiOptions(files, screenshot, view, bench, List.copyOf(taps), List.copyOf(interfaces),
                captureFilter, captureFile);
    }

    private static String value(String[] args, int i, String missing) {
        if (i >= args.length) {
            throw new IllegalArgumentException(missing);
        }
        return args[i];
    }
}
