package io.hascope.model;

import java.util.SplittableRandom;

/**
 * One direction of the link between the DPUs: latency with jitter, loss with bursts (a two-state chain whose loss
 * rate is {@code loss} and mean burst length {@code burstLength}), reordering and duplication. Jitter alone keeps
 * the order (a link is first in, first out); only the configured reordering lets a frame be overtaken.
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
    /** When the latest in-order frame arrives: a later one cannot arrive before it. */
    private long lastInOrderArrival;

    Channel(Simulation sim, SplittableRandom random, ModelConfig c) {
        this(sim, random, c.direction(0));
    }

    Channel(Simulation sim, SplittableRandom random, ModelConfig.Impairments c) {
        this.sim = sim;
        this.random = random;
        this.latency = c.latency();
        this.jitter = c.jitter();
        this.continueLoss = c.loss() >= 1 ? 1 : 1 - 1 / c.burstLength();
        // stationary loss rate of the chain = startLoss / (1 - continueLoss + startLoss) = loss
        this.startLoss = c.loss() >= 1 ? 1 : c.loss() * (1 - continueLoss) / (1 - c.loss());
        this.reorder = c.reorder();
        this.duplicate = c.duplicate();
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
        sim.at(arrival(), deliver);
        if (duplicate > 0 && random.nextDouble() < duplicate) {
            sim.at(arrival() + 1_000, deliver);
            return 2;
        }
        return 1;
    }

    private long arrival() {
        long at = sim.now() + latency + (jitter > 0 ? random.nextLong(jitter + 1) : 0);
        if (reorder > 0 && random.nextDouble() < reorder) {
            // held back: frames sent after it may overtake it
            return at + latency + (jitter > 0 ? random.nextLong(2 * jitter + 1) : 0) + 20_000;
        }
        at = Math.max(at, lastInOrderArrival);
        lastInOrderArrival = at;
        return at;
    }
}
