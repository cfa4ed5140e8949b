package io.hascope.cli;

import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.FrameAnnotations;
import io.hascope.analysis.TappedReader;
import io.hascope.capture.CaptureProblem;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Frame;
import io.hascope.capture.FrameCopier;
import io.hascope.capture.CaptureWriter;
import io.hascope.capture.PcapngWriter;
import io.hascope.decode.Dissector;
import io.hascope.event.SyncEventSink;
import io.hascope.field.Field;
import io.hascope.field.FieldColumns;
import io.hascope.field.FieldTree;
import io.hascope.filter.DisplayFilter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** hascope decode: tshark for HA sync traffic. */
// not mixinStandardHelpOptions: its -V (version) is taken by tshark's -V (the detail tree), and picocli then left
// the command without --help, which every usage error tells the user to try
@Command(name = "decode", sortOptions = false,
        header = "Decode a capture like tshark: summaries, detail tree, fields, JSON",
        description = {"Decode a capture: one line per frame, the detail tree (-V), chosen fields (-T fields) or JSON.",
                "Exit 0 when the file was read (malformed frames are findings); 3 when it cannot be opened;",
                "4 when it is cut short or corrupt part-way, after printing every frame before that point;",
                "5 when the -w file cannot be written; with -i, 6 when the capture could not start or ended on an",
                "error."})
public final class DecodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-r", paramLabel = "FILE", description = "Capture to read (pcap or pcapng, gzip-compressed or not;"
            + " - for stdin)")
    String file;

    @Option(names = "-i", paramLabel = "IFACE", description = "Capture on this interface instead, each frame decoded"
            + " as it comes (as tshark -i; repeat it for a tap at each DPU's port; hascope live -D lists them); -"
            + " reads a capture piped in as it comes")
    List<String> ifaces = new ArrayList<>();

    @Option(names = "-f", paramLabel = "BPF", description = "With -i: capture filter (default: the hasync and DP ports"
            + " and EtherType 0x876D, tagged or not; '' captures everything)")
    String captureFilter;
    /** Standard input kept for the two passes (-r - with -2), or null. */
    private volatile SpooledInput stdin;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "-Y", paramLabel = "FILTER", description = "Display filter: only frames that match are printed")
    String filter;

    @Option(names = "-T", paramLabel = "FORMAT", description = "Output: text (default), fields, json, ek"
            + " (Elasticsearch's bulk lines, as tshark -T ek)")
    String format = "text";

    @Option(names = "-t", paramLabel = "FORMAT", description = "The summary line's time, as tshark -t: r since the first"
            + " frame (default), d since the previous frame, dd since the previous frame shown, e since 1970, a / ad"
            + " local time of day (with the date), u / ud UTC")
    String timeFormat = "r";

    @Option(names = "-e", paramLabel = "FIELD", description = "Field to print with -T fields (repeatable, in order)")
    List<String> fields = new ArrayList<>();

    @Option(names = "-E", paramLabel = "OPTION", description = "-T fields options, as tshark's: header=y|n,"
            + " separator=/t|/s|C, aggregator=C|/s, quote=d|s|n, occurrence=f|l|a")
    List<String> fieldOptions = new ArrayList<>();

    @Option(names = "-x", description = "Print each frame's bytes as a hex and ASCII dump, as tshark -x: alone, or"
            + " after the detail tree (-V) or the summary line (-P)")
    boolean hexDump;

    @Option(names = "-V", description = "Print the detail tree of each frame")
    boolean verbose;

    @Option(names = "-J", paramLabel = "PROTOCOLS", description = "With -T json or ek: only these protocols' layers,"
            + " whole, as tshark -J (space-separated, \"hasync rudp\"; the analysis fields go with their protocol)")
    String jsonLayers;

    @Option(names = "-O", paramLabel = "PROTOCOLS", split = ",", description = "The detail tree with only these"
            + " protocols' fields (frame, eth, vlan, sll, null, ip, udp, tcp, rudp, hasync, dashmeta), the others as"
            + " their one-line header, as tshark -O; implies -V")
    List<String> onlyProtocols = new ArrayList<>();

    @Option(names = "-2", description = "Two passes, as tshark -2: analyse the whole capture first, then decode with"
            + " the hasync.analysis.* and rudp.analysis.* fields (reply_in, lost_reply, ...) on each frame; implied"
            + " when -Y or -e names one of them. From standard input the frames are kept in a temporary file and"
            + " decoded once it ends")
    boolean twoPass;

    @Option(names = "--tap", paramLabel = "ADDR=IFACE",
            description = "With -2: name a DPU's tap (repeat, one per DPU) as analyze --tap does: its address, then its"
                    + " interface's name or number")
    List<String> taps = new ArrayList<>();

    @Option(names = "-l", description = "Flush the output after each frame, as tshark -l (for a script reading a"
            + " pipe or capture as it comes)")
    boolean flushEachFrame;

    @Option(names = "-a", paramLabel = "duration:S", description = "With -i: stop capturing after S seconds, as"
            + " tshark -a duration:S (-c N stops after N frames)")
    String autostop;

    @Option(names = "-c", paramLabel = "N", description = "Stop after printing (or writing) N frames")
    long count = Long.MAX_VALUE;

    @Option(names = "-w", paramLabel = "FILE", description = "Write the frames that pass -Y to this pcapng, as tshark -w,"
            + " instead of printing them (with -2 the analysis fields filter too)")
    String written;

    @Option(names = "-F", paramLabel = "FORMAT", description = "The -w file's format, as tshark -F: pcapng (default),"
            + " pcap (microsecond timestamps) or nsecpcap (nanosecond)")
    String fileFormat;

    @Option(names = "-P", description = "With -w: print the frames as well, as tshark -P; with -x: the summary line"
            + " before each dump")
    boolean printToo;

    @Option(names = "-n", description = "Accepted as tshark's -n (no name resolution): hascope never resolves names")
    boolean noNameResolution;

    @Option(names = "-q", description = "Quiet, as tshark -q: print no frames (for -z's statistics, or -w alone)")
    boolean quiet;

    @Mixin
    StatisticsOptions statisticsOptions;

    @Mixin
    DissectorOptions dissectorOptions;

    /** The -z statistics, in the order asked for. */
    private final List<FrameStatistics> frameStatistics = new ArrayList<>();

    @Override
    public Integer call() throws IOException, Main.UnreadableCapture, io.hascope.live.LiveCaptureException {
        DisplayFilter display = Main.displayFilter(filter, spec);
        if (statisticsOptions.helpAsked()) {
            Main.stdout().write(StatisticsOptions.HELP);
            Main.stdout().flush();
            return ExitCode.OK;
        }
        frameStatistics.addAll(statisticsOptions.statistics());
        verbose |= !onlyProtocols.isEmpty(); // as tshark's -O
        if (count <= 0) {
            throw new ParameterException(spec.commandLine(), "-c needs a positive count, not " + count);
        }
        Field analysed = analysisFieldNamed(display);
        if ((file == null) == ifaces.isEmpty()) {
            throw new ParameterException(spec.commandLine(), file == null
                    ? "say what to decode: a capture file with -r FILE (- for standard input), or an interface with -i"
                    : "decode reads a file (-r) or captures on an interface (-i), not both");
        }
        if (fileFormat != null && written == null) {
            throw new ParameterException(spec.commandLine(), "-F sets the format of the -w file: it needs -w");
        }
        if (!ifaces.isEmpty()) {
            return decodeLive(display, analysed);
        }
        if (captureFilter != null || autostop != null) {
            throw new ParameterException(spec.commandLine(), (captureFilter != null
                    ? "-f filters what an interface captures" : "-a stops an interface's capture") + ": it needs -i");
        }
        if (file.equals("-")) {
            Signals.finishInputOnInterrupt(() -> SpooledInput.stoppedAtOnce(stdin, null));
        }
        // tshark fills its tcp.analysis fields in one pass; these need later frames (a reply, a timeout), so a filter
        // or column that names one gets the second pass rather than silently matching nothing
        twoPass |= analysed != null;
        if (!twoPass && !taps.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--tap names the taps for the analysis: it needs -2"
                    + " (or -Y or -e naming an analysis field)");
        }
        Writer out = Main.stdout();
        FrameOutput output = output(out);
        CaptureWriter writer = written == null ? null : writer(); // before -2's first pass, which may be long
        try {
            if (twoPass && SpooledInput.isPipe(file)) {
                // a pipe gives its frames once: they are kept for the two passes, read when it ends
                stdin = SpooledInput.create(file);
                stdin.keep(file);
            }
            FrameAnnotations annotations = twoPass ? firstPass() : null;
            try (CaptureReader reader = openCapture()) {
                int code = decode(reader, display, annotations, output, writer == null ? null
                        : new FrameCopier(reader, writer));
                out.flush();
                if (writer != null) {
                    writer.close();
                }
                return code;
            }
        } catch (IOException | RuntimeException | Main.UnreadableCapture e) {
            if (writer != null) {
                writer.abort();
            }
            throw e;
        } finally {
            if (stdin != null) {
                stdin.close();
            }
        }
    }

    /** The capture from its first frame: the file, or standard input (as kept for two passes, or read once). */
    private CaptureReader openCapture() throws Main.UnreadableCapture {
        return stdin != null ? stdin.open() : Main.open(file);
    }

    /**
     * -i: each frame decoded as it is captured, until Ctrl-C, -c frames shown, or the interface going away. The
     * analysis fields need the capture's end (a reply, a timeout), which a line never reaches: live gives them.
     */
    private int decodeLive(DisplayFilter display, Field analysed)
            throws IOException, io.hascope.live.LiveCaptureException, Main.UnreadableCapture {
        if (twoPass || analysed != null) {
            throw new ParameterException(spec.commandLine(), (analysed != null ? analysed.name() + " comes from the"
                    + " analysis of the whole capture" : "-2 reads the whole capture first") + ", whose end a live"
                    + " interface does not reach: hascope live analyses as it captures (findings as they become"
                    + " certain), or capture with -w and decode the file");
        }
        if (!taps.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--tap names the taps for the analysis, which decode -i"
                    + " does not run: hascope live -i A -i B --tap takes them");
        }
        boolean pipe = ifaces.contains("-");
        if (pipe && (ifaces.size() > 1 || captureFilter != null)) {
            throw new ParameterException(spec.commandLine(), ifaces.size() > 1 ? "-i - reads one pipe: a tap at each"
                    + " DPU's port comes in it as two interfaces of one pcapng" : "-f filters what an interface"
                    + " captures; a pipe carries what its writer captured (give the filter to tcpdump)");
        }
        Writer out = Main.stdout();
        FrameOutput output = output(out);
        long stopAfter = autostopNanos();
        String bpf = pipe ? "" : captureFilter != null ? captureFilter : io.hascope.live.LiveCapture.defaultFilter(
                dissectorOptions.hasyncPortsOrDefault(), dissectorOptions.dpPortsOrDefault());
        CaptureWriter writer = written == null ? null : writer();
        io.hascope.live.FrameSource source;
        try {
            // -i -, as tshark's: a capture piped in, read as it comes (its lines go out whenever the pipe pauses)
            source = pipe ? io.hascope.live.PipeSource.open(Main.open("-"), "standard input")
                    : io.hascope.live.MultiInterfaceCapture.open(ifaces, 65535, 64 << 20, bpf, true);
        } catch (io.hascope.live.LiveCaptureException | Main.UnreadableCapture | RuntimeException e) {
            if (writer != null) {
                writer.abort(); // no capture, no file
            }
            throw e;
        }
        io.hascope.live.CapturingReader reader = io.hascope.live.CapturingReader.start(source);
        Signals.onInterrupt(reader::stop);
        if (stopAfter > 0) {
            Thread timer = new Thread(() -> {
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.sleep(stopAfter);
                } catch (InterruptedException e) {
                    return;
                }
                reader.stop();
            }, "hascope-autostop");
            timer.setDaemon(true);
            timer.start();
        }
        String where = pipe ? "standard input" : String.join(", ", ifaces);
        System.err.println("hascope: capturing on " + where + (bpf.isBlank() ? "" : " (capture filter: " + bpf + ")"));
        try {
            int code = decode(reader, display, null, output, writer == null ? null : new FrameCopier(reader, writer),
                    out);
            reader.stop(); // -c frames shown: the capture ends too
            out.flush();
            if (writer != null) {
                writer.close();
            }
            io.hascope.live.LiveCapture.Drops d = reader.drops();
            long lost = d.droppedByKernel() + d.droppedByInterface() + reader.notRead();
            System.err.printf(java.util.Locale.ROOT, "hascope: %,d frames captured%s%n", reader.captured(),
                    lost == 0 ? "" : String.format(java.util.Locale.ROOT, ", %,d LOST (kernel %,d, interface %,d,"
                            + " not read in time %,d)", lost, d.droppedByKernel(), d.droppedByInterface(),
                            reader.notRead()));
            if (reader.captureError() != null) {
                System.err.println("hascope: capture on " + where + " ended: " + reader.captureError());
                return ExitCode.CAPTURE;
            }
            return code;
        } catch (IOException | RuntimeException e) {
            if (writer != null) {
                writer.abort();
            }
            throw e;
        } finally {
            reader.stop();
            source.close();
        }
    }

    /** -a duration:S in nanoseconds, or 0 without it. */
    private long autostopNanos() {
        if (autostop == null) {
            return 0;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("duration:(\\d{1,9})").matcher(autostop);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new ParameterException(spec.commandLine(), "-a takes duration:S, S a whole number of seconds from 1"
                    + " (-c N stops after N frames), not '" + autostop + "'");
        }
        return Long.parseLong(m.group(1)) * 1_000_000_000L;
    }

    private int decode(CaptureReader reader, DisplayFilter display, FrameAnnotations annotations, FrameOutput output,
                       FrameCopier copier) throws IOException {
        return decode(reader, display, annotations, output, copier, null);
    }

    /**
     * The frames that pass the filter, printed by output and written by copier (either may be null); with
     * flushWhileWaiting (a live capture), what was printed goes out whenever the next frame is not there yet.
     */
    private int decode(CaptureReader reader, DisplayFilter display, FrameAnnotations annotations, FrameOutput output,
                       FrameCopier copier, Writer flushWhileWaiting) throws IOException {
        Dissector dissector = new Dissector(dissectorOptions.config());
        FieldTree tree = treeFor(output, display);
        Frame frame = new Frame();
        long shown = 0;
        if (output != null) {
            output.begin();
        }
        while (shown < count && next(reader, frame, flushWhileWaiting)) {
            if (output != null) {
                output.read(frame);
            }
            dissector.dissect(frame, tree, SyncEventSink.NONE);
            if (annotations != null) {
                annotations.addTo(frame.number(), tree);
            }
            for (FrameStatistics z : frameStatistics) {
                z.frame(frame, tree); // every frame read, as tshark's statistics: -Y chooses what is printed
            }
            if (display == null || display.matches(tree)) {
                if (output != null) {
                    output.frame(frame, tree);
                    if (flushEachFrame) {
                        Main.stdout().flush();
                    }
                }
                if (copier != null) {
                    copy(copier, frame);
                }
                shown++;
            }
        }
        if (output != null) {
            output.end();
        }
        int code = ExitCode.OK;
        for (FrameStatistics z : frameStatistics) {
            try {
                z.write(Main.stdout());
            } catch (IllegalArgumentException e) {
                // a table these options cannot draw for this capture: said, and the others drawn
                System.err.println("hascope: -z io,stat: " + e.getMessage());
                code = ExitCode.USAGE;
            }
        }
        Main.stdout().flush();
        CaptureProblem problem = shown < count ? reader.problem() : null;
        if (problem != null) {
            System.err.println("hascope: " + problem.message());
            return ExitCode.CORRUPT;
        }
        return code;
    }

    /** Writes frame to -w's file; one that file's format cannot hold (pcap: one link type) stops the writing. */
    private void copy(FrameCopier copier, Frame frame) throws IOException {
        try {
            copier.copy(frame, frame.comment());
        } catch (IllegalArgumentException e) {
            throw new IOException(written + " (-F " + fileFormat + "): " + e.getMessage(), e);
        }
    }

    private static boolean next(CaptureReader reader, Frame frame, Writer flushWhileWaiting) throws IOException {
        if (flushWhileWaiting == null) {
            return reader.next(frame);
        }
        int got = reader.nextBy(frame, System.nanoTime() + 50_000_000L);
        if (got == CaptureReader.NOT_YET) {
            flushWhileWaiting.flush(); // a quiet line: what was printed is seen now, as tshark prints as it captures
            return reader.next(frame);
        }
        return got == CaptureReader.READ;
    }

    /** The first analysis field -Y, -e or -z names, or null. */
    private Field analysisFieldNamed(DisplayFilter display) {
        java.util.List<Field> named = new ArrayList<>(display == null ? List.of() : display.fields());
        for (FrameStatistics z : frameStatistics) {
            named.addAll(z.named());
        }
        if (format.equals("fields")) {
            for (String name : fields) {
                named.addAll(java.util.Arrays.asList(DisplayFilter.resolve(name))); // an unknown name: said later
            }
        }
        return io.hascope.field.AnalysisFields.firstOf(named);
    }

    /** Opened before reading, so that a file that cannot be written is said before any work; never the input. */
    private CaptureWriter writer() throws IOException {
        Path target = Path.of(written);
        if (file != null && Main.isOneOf(target, List.of(file))) {
            throw new ParameterException(spec.commandLine(), "-w " + written + " would overwrite the capture it reads");
        }
        return Main.captureWriter(target, fileFormat == null ? "pcapng" : fileFormat, "hascope decode", spec);
    }

    /** The analysis of the whole capture, kept as the fields it adds to single frames. */
    private FrameAnnotations firstPass() throws IOException, Main.UnreadableCapture {
        FrameAnnotations annotations = new FrameAnnotations();
        try (TappedReader input = tapped(openCapture())) {
            Analyzer analyzer = new Analyzer(new AnalysisConfig()).onPairing(annotations);
            CaptureAnalysis.run(input.reader(), dissectorOptions.config(), analyzer, Long.MAX_VALUE, Long.MAX_VALUE,
                    null, null, input.taps());
            annotations.addFindings(analyzer.findings());
        }
        return annotations;
    }

    private TappedReader tapped(CaptureReader opened) throws IOException {
        try {
            return TappedReader.of(opened, file, taps);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * -T fields needs only its columns and the fields the filter and the statistics read, and so does no output at
     * all (-q, -w); every other output shows the whole tree.
     */
    private FieldTree treeFor(FrameOutput output, DisplayFilter display) {
        if (output != null && !(output instanceof FieldsOutput)) {
            return new FieldTree();
        }
        java.util.Set<Field> needed = new java.util.LinkedHashSet<>();
        if (output instanceof FieldsOutput fieldsOutput) {
            needed.addAll(fieldsOutput.fields());
        }
        if (display != null) {
            needed.addAll(display.fields());
        }
        for (FrameStatistics z : frameStatistics) {
            needed.addAll(z.fields());
        }
        return FieldTree.only(needed);
    }

    private TimeColumn timeColumn() {
        TimeColumn c = TimeColumn.of(timeFormat);
        if (c == null) {
            throw new ParameterException(spec.commandLine(), "-t takes r, d, dd, e, a, ad, u or ud, not '" + timeFormat
                    + "'");
        }
        return c;
    }

    /**
     * What prints the frames that pass: null when -w alone writes them, as tshark -w prints nothing. Its options are
     * judged even then.
     */
    private FrameOutput output(Writer out) throws IOException {
        if (printToo && written == null && !hexDump) {
            throw new ParameterException(spec.commandLine(), "-P prints the frames while -w writes them (or the"
                    + " summary line before -x's dump): it needs -w or -x");
        }
        FrameOutput printing = printing(out);
        return quiet ? null : written == null || printToo ? printing : null;
    }

    /** -J's protocols (null: every one); a name that is no protocol is a usage error. */
    private java.util.Set<String> layersNamed() {
        if (jsonLayers == null) {
            return null;
        }
        java.util.Set<String> named = new java.util.LinkedHashSet<>();
        for (String p : jsonLayers.trim().split("[\\s,]+")) {
            named.add(protocolNamed("-J", p));
        }
        return named;
    }

    /** The protocol a -O or -J name means; anything else is a usage error that lists them. */
    private String protocolNamed(String option, String name) {
        Field f = io.hascope.field.FieldRegistry.byName(name.strip());
        if (f == null || f.type() != io.hascope.field.FieldType.PROTOCOL) {
            throw new ParameterException(spec.commandLine(), option + " takes protocol names (frame, eth, vlan, sll,"
                    + " null, ip, udp, tcp, rudp, hasync, dashmeta), not '" + name + "'");
        }
        return f.name();
    }

    /** -V's tree, every protocol's fields or (-O) those named. */
    private TreeOutput treeOutput(Writer out) {
        if (onlyProtocols.isEmpty()) {
            return new TreeOutput(out);
        }
        java.util.Set<String> named = new java.util.LinkedHashSet<>();
        for (String p : onlyProtocols) {
            named.add(protocolNamed("-O", p));
        }
        return new TreeOutput(out, named);
    }

    private FrameOutput printing(Writer out) throws IOException {
        if (jsonLayers != null && !format.equals("json") && !format.equals("ek")) {
            throw new ParameterException(spec.commandLine(), "-J chooses the layers of -T json or -T ek, not of -T "
                    + format);
        }
        if (!format.equals("fields") && (!fields.isEmpty() || !fieldOptions.isEmpty())) {
            // tshark refuses it too: the fields asked for would silently not be printed
            throw new ParameterException(spec.commandLine(), (fields.isEmpty() ? "-E" : "-e")
                    + " applies to -T fields only (-T " + format + " prints every field of each frame)");
        }
        if (hexDump) {
            if (!format.equals("text")) {
                throw new ParameterException(spec.commandLine(), "-x dumps the bytes after the text output: it takes"
                        + " no -T " + format);
            }
            FrameOutput before = verbose ? treeOutput(out) : printToo ? new SummaryOutput(out, timeColumn())
                    : null;
            return new HexDumpOutput(out, before, !verbose && printToo);
        }
        switch (format) {
            case "text":
                return verbose ? treeOutput(out) : new SummaryOutput(out, timeColumn());
            case "json":
                return new JsonOutput(out, layersNamed());
            case "ek":
                return new EkOutput(out, layersNamed());
            case "fields":
                return fieldsOutput(out);
            default:
                throw new ParameterException(spec.commandLine(), "-T takes text, fields, json or ek, not '" + format
                        + "'");
        }
    }

    /** A -e name's field, or an alias's fields (ip.addr, udp.port), as tshark's -e takes them. */
    private Field[] fieldsNamed(String name) {
        Field[] named = DisplayFilter.resolve(name);
        if (named.length == 0) {
            throw new ParameterException(spec.commandLine(), "\"" + name + "\" is not a field name (see 'hascope"
                    + " fields')");
        }
        return named;
    }

    private FrameOutput fieldsOutput(Writer out) {
        if (fields.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "-T fields needs at least one -e FIELD");
        }
        List<Field[]> resolved = new ArrayList<>();
        for (String name : fields) {
            resolved.add(fieldsNamed(name));
        }
        boolean header = false;
        String separator = "\t";
        char aggregator = ',';
        char quote = 0;
        FieldColumns.Occurrence occurrence = FieldColumns.Occurrence.ALL;
        for (String option : fieldOptions) {
            int eq = option.indexOf('=');
            String key = eq < 0 ? option : option.substring(0, eq);
            String value = eq < 0 ? "" : option.substring(eq + 1);
            switch (key) {
                case "header" -> {
                    if (!value.equals("y") && !value.equals("n")) {
                        throw new ParameterException(spec.commandLine(), "-E header takes y or n, not '" + value + "'");
                    }
                    header = value.equals("y");
                }
                case "separator" -> separator = switch (value) {
                    case "/t" -> "\t";
                    case "/s" -> " ";
                    default -> {
                        if (value.isEmpty()) {
                            throw new ParameterException(spec.commandLine(), "-E separator needs a value");
                        }
                        yield value;
                    }
                };
                case "aggregator" -> {
                    if (value.length() != 1 && !value.equals("/s")) {
                        throw new ParameterException(spec.commandLine(), "-E aggregator takes one character");
                    }
                    aggregator = value.equals("/s") ? ' ' : value.charAt(0);
                }
                case "quote" -> quote = switch (value) {
                    case "d" -> '"';
                    case "s" -> '\'';
                    case "n" -> (char) 0;
                    default -> throw new ParameterException(spec.commandLine(), "-E quote takes d, s or n, not '"
                            + value + "'");
                };
                case "occurrence" -> occurrence = switch (value) {
                    case "a" -> FieldColumns.Occurrence.ALL;
                    case "f" -> FieldColumns.Occurrence.FIRST;
                    case "l" -> FieldColumns.Occurrence.LAST;
                    default -> throw new ParameterException(spec.commandLine(), "-E occurrence takes f, l or a, not '"
                            + value + "'");
                };
                default -> throw new ParameterException(spec.commandLine(), "unknown -E option '" + key
                        + "' (header, separator, aggregator, quote, occurrence)");
            }
        }
        return new FieldsOutput(out, fields, resolved, separator, aggregator, header, occurrence, quote);
    }
}
