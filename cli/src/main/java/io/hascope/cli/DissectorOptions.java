package io.hascope.cli;

import io.hascope.decode.DissectorConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Port dispatch and heuristics, shared by every command that dissects. */
public final class DissectorOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--hasync-port", paramLabel = "PORT",
            description = "UDP port that carries hasync (repeatable; default 7400)")
    List<Integer> hasyncPorts = new ArrayList<>();

    @Option(names = "--dp-port", paramLabel = "PORT",
            description = "UDP port of the DASH DP channel (repeatable; default 7000)")
    List<Integer> dpPorts = new ArrayList<>();

    @Option(names = "--no-heuristics", description = "Do not try hasync/DASH on other UDP ports")
    boolean noHeuristics;

    List<Integer> hasyncPortsOrDefault() {
        return hasyncPorts.isEmpty() ? List.of(DissectorConfig.DEFAULT_HASYNC_PORT) : hasyncPorts;
    }

    List<Integer> dpPortsOrDefault() {
        return dpPorts.isEmpty() ? List.of(DissectorConfig.DEFAULT_DP_PORT) : dpPorts;
    }

    public DissectorConfig config() {
        for (int port : hasyncPorts) {
            checkPort("--hasync-port", port);
        }
        for (int port : dpPorts) {
            checkPort("--dp-port", port);
        }
        return new DissectorConfig(hasyncPortsOrDefault(), dpPortsOrDefault(), !noHeuristics);
    }

    private void checkPort(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new ParameterException(command.commandLine(), option + " takes a port from 0 to 65535, not " + port);
        }
    }
}
