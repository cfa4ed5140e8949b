package io.hascope.cli;

import io.hascope.capture.PcapngWriter;
import io.hascope.model.Model;
import io.hascope.model.ModelConfig;
import io.hascope.model.ModelRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** hascope replay -r: a capture of real customer traffic drives the DPU model. */
@Command(name = "replay", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Drive the DPU model with a capture of customer traffic: every TCP and UDP packet, at its own time,",
                "reaches the DPU that owns its ENI and drives that DPU's state; the HA traffic that results is written",
                "(-w) with its ground truth (--truth). Takes every simulate option but the synthetic-traffic ones."})
public final class ReplayCommand extends SimulateCommand {
    @Option(names = "-r", paramLabel = "FILE", required = true, description = "Customer capture (pcap or pcapng)")
    String customer;

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
}
