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
        description = "Analyzer and debugger for DPU high-availability state synchronization (hasync, rUDP, DASH).",
        subcommands = {DecodeCommand.class, AnalyzeCommand.class, LiveCommand.class, FieldsCommand.class, SimulateCommand.class, ReplayCommand.class,
            GenerateCommand.class,
            BenchCommand.class})
public final class Main {
    private static Writer stdout;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
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
        return cli.execute(args);
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

    /** Opens a capture, turning every failure into one sentence that names the file. */
    /** The compiled -Y filter, null without one; a bad one is a usage error naming the column it failed at. */
    static io.hascope.filter.DisplayFilter displayFilter(String filter, picocli.CommandLine.Model.CommandSpec spec) {
        if (filter == null) {
            return null;
        }
        try {
            return io.hascope.filter.DisplayFilter.compile(filter);
        } catch (io.hascope.filter.FilterException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "invalid display filter: "
                    + e.reason() + " (column " + e.column() + ")\n  " + e.pointer().replace("\n", "\n  "));
        }
    }

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
