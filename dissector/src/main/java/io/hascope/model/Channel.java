package io.hascope.model;

import java.util.SplittableRandom;

/**
 * One direction of the link between the DPUs: latency with jitter, loss with bursts (a two-state chain whose loss
 * rate is {@code loss} and mean burst length {@code burstLength}), reordering (extra delay) and duplication.
 */
final class Channel {
    private final Simulation sim;
    private final SplittableRandom random;
    private final long latency;
    private final long jitter;
    private final double startLoss;
    private final double continueLoss;
    private final double reorder;
    private final double duplicate;
    private boolean lastLost;
    private boolean cut;

    Channel(Simulation sim, SplittableRandom random, ModelConfig c) {
        this.sim = sim;
        this.random = random;
        this.latency = c.latency;
        this.jitter = c.jitter;
        this.continueLoss = c.loss >= 1 ? 1 : 1 - 1 / c.burstLength;
        // stationary loss rate of the chain = startLoss / (1 - continueLoss + startLoss) = loss
        this.startLoss = c.loss >= 1 ? 1 : c.loss * (1 - continueLoss) / (1 - c.loss);
        this.reorder = c.reorder;
        this.duplicate = c.duplicate;
    }

    /** A partition: while cut, everything sent is lost. */
    void setCut(boolean cut) {
        this.cut = cut;
    }

    /** Sends one frame: deliver runs at arrival, 0 times (lost), once, or twice (duplicated). Returns arrivals. */
    int send(Runnable deliver) {
        boolean lost = cut || random.nextDouble() < (lastLost ? continueLoss : startLoss);
        lastLost = lost;
        if (lost) {
            return 0;
        }
        sim.after(delay(), deliver);
        if (duplicate > 0 && random.nextDouble() < duplicate) {
            sim.after(delay() + jitter + 1_000, deliver);
            return 2;
        }
        return 1;
    }

    private long delay() {
        long d = latency + (jitter > 0 ? random.nextLong(jitter + 1) : 0);
        if (reorder > 0 && random.nextDouble() < reorder) {
            d += latency + (jitter > 0 ? random.nextLong(2 * jitter + 1) : 0) + 20_000;
        }
        return d;
    }
}
