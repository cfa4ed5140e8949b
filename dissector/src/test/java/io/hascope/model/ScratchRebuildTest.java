package io.hascope.model;

import org.junit.jupiter.api.Test;

class ScratchRebuildTest {
    @Test
    void run() throws Exception {
        if (System.getProperty("rebuild") == null) return;
        var run = new AnalysisAgainstTruthProperties.Run(89972, SenderMode.PACKET, true, false, false, 0.05, 3.0, 0.1, 0.0,
                true, AnalysisAgainstTruthProperties.Failure.PARTITION, 142,
                new AnalysisAgainstTruthProperties.Traffic(false, 32, false, true,
                        ModelConfig.LifetimeDistribution.UNIFORM, false));
        var m = AnalysisAgainstTruthProperties.class.getDeclaredMethod("assertAgreesWithItsTruth",
                AnalysisAgainstTruthProperties.Run.class, ModelConfig.class);
        m.setAccessible(true);
        m.invoke(null, run, run.config());
        System.out.println("REBUILT AGREES");
    }
}
