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

    @Option(names = "-d", paramLabel = "udp.port==PORT,PROTOCOL", description = "Decode as, in tshark's words:"
            + " udp.port==PORT,hasync or udp.port==PORT,dash (repeatable; as --hasync-port or --dp-port)")
    List<String> decodeAs = new ArrayList<>();

    @Option(names = "--no-heuristics", description = "Do not try hasync/DASH on other UDP ports")
    boolean noHeuristics;

    private static final java.util.regex.Pattern DECODE_AS =
            java.util.regex.Pattern.compile("udp\\.port\\s*==\\s*(\\d{1,5})\\s*,\\s*(hasync|dash)");

    List<Integer> hasyncPortsOrDefault() {
        return portsDecodedAs("hasync", hasyncPorts, DissectorConfig.DEFAULT_HASYNC_PORT);
    }

    List<Integer> dpPortsOrDefault() {
        return portsDecodedAs("dash", dpPorts, DissectorConfig.DEFAULT_DP_PORT);
    }

    /**
     * The ports of a protocol: those its own option gives (else its default), and those -d adds, as tshark's -d
     * adds a port to a dissector's own.
     */
    private List<Integer> portsDecodedAs(String protocol, List<Integer> given, int defaultPort) {
        List<Integer> ports = new ArrayList<>(given.isEmpty() ? List.of(defaultPort) : given);
        for (String rule : decodeAs) {
            java.util.regex.Matcher m = DECODE_AS.matcher(rule.trim());
            if (!m.matches()) {
                throw new ParameterException(command.commandLine(), "-d takes udp.port==PORT,hasync or"
                        + " udp.port==PORT,dash (as tshark's -d), not '" + rule + "'");
            }
            int port = Integer.parseInt(m.group(1));
            checkPort("-d", port);
            if (m.group(2).equals(protocol) && !ports.contains(port)) {
                ports.add(port);
            }
        }
        return ports;
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
