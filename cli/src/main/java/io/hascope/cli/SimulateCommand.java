package io.hascope.cli;

import io.hascope.capture.PcapngWriter;
import io.hascope.model.Model;
import io.hascope.model.ModelConfig;
import io.hascope.model.ModelRun;
import io.hascope.model.SenderMode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** hascope simulate: the software DPU model, writing the HA traffic it produces and its ground truth. */
@Command(name = "simulate", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Run two simulated DPUs over a lossy link: capture and ground truth",
        description = {"Run two simulated DPUs with customer traffic through them and a lossy link between them; write",
                "every HA frame as a mirror port sees it (-w) and the ground truth (--truth). Deterministic per --seed."})
public class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-w", paramLabel = "FILE", description = "pcapng capture to write")
    Path capture;

    @Option(names = "--truth", paramLabel = "FILE", description = "ground-truth JSON to write")
    Path truth;

    @Option(names = "--seed", description = "Random seed (default 1)")
    long seed = 1;

    @Option(names = "--mode", paramLabel = "MODE", description = "Sender: packet, state, hold (default) or refresh")
    String mode = "hold";

    @Option(names = "--dialect", paramLabel = "hasync|dash",
            description = "hasync v1 on UDP 7400 (default), or DASH flow-sync metadata on the UDP DP channel 7000")
    String dialect = "hasync";

    @Option(names = "--transport", paramLabel = "udp|rudp", description = "rudp: hasync over the reliable UDP transport")
    String transport = "udp";

    @Option(names = "--window", description = "rudp: packets in flight before the sender waits (default 64)")
    Integer window;

    @Option(names = "--nack-timeout", converter = DurationConverter.class, description = "rudp: NACK repeat interval (default 10ms)")
    Long nackTimeout;

    @Option(names = "--max-nack", description = "rudp: NACK repeats before the channel is broken (default 3)")
    Integer maxNack;

    @Option(names = "--keepalive", converter = DurationConverter.class, description = "rudp: idle time before a KEEPALIVE (default 100ms)")
    Long keepalive;

    @Option(names = "--idle-timeout", converter = DurationConverter.class, description = "rudp: silence that breaks the channel (default 1s)")
    Long idleTimeout;

    @Option(names = "--duration", converter = DurationConverter.class, description = "New connections arrive for this long (default 10s)")
    Long duration;

    @Option(names = "--cps", description = "Connections per second (default 100)")
    Double cps;

    @Option(names = "--lifetime", converter = DurationConverter.class, description = "Mean connection lifetime (default 2s)")
    Long lifetime;

    @Option(names = "--tcp-share", description = "Share of TCP connections, the rest UDP (default 0.8)")
    Double tcpShare;

    @Option(names = "--ipv6-share", description = "Share of IPv6 connections (default 0.2)")
    Double ipv6Share;

    @Option(names = "--enis", description = "ENIs; alternate ENIs are owned by alternate DPUs (default 2)")
    Integer enis;

    @Option(names = "--max-msgs", description = "The receivers' N: most messages per packet (default 32)")
    Integer maxMessages;

    @Option(names = "--max-bytes", description = "The receivers' largest datagram (default 9000; 0: no limit)")
    Integer maxBytes;

    @Option(names = "--no-truncate", description = "Receivers do not truncate replies")
    boolean noTruncate;

    @Option(names = "--coalesce-us", converter = DurationConverter.BareMicroseconds.class,
            description = "Flush delay of the coalescer in µs, or with a unit (default 200)")
    Long coalesce;

    @Option(names = "--reply-timeout", converter = DurationConverter.class, description = "Hold timeout (default 100ms)")
    Long replyTimeout;

    @Option(names = "--on-timeout", paramLabel = "drop|resend", description = "hold mode: drop the packet (default) or resend the request")
    String onTimeout = "drop";

    @Option(names = "--max-resends", description = "Resends before dropping (default 3)")
    Integer maxResends;

    @Option(names = "--hold-syn", paramLabel = "yes|no", description = "hold mode: hold SYNs too (default yes)")
    String holdSyn = "yes";

    @Option(names = "--resend-every", converter = DurationConverter.class, description = "state mode: full resend period (default 5s)")
    Long resendEvery;

    @Option(names = "--first-refresh", converter = DurationConverter.class, description = "refresh mode: first REFRESH (default 10s)")
    Long firstRefresh;

    @Option(names = "--refresh-every", converter = DurationConverter.class, description = "refresh mode: period (default 60s)")
    Long refreshEvery;

    @Option(names = "--ha-timeout", converter = DurationConverter.class, description = "refresh mode: peer entries age out (default 181s)")
    Long haTimeout;

    @Option(names = "--latency-us", paramLabel = "D[/D]",
            description = "One-way link latency in µs, or with a unit (default 50); A->B/B->A to differ")
    String latency;

    @Option(names = "--jitter-us", paramLabel = "D[/D]",
            description = "Added uniform jitter in µs, or with a unit (default 10)")
    String jitter;

    @Option(names = "--loss", paramLabel = "P[/P]", description = "Loss rate, 0..1 (default 0); 0.01/0.05 for A->B/B->A")
    String loss;

    @Option(names = "--burst", paramLabel = "N[/N]", description = "Mean loss burst length in frames (default 1: independent losses)")
    String burst;

    @Option(names = "--reorder", paramLabel = "P[/P]", description = "Share of frames delayed past later ones (default 0)")
    String reorder;

    @Option(names = "--duplicate", paramLabel = "P[/P]", description = "Share of frames delivered twice (default 0)")
    String duplicate;

    @Option(names = "--lifetime-dist", paramLabel = "DIST",
            description = "Lifetimes: exponential (default), uniform, fixed or pareto (heavy-tailed), all with the --lifetime mean")
    String lifetimeDist = "exponential";

    @Option(names = "--asymmetric", paramLabel = "SHARE",
            description = "Share of connections whose server-to-client packets land on the other DPU (redirected over the link)")
    Double asymmetric;

    @Option(names = "--switchover", paramLabel = "[A|B@]TIME", description = "A planned handover of A's (or B's) connections to its peer")
    String switchover;

    @Option(names = "--taps", paramLabel = "one|both",
            description = "one: a single tap sees every frame as sent (default); both: a tap at each DPU's port, each frame"
                    + " on its sender's interface when sent and on its receiver's when it arrives")
    String taps = "one";

    @Option(names = "--tap-miss", paramLabel = "P",
            description = "Share of the frames each tap misses, at random, as a mirror port dropping under load"
                    + " (default 0): they cross the link all the same; the truth names the frames a reader of the"
                    + " capture sees, null for one no tap wrote")
    double tapMiss;

    @Option(names = "--customer-capture", paramLabel = "FILE", description = "Also write the customer packets as they reach the DPUs")
    Path customerCapture;

    @Option(names = "--fail", paramLabel = "A|B@TIME", description = "A DPU stops dead at TIME (e.g. A@20s)")
    String fail;

    @Option(names = "--partition", paramLabel = "FROM..TO", description = "The link is cut both ways (e.g. 12s..14s)")
    String partition;

    @Option(names = "--failover-silence", converter = DurationConverter.class, description = "Silence that means the peer is dead (default 1s)")
    Long failoverSilence;

    @Option(names = "--probe-every", converter = DurationConverter.class, description = "Period of the liveness probes (default 200ms)")
    Long probeEvery;

    @Option(names = "--sender-max-msgs", description = "Senders ignore the receiver's N and coalesce up to this many (a compliance fault)")
    Integer senderMaxMessages;

    @Option(names = "-q", description = "No summary on standard error")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        ModelConfig c = config();
        if (capture == null && truth == null) {
            throw new ParameterException(spec.commandLine(), "nothing to write: give -w FILE.pcapng and/or --truth FILE.json");
        }
        long start = System.nanoTime();
        ModelRun run;
        ProgressLine progress = ProgressLine.forTerminal(quiet);
        PcapngWriter writer = capture == null ? null : new PcapngWriter(capture, "hascope " + spec.name());
        PcapngWriter customerWriter = customerCapture == null ? null
                : new PcapngWriter(customerCapture, "hascope " + spec.name() + " (customer side)");
        try {
            run = runModel(c, writer, customerWriter, progress);
            if (writer != null) {
                writer.close();
            }
            if (customerWriter != null) {
                customerWriter.close();
            }
        } catch (Exception | Error e) {
            if (writer != null) {
                writer.abort();
            }
            if (customerWriter != null) {
                customerWriter.abort();
            }
            throw e;
        } finally {
            if (progress != null) {
                progress.done();
            }
        }
        if (truth != null) {
            run.writeTruth(truth);
        }
        if (!quiet) {
            System.err.printf(Locale.ROOT, "hascope: " + (spec.name().equals("replay") ? "replayed" : "simulated")
                            + " %.1f s (%s mode): %d connections, %d requests with %d messages,"
                            + " %d frames%s; holds released %d, expired %d, late %d; zombies %d; broken by failover %d;"
                            + " in %.2f s%n",
                    run.simulatedNanos() / 1e9, mode, run.connections(), run.requests(), run.messages(),
                    run.framesWritten(), run.framesWritten() == run.frames() ? ""
                            : " (" + (run.frames() - run.framesWritten()) + " more missed by the tap)",
                    run.holdsWith("released"), run.holdsWith("expired"), run.holdsWith("late"), run.zombies().size(),
                    run.brokenByFailover(), (System.nanoTime() - start) / 1e9);
        }
        return ExitCode.OK;
    }

    /** The run itself: synthetic traffic here; replay drives it with a capture instead. */
    protected ModelRun runModel(ModelConfig c, PcapngWriter writer, PcapngWriter customerWriter, Model.Progress progress)
            throws Exception {
        return Model.run(c, writer, customerWriter, progress);
    }

    /** "X" (both directions) or "X/Y" (A to B, B to A); the reverse is -1 when it follows the first. */
    private double[] numbers(String option, String value) {
        String[] parts = value.split("/", -1);
        if (parts.length > 2) {
            throw new ParameterException(spec.commandLine(), option + " is X or X/Y, not '" + value + "'");
        }
        try {
            return new double[] {Double.parseDouble(parts[0]), parts.length == 2 ? Double.parseDouble(parts[1]) : -1};
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), option + ": '" + value + "' is not a number (or X/Y)");
        }
    }

    private long[] durations(String option, String value) {
        String[] parts = value.split("/", -1);
        if (parts.length > 2) {
            throw new ParameterException(spec.commandLine(), option + " is D or D/D, not '" + value + "'");
        }
        DurationConverter converter = new DurationConverter.BareMicroseconds(); // both options' names say µs
        return new long[] {convert(converter, option, parts[0]), parts.length == 2 ? convert(converter, option, parts[1]) : -1};
    }

    private long convert(DurationConverter converter, String option, String value) {
        try {
            return converter.convert(value);
        } catch (picocli.CommandLine.TypeConversionException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    ModelConfig config() {
        ModelConfig c = new ModelConfig();
        c.seed = seed;
        try {
            c.mode = SenderMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--mode is packet, state, hold or refresh, not '" + mode + "'");
        }
        if (!dialect.equals("hasync") && !dialect.equals("dash")) {
            throw new ParameterException(spec.commandLine(), "--dialect is hasync or dash, not '" + dialect + "'");
        }
        c.dash = dialect.equals("dash");
        if (!transport.equals("udp") && !transport.equals("rudp")) {
            throw new ParameterException(spec.commandLine(), "--transport is udp or rudp, not '" + transport + "'");
        }
        c.reliable = transport.equals("rudp");
        if (!taps.equals("one") && !taps.equals("both")) {
            throw new ParameterException(spec.commandLine(), "--taps is one or both, not '" + taps + "'");
        }
        c.twoTaps = taps.equals("both");
        c.tapMiss = tapMiss;
        if (window != null) {
            c.window = window;
        }
        if (nackTimeout != null) {
            c.nackTimeout = nackTimeout;
        }
        if (maxNack != null) {
            c.maxNack = maxNack;
        }
        if (keepalive != null) {
            c.keepalive = keepalive;
        }
        if (idleTimeout != null) {
            c.idleTimeout = idleTimeout;
        }
        if (!onTimeout.equals("drop") && !onTimeout.equals("resend")) {
            throw new ParameterException(spec.commandLine(), "--on-timeout is drop or resend, not '" + onTimeout + "'");
        }
        c.resendOnTimeout = onTimeout.equals("resend");
        if (!holdSyn.equals("yes") && !holdSyn.equals("no")) {
            throw new ParameterException(spec.commandLine(), "--hold-syn is yes or no, not '" + holdSyn + "'");
        }
        c.holdSyn = holdSyn.equals("yes");
        if (duration != null) {
            if (duration > 86_400 * ModelConfig.S) {
                throw new ParameterException(spec.commandLine(), "--duration must be at most a day, not "
                        + duration / 1e9 + "s");
            }
            c.duration = duration;
        }
        if (cps != null) {
            c.cps = cps;
        }
        if (lifetime != null) {
            c.lifetimeMean = lifetime;
        }
        if (tcpShare != null) {
            c.tcpShare = tcpShare;
        }
        if (ipv6Share != null) {
            c.ipv6Share = ipv6Share;
        }
        if (enis != null) {
            c.enis = enis;
        }
        if (maxMessages != null) {
            c.maxMessages = maxMessages;
        }
        if (maxBytes != null) {
            c.maxBytes = maxBytes;
        }
        c.truncates = !noTruncate;
        if (coalesce != null) {
            c.coalesceDelay = coalesce;
        }
        if (replyTimeout != null) {
            c.replyTimeout = replyTimeout;
        }
        if (maxResends != null) {
            c.maxResends = maxResends;
        }
        if (resendEvery != null) {
            c.resendEvery = resendEvery;
        }
        if (firstRefresh != null) {
            c.firstRefresh = firstRefresh;
        }
        if (refreshEvery != null) {
            c.refreshEvery = refreshEvery;
        }
        if (haTimeout != null) {
            c.haTimeout = haTimeout;
        }
        if (latency != null) {
            long[] v = durations("--latency-us", latency);
            c.latency = v[0];
            c.latencyBA = v[1];
        }
        if (jitter != null) {
            long[] v = durations("--jitter-us", jitter);
            c.jitter = v[0];
            c.jitterBA = v[1];
        }
        if (loss != null) {
            double[] v = numbers("--loss", loss);
            c.loss = v[0];
            c.lossBA = v[1];
        }
        if (burst != null) {
            double[] v = numbers("--burst", burst);
            c.burstLength = v[0];
            c.burstLengthBA = v[1];
        }
        if (reorder != null) {
            double[] v = numbers("--reorder", reorder);
            c.reorder = v[0];
            c.reorderBA = v[1];
        }
        if (duplicate != null) {
            double[] v = numbers("--duplicate", duplicate);
            c.duplicate = v[0];
            c.duplicateBA = v[1];
        }
        try {
            c.lifetimeDistribution = ModelConfig.LifetimeDistribution.valueOf(lifetimeDist.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--lifetime-dist is exponential, uniform, fixed or pareto,"
                    + " not '" + lifetimeDist + "'");
        }
        if (asymmetric != null) {
            c.asymmetricShare = asymmetric;
        }
        if (failoverSilence != null) {
            c.failoverSilence = failoverSilence;
        }
        if (probeEvery != null) {
            c.probeEvery = probeEvery;
        }
        if (senderMaxMessages != null) {
            c.senderMaxMessages = senderMaxMessages;
        }
        DurationConverter time = new DurationConverter();
        if (fail != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([AaBb])@(.+)").matcher(fail);
            if (!m.matches()) {
                throw new ParameterException(spec.commandLine(), "--fail is A@TIME or B@TIME (like A@20s), not '" + fail + "'");
            }
            c.failDpu = Character.toUpperCase(m.group(1).charAt(0)) - 'A';
            c.failAt = convert(time, "--fail", m.group(2));
        }
        if (switchover != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:([AaBb])@)?(.+)").matcher(switchover);
            m.matches();
            c.switchoverDpu = m.group(1) == null ? 0 : Character.toUpperCase(m.group(1).charAt(0)) - 'A';
            c.switchoverAt = convert(time, "--switchover", m.group(2));
        }
        if (partition != null) {
            String[] parts = partition.split("\\.\\.");
            if (parts.length != 2) {
                throw new ParameterException(spec.commandLine(), "--partition is FROM..TO (like 12s..14s), not '" + partition + "'");
            }
            c.partitionFrom = convert(time, "--partition", parts[0]);
            c.partitionTo = convert(time, "--partition", parts[1]);
        }
        try {
            return c.validate();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
