package io.hascope.cli;

import io.hascope.capture.CaptureFormatException;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The hascope command line: subcommands over the dissector library; formatting only. */
@Command(name = "hascope", mixinStandardHelpOptions = true, version = "hascope 0.1.0",
        description = "Analyzer and debugger for DPU high-availability state synchronization (hasync, rUDP, DASH).")
public final class Main {
    /**
     * The subcommands, in the order help lists them. Registered by hand rather than in the annotation: picocli reads
     * every registered command's options by reflection when the command line is built, which took half of a small
     * run's 0.26 s; a run names one command, so only that one is built (all of them for help and unknown names).
     */
    private static final java.util.Map<String, java.util.function.Supplier<Object>> COMMANDS = commands();

    private static java.util.Map<String, java.util.function.Supplier<Object>> commands() {
        java.util.Map<String, java.util.function.Supplier<Object>> m = new java.util.LinkedHashMap<>();
        m.put("decode", DecodeCommand::new);
        m.put("analyze", AnalyzeCommand::new);
        m.put("live", LiveCommand::new);
        m.put("fields", FieldsCommand::new);
        m.put("merge", MergeCommand::new);
        m.put("simulate", SimulateCommand::new);
        m.put("replay", ReplayCommand::new);
        m.put("generate", GenerateCommand::new);
        m.put("bench", BenchCommand::new);
        return m;
    }

    private static Writer stdout;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        try {
            return commandLine(args).execute(args);
        } catch (OutOfMemoryError e) {
            // what the command held is unreachable once unwound, so there is room again to say so
            System.err.println("hascope: out of memory with a heap of " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB; give Java more (HASCOPE_JAVA_OPTS=\"-Xmx16g -XX:+UseSerialGC -XX:-UseCompressedOops\")"
                    + (args.length > 0 && (args[0].equals("simulate") || args[0].equals("replay"))
                            ? ", or simulate less: the model keeps every request of the run for its truth"
                            : args.length > 0 && args[0].equals("live")
                            ? ", or keep fewer findings for the report (--keep-findings)" : ""));
            return ExitCode.MEMORY;
        }
    }

    /** The command line for these arguments: the one command they name, or all of them. */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Main());
        java.util.function.Supplier<Object> named = args.length == 0 ? null : COMMANDS.get(args[0]);
        if (named != null) {
            cli.addSubcommand(args[0], named.get());
        } else {
            COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        cli.setParameterExceptionHandler((e, a) -> usage(e));
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof CommandLine.ParameterException p) {
                return usage(p); // option values that only the command itself can judge
            }
            if (e instanceof io.hascope.live.LiveCaptureException l) {
                if (l.isUsage()) {
                    return usage(new CommandLine.ParameterException(c, l.getMessage())); // a bad interface or filter
                }
                System.err.println("hascope: " + l.getMessage()); // no libpcap, no right to capture
                return ExitCode.CAPTURE;
            }
            if (e instanceof UnreadableCapture u) {
                System.err.println("hascope: " + u.getMessage());
                return ExitCode.UNREADABLE;
            }
            if (e instanceof IOException || e instanceof UncheckedIOException) {
                String message = String.valueOf(e.getMessage());
                if (!message.contains("Broken pipe")) {
                    System.err.println("hascope: cannot write the output: " + message);
                }
                return ExitCode.OUTPUT;
            }
            System.err.println("hascope: internal error (" + e + "); please report it with the command line used");
            if (System.getenv("HASCOPE_DEBUG") != null) {
                e.printStackTrace();
            }
            return ExitCode.INTERNAL;
        });
        cli.setUsageHelpAutoWidth(true);
        return cli;
    }

    private static int usage(CommandLine.ParameterException e) {
        System.err.println("hascope: " + e.getMessage());
        System.err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
        return ExitCode.USAGE;
    }

    /** Standard output through one large buffer; flushed by each command. */
    static synchronized Writer stdout() {
        if (stdout == null) {
            stdout = new Utf8Writer(new FileOutputStream(FileDescriptor.out));
        }
        return stdout;
    }

    /** For tests: send standard output elsewhere. */
    static synchronized void redirectStdout(Writer w) {
        stdout = w;
    }

    /** Whether writing target would replace one of these captures (standard input, "-", is none of them). */
    static boolean isOneOf(java.nio.file.Path target, java.util.List<String> captures) throws IOException {
        for (String c : captures) {
            java.nio.file.Path p = java.nio.file.Path.of(c);
            if (!c.equals("-") && java.nio.file.Files.exists(target) && java.nio.file.Files.exists(p)
                    && java.nio.file.Files.isSameFile(target, p)) {
                return true;
            }
        }
        return false;
    }

    /** The file -w writes, in the format -F names as tshark's and mergecap's do (pcapng, pcap, nsecpcap). */
    static io.hascope.capture.CaptureWriter captureWriter(java.nio.file.Path target, String format, String application,
                                                         CommandLine.Model.CommandSpec spec) throws IOException {
        return switch (format) {
            case "pcapng" -> new io.hascope.capture.PcapngWriter(target, application);
            case "pcap" -> new io.hascope.capture.PcapWriter(target, false);
            case "nsecpcap" -> new io.hascope.capture.PcapWriter(target, true);
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "-F takes pcapng, pcap or"
                    + " nsecpcap, not '" + format + "'");
        };
    }

    /** The compiled -Y filter, null without one; a bad one is a usage error naming the column it failed at. */
    static io.hascope.filter.DisplayFilter displayFilter(String filter, picocli.CommandLine.Model.CommandSpec spec) {
        if (filter == null || filter.isBlank()) {
            return null; // as tshark -Y '': no filter (a script's empty variable)
        }
        try {
            return io.hascope.filter.DisplayFilter.compile(filter);
        } catch (io.hascope.filter.FilterException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "invalid display filter: "
                    + e.reason() + " (column " + e.column() + ")\n  " + e.pointer().replace("\n", "\n  "));
        }
    }

    /** Opens a capture, turning every failure into one sentence that names the file. */
    static CaptureReader open(String file) throws UnreadableCapture {
        try {
            return Captures.open(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableCapture(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UnreadableCapture(file + ": permission denied");
        } catch (CaptureFormatException e) {
            throw new UnreadableCapture(e.getMessage());
        } catch (IOException e) {
            throw new UnreadableCapture(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** A capture that cannot be opened at all. */
    static final class UnreadableCapture extends Exception {
        UnreadableCapture(String message) {
            super(message);
        }
    }
}
