package io.hascope.model;

import io.hascope.capture.PcapngWriter;
import java.io.FileOutputStream;
import org.junit.jupiter.api.Test;

class ScratchWriteTest {
    @Test
    void run() throws Exception {
        if (System.getProperty("write") == null) return;
        var run = new AnalysisAgainstTruthProperties.Run(89972, SenderMode.PACKET, true, false, false, 0.05, 3.0, 0.1, 0.0,
                true, AnalysisAgainstTruthProperties.Failure.PARTITION, 142,
                new AnalysisAgainstTruthProperties.Traffic(false, 32, false, true,
                        ModelConfig.LifetimeDistribution.UNIFORM, false));
        String out = System.getProperty("write");
        ModelRun result;
        try (var f = new FileOutputStream(out + ".pcapng"); PcapngWriter w = new PcapngWriter(f, "test")) {
            result = Model.run(run.config(), w);
        }
        try (var f = new FileOutputStream(out + ".truth.json")) {
            result.writeTruth(f);
        }
    }
}
