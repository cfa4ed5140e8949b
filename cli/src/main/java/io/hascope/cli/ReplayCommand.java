package io.hascope.cli;

import io.hascope.capture.PcapngWriter;
import io.hascope.live.FrameInjector;
import io.hascope.live.LiveCapture;
import io.hascope.live.LiveCaptureException;
import io.hascope.live.ModelSource;
import io.hascope.live.RingFileWriter;
import io.hascope.model.Model;
import io.hascope.model.ModelConfig;
import io.hascope.model.ModelRun;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** hascope replay: customer traffic, from a capture (-r) or an interface live (-i), drives the DPU model. */
@Command(name = "replay", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Drive the DPU model with customer traffic, from a capture or live",
        description = {"Drive the DPU model with customer traffic: every TCP and UDP packet, at its own time, reaches",
                "the DPU that owns its ENI and drives that DPU's state. From a capture (-r), the HA traffic that results",
                "is written (-w) with its ground truth (--truth). Live (-i), the model runs in real time on what the",
                "interface carries; its HA frames go out of --emit and/or to -w, the live analysis follows them with",
                "live's status screen, and Ctrl-C ends the run with analyze's report (and the truth).",
                "Takes every simulate option but the synthetic-traffic ones."})
public final class ReplayCommand extends SimulateCommand {
    @Option(names = "-r", paramLabel = "FILE", description = "Customer capture (pcap or pcapng)")
    String customer;

    @Option(names = "-i", paramLabel = "IFACE_IN", description = "Capture customer traffic live on this interface")
    String customerInterface;

    @Option(names = "--emit", paramLabel = "IFACE_OUT", description = "-i: send the model's HA frames out of this"
            + " interface")
    String emitInterface;

    @Option(names = "-f", paramLabel = "BPF", description = "-i: capture filter for the customer traffic (default: TCP"
            + " and UDP, but not the HA ports the model itself uses)")
    String captureFilter;

    @Option(names = "-a", paramLabel = "KEY:VALUE", description = "-i: autostop, duration:S")
    List<String> autostop = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "-i: text (default), json (JSON lines) or csv")
    String format = "text";

    @Option(names = "--fail-on", paramLabel = "LEVEL", description = "-i: error, warn or never (default)")
    String failOn = "never";

    /** simulate's options that only shape its synthetic traffic: a replay's traffic is the capture's. */
    private static final List<String> SYNTHETIC = List.of("--duration", "--cps", "--tcp-share", "--ipv6-share",
            "--lifetime-dist", "--asymmetric");

    @Override
    public Integer call() throws Exception {
        for (String option : SYNTHETIC) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " shapes simulate's synthetic traffic; a"
                        + " replay's traffic is the customer capture's (-r) or the interface's (-i)");
            }
        }
        if ((customer == null) == (customerInterface == null)) {
            throw new ParameterException(spec.commandLine(), "say where the customer traffic comes from: -r FILE or"
                    + " -i IFACE (one of them)");
        }
        if (customer != null) {
            if (emitInterface != null || captureFilter != null || !autostop.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--emit, -f and -a go with -i (live), not -r");
            }
            return super.call();
        }
        return replayLive();
    }

    @Override
    protected ModelRun runModel(ModelConfig c, PcapngWriter writer, PcapngWriter customerWriter, Model.Progress progress)
            throws Exception {
        try {
            return Model.replay(c, customer, writer, customerWriter, progress);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new Main.UnreadableCapture(customer + ": no such file");
        } catch (io.hascope.capture.CaptureFormatException e) {
            throw new Main.UnreadableCapture(e.getMessage());
        }
    }

    private int replayLive() throws Exception {
        ModelConfig config = config();
        if (config.twoTaps && emitInterface != null) {
            throw new ParameterException(spec.commandLine(), "--emit sends what one tap sees: with --taps both the"
                    + " two taps go to -w and the live analysis only");
        }
        if (customerCapture != null) {
            throw new ParameterException(spec.commandLine(), "--customer-capture goes with -r; capture the customer"
                    + " side live with hascope live -i " + customerInterface + " -f '...' -w FILE");
        }
        long stopNanos = 0;
        for (String a : autostop) {
            if (!a.matches("duration:\\d{1,9}") || a.equals("duration:0")) {
                throw new ParameterException(spec.commandLine(), "-a takes duration:S (whole seconds), not '" + a + "'");
            }
            stopNanos = Long.parseLong(a.substring(9)) * 1_000_000_000L;
        }
        AnalysisOptions analysis = new AnalysisOptions();
        analysis.spec = spec;
        analysis.format = format;
        analysis.failOn = failOn;
        analysis.maxNack = Math.max(1, config.maxNack); // judge the channel by the rules the model's DPUs follow
        analysis.idleTimeout = config.idleTimeout;
        analysis.validate();
        analysis.prettyJson = false;
        String filter = captureFilter != null ? captureFilter
                : "(tcp or udp) and not (udp portrange 7000-7010 or udp port 7400)";
        // a LiveCaptureException is one sentence and exit 2 or 6 (Main)
        LiveCapture in = LiveCapture.open(new LiveCapture.Options(customerInterface, 65535, 64 << 20, filter, true));
        FrameInjector out = null;
        if (emitInterface != null) {
            try {
                out = FrameInjector.open(emitInterface);
            } catch (LiveCaptureException e) {
                in.close();
                throw e;
            }
        }
        ModelSource source = new ModelSource(in, config, out);
        RingFileWriter writer = capture == null ? null : new RingFileWriter(capture, "hascope replay -i", 0, 0, 0);
        int code;
        try (source) {
            code = LiveRun.run(source, writer, analysis, io.hascope.decode.DissectorConfig.defaults(), 0, stopNanos,
                    quiet,
                    "replaying customer traffic from " + customerInterface + " through the DPU model",
                    emitInterface == null ? "" : "HA frames out of " + emitInterface);
        }
        ModelRun run = source.truth();
        if (truth != null && run != null) {
            run.writeTruth(truth);
        }
        if (!quiet && run != null) {
            System.err.printf(java.util.Locale.ROOT, "hascope: replayed %,d customer frames of %,d connections live"
                    + " through the model: %,d HA frames%s%n", source.customerFrames(), source.connections(),
                    run.framesWritten(), out == null ? "" : ", " + out.sent() + " sent out of " + emitInterface);
        }
        return code;
    }
}
