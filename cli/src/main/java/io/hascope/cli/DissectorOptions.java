package io.hascope.cli;

import io.hascope.decode.DissectorConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Port dispatch and heuristics, shared by every command that dissects. */
public final class DissectorOptions {
    @Option(names = "--hasync-port", paramLabel = "PORT",
            description = "UDP port that carries hasync (repeatable; default 7400)")
    List<Integer> hasyncPorts = new ArrayList<>();

    @Option(names = "--dp-port", paramLabel = "PORT",
            description = "UDP port of the DASH DP channel (repeatable; default 7000)")
    List<Integer> dpPorts = new ArrayList<>();

    @Option(names = "--no-heuristics", description = "Do not try hasync/DASH on other UDP ports")
    boolean noHeuristics;

    public DissectorConfig config() {
        return new DissectorConfig(hasyncPorts.isEmpty() ? List.of(DissectorConfig.DEFAULT_HASYNC_PORT) : hasyncPorts,
                dpPorts.isEmpty() ? List.of(DissectorConfig.DEFAULT_DP_PORT) : dpPorts, !noHeuristics);
    }
}
