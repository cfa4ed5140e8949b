package io.hascope.cli;

import io.hascope.capture.PcapngWriter;
import io.hascope.gen.SampleCapture;
import io.hascope.gen.SyncTrafficGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** hascope generate: the bundled sample and synthetic captures for benchmarks. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        header = "Write synthetic captures: the bundled samples, benchmark traffic",
        description = {"Write synthetic captures: 'sample' is the scripted exchange bundled as samples/sync-basic.pcapng;",
                "'samples' writes every DPU-model sample with its truth into the folder -w names (samples/);",
                "'traffic' is N frames of realistic sync traffic (coalesced requests, truncated replies, IPv4/IPv6,",
                "packet updates, DASH), as the benchmarks read."})
public final class GenerateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "KIND", description = "sample, samples or traffic")
    String kind;

    @Option(names = "-w", paramLabel = "FILE", required = true, description = "pcapng file to write (a folder for 'samples')")
    Path output;

    @Option(names = "--frames", paramLabel = "N", description = "Frames of traffic (default 1000000)")
    int frames = 1_000_000;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default 1)")
    long seed = 1;

    @Option(names = "--coalescing", paramLabel = "MIX",
            description = "Messages per request: UNIFORM (1-60, mean 30.5) or LOAD (geometric, mean 10, max 60; default)")
    SyncTrafficGenerator.Coalescing coalescing = SyncTrafficGenerator.Coalescing.LOAD;

    @Override
    public Integer call() throws Exception {
        if (kind.equals("samples")) {
            if (!java.nio.file.Files.isDirectory(output)) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "-w " + output + " is not a folder");
            }
            io.hascope.model.SampleSet.writeAll(output);
            return ExitCode.OK;
        }
        if (!kind.equals("sample") && !kind.equals("traffic")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "KIND is sample, samples or traffic, not '" + kind + "'");
        }
        try (PcapngWriter writer = new PcapngWriter(output, "hascope generate " + kind)) {
            switch (kind) {
                case "sample" -> SampleCapture.write(writer);
                case "traffic" -> {
                    long messages = SyncTrafficGenerator.realistic(seed, coalescing).write(writer, frames);
                    System.err.println("hascope: wrote " + frames + " frames, " + messages + " sync messages to " + output);
                }
                default -> throw new IllegalStateException(kind);
            }
        }
        return ExitCode.OK;
    }
}
