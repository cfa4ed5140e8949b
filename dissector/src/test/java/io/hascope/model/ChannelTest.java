package io.hascope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The impairments deliver what they promise, measured over many frames. */
class ChannelTest {
    private static double[] measure(ModelConfig c, int frames) {
        Simulation sim = new Simulation();
        Channel ch = new Channel(sim, new SplittableRandom(7), c);
        List<Integer> arrivals = new ArrayList<>();
        int lost = 0;
        int bursts = 0;
        boolean previousLost = false;
        int duplicated = 0;
        for (int i = 0; i < frames; i++) {
            int id = i;
            sim.at(i * 1_000_000L, () -> { });
            sim.runUntil(i * 1_000_000L);
            int n = ch.send(() -> arrivals.add(id));
            if (n == 0) {
                lost++;
                if (!previousLost) {
                    bursts++;
                }
            }
            duplicated += n == 2 ? 1 : 0;
            previousLost = n == 0;
        }
        sim.runUntil(Long.MAX_VALUE / 2);
        int reordered = 0;
        for (int i = 1; i < arrivals.size(); i++) {
            if (arrivals.get(i) < arrivals.get(i - 1)) {
                reordered++;
            }
        }
        return new double[] {(double) lost / frames, bursts == 0 ? 0 : (double) lost / bursts,
            (double) duplicated / frames, reordered};
    }

    @Test
    void lossRateAndBurstLengthAreThoseConfigured() {
        ModelConfig c = new ModelConfig();
        c.loss = 0.1;
        c.burstLength = 4;
        double[] m = measure(c, 200_000);
        assertEquals(0.1, m[0], 0.01, "loss rate");
        assertEquals(4, m[1], 0.3, "mean burst length");
        ModelConfig independent = new ModelConfig();
        independent.loss = 0.02;
        assertEquals(0.02, measure(independent, 200_000)[0], 0.003);
    }

    @Test
    void jitterAloneNeverReordersFramesSentAtTheSameInstant() {
        ModelConfig c = new ModelConfig();
        c.jitter = 50_000;
        Simulation sim = new Simulation();
        Channel ch = new Channel(sim, new SplittableRandom(3), c);
        List<Integer> arrivals = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int id = i;
            ch.send(() -> arrivals.add(id));
        }
        sim.runUntil(ModelConfig.S);
        for (int i = 1; i < arrivals.size(); i++) {
            assertTrue(arrivals.get(i) > arrivals.get(i - 1), "a link is first in, first out");
        }
    }

    @Test
    void duplicationAndReorderingHappenAtTheirRates() {
        ModelConfig c = new ModelConfig();
        c.duplicate = 0.05;
        c.reorder = 0.1;
        c.latency = 2_000_000;
        double[] m = measure(c, 50_000);
        assertEquals(0.05, m[2], 0.005, "duplicates");
        assertTrue(m[3] > 1000, "frames overtaken: " + m[3]);
        ModelConfig clean = new ModelConfig();
        double[] none = measure(clean, 10_000);
        assertEquals(0, none[0]);
        assertEquals(0, none[3], "no reordering when not asked (jitter < spacing)");
    }
}
