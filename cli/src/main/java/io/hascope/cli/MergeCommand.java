package io.hascope.cli;

import io.hascope.capture.CaptureMerge;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.CaptureWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** hascope merge, as mergecap: several captures into one file ({@link CaptureMerge} says how). */
@Command(name = "merge", mixinStandardHelpOptions = true,
        header = "Merge captures into one, in time order, as mergecap",
        description = {"Merge captures (pcap or pcapng, gzip-compressed or not; - is standard input) into one",
                "pcapng (or -F's format), frames in time order, each file's interfaces kept apart: a tap at each",
                "DPU's port saved as a file each becomes one two-tap capture. An interface its file left unnamed is",
                "named after the file. Exit 0; 2 bad options; 3 a capture that cannot be opened; 4 one cut short or",
                "corrupt part-way (every frame before that point is written); 5 the output cannot be written."})
public final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "2..*", description = "The captures to merge (at least two)")
    List<String> files = new ArrayList<>();

    @Option(names = "-w", paramLabel = "FILE", required = true, description = "The merged capture to write")
    Path output;

    @Option(names = "-F", paramLabel = "FORMAT", description = "Its format, as mergecap -F: pcapng (default), pcap"
            + " (microsecond timestamps) or nsecpcap (nanosecond; pcap holds one link type)")
    String fileFormat = "pcapng";

    @Override
    public Integer call() throws Exception {
        if (Main.isOneOf(output, files)) {
            throw new ParameterException(spec.commandLine(), "-w " + output + " would overwrite a capture it merges");
        }
        if (files.stream().filter("-"::equals).count() > 1) {
            throw new ParameterException(spec.commandLine(), "standard input (-) can be merged once");
        }
        CaptureWriter writer = Main.captureWriter(output, fileFormat, "hascope merge", spec);
        List<CaptureReader> readers = new ArrayList<>();
        try {
            for (String f : files) {
                readers.add(Main.open(f));
            }
            CaptureMerge.Result merged;
            try {
                merged = CaptureMerge.merge(readers, files, writer);
            } catch (IllegalArgumentException e) {
                throw new IOException(output + " (-F " + fileFormat + "): " + e.getMessage(), e);
            }
            writer.close();
            System.err.printf(java.util.Locale.ROOT, "hascope: merged %,d frames of %d captures into %s%n",
                    merged.frames(), files.size(), output);
            if (merged.problem() != null) {
                System.err.println("hascope: " + merged.problem().message());
                return ExitCode.CORRUPT;
            }
            return ExitCode.OK;
        } catch (Exception | Error e) {
            writer.abort();
            throw e;
        } finally {
            for (CaptureReader r : readers) {
                r.close();
            }
        }
    }
}
