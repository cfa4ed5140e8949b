package io.hascope.model;

import io.hascope.capture.CaptureWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The software DPU model: two DPUs, a lossy channel each way, customer connections through them, and every HA frame
 * they exchange written to a capture as a mirror port would see it. Deterministic for a configuration and seed.
 */
public final class Model {
    static final byte[] ADDRESS_A = {(byte) 192, 0, 2, 1};
    static final byte[] ADDRESS_B = {(byte) 192, 0, 2, 2};

    final ModelConfig config;
    final Simulation sim = new Simulation();
    final Tap tap;
    final Dpu[] dpus = new Dpu[2];
    final List<Flow> flows = new ArrayList<>();
    final List<Request> requests = new ArrayList<>();
    private final SplittableRandom workload;
    long endpointRetransmissions;
    long redirectedPackets;
    long droppedHeldPackets;
    /** Role and term changes, as {time, dpu, role, term}. */
    final List<long[]> roleChanges = new ArrayList<>();
    final List<Failover> failovers = new ArrayList<>();

    /** A planned switchover: who handed over to whom, when, how many connections moved, which could not. */
    record Switchover(int from, int to, long time, int transferred, List<Integer> lost) {
    }

    final List<Switchover> switchovers = new ArrayList<>();

    /** Told every 100 ms of simulated time how far the run is (the model itself never looks at a clock). */
    public interface Progress {
        void at(long simulatedNanos, long endNanos, int connections, long frames);
    }

    private final Progress progress;
    private final io.hascope.capture.CaptureWriter customerWriter;
    private int customerInterface;

    /** A failover as the model knows it: who failed, when it last sent, who survived, what broke. */
    record Failover(int failed, long lastSent, long detected, int survivor, List<Integer> broken, int established,
                    int takenOver) {
    }

    /** Connections of a customer capture driving the run instead of the synthetic workload, or null. */
    private List<CustomerReplay.Connection> customer;
    /** Customer packets start here, after the CAPABILITIES exchange. */
    static final long REPLAY_START = 10 * ModelConfig.MS;

    private Model(ModelConfig config, CaptureWriter writer) throws IOException {
        this(config, writer, null, null);
    }

    private Model(ModelConfig config, CaptureWriter writer, CaptureWriter customerWriter, Progress progress)
            throws IOException {
        this.config = config.validate();
        this.progress = progress;
        this.customerWriter = customerWriter;
        if (customerWriter != null) {
            customerInterface = customerWriter.addInterface(io.hascope.capture.LinkType.ETHERNET, 65535, "customer");
        }
        SplittableRandom root = new SplittableRandom(config.seed);
        this.workload = root.split();
        this.tap = new Tap(writer, config.twoTaps, config.tapMiss, config.seed);
        this.tap.attach(this);
        dpus[0] = new Dpu(this, 0, ADDRESS_A, new byte[] {2, 0, 0, 0, 0, 0x0a});
        dpus[1] = new Dpu(this, 1, ADDRESS_B, new byte[] {2, 0, 0, 0, 0, 0x0b});
        dpus[0].peerDpu = dpus[1];
        dpus[1].peerDpu = dpus[0];
        dpus[0].out = new Channel(sim, root.split(), config.direction(0));
        dpus[1].out = new Channel(sim, root.split(), config.direction(1));
        if (config.reliable) {
            ReliableLink a = new ReliableLink(this, dpus[0]);
            ReliableLink b = new ReliableLink(this, dpus[1]);
            a.pair(b);
            b.pair(a);
            dpus[0].link = a;
            dpus[1].link = b;
        } else {
            dpus[0].link = new PlainLink(this, dpus[0]);
            dpus[1].link = new PlainLink(this, dpus[1]);
        }
    }

    /**
     * Drives the model with the TCP and UDP packets of a customer capture (their own times, ENIs by address) instead
     * of synthetic traffic; the run lasts as long as the capture plus the drain.
     */
    public static ModelRun replay(ModelConfig config, String customerCapture, CaptureWriter writer) throws IOException {
        return replay(config, customerCapture, writer, null, null);
    }

    /** As {@link #replay(ModelConfig, String, CaptureWriter)}, also writing the customer side and reporting progress. */
    public static ModelRun replay(ModelConfig config, String customerCapture, CaptureWriter writer,
                                  CaptureWriter customerWriter, Progress progress) throws IOException {
        List<CustomerReplay.Connection> connections = CustomerReplay.read(customerCapture, Math.max(1, config.enis));
        long span = 0;
        for (CustomerReplay.Connection c : connections) {
            span = Math.max(span, c.lastPacket);
        }
        config.duration = REPLAY_START + span + 1;
        config.cps = 0;
        Model m = new Model(config, writer, customerWriter, progress);
        m.customer = connections;
        m.simulate();
        return new ModelRun(m);
    }

    /** A model that has not run, for tests that drive its DPUs by hand. */
    static Model unstarted(ModelConfig config) throws IOException {
        return new Model(config, null);
    }

    /** Runs the configured workload to its end; frames go to writer (null: none written). */
    public static ModelRun run(ModelConfig config, CaptureWriter writer) throws IOException {
        return run(config, writer, null, null);
    }

    /** As {@link #run(ModelConfig, CaptureWriter)}, also writing the customer side and reporting progress. */
    public static ModelRun run(ModelConfig config, CaptureWriter writer, CaptureWriter customerWriter,
                               Progress progress) throws IOException {
        Model m = new Model(config, writer, customerWriter, progress);
        m.simulate();
        return new ModelRun(m);
    }

    /** A model that runs as customer frames arrive (see {@link LiveModel}): no workload of its own, no end yet. */
    static Model forLive(ModelConfig config, CaptureWriter writer) throws IOException {
        config.duration = Long.MAX_VALUE / 4;
        config.cps = 0;
        Model m = new Model(config, writer, null, null);
        m.customer = new ArrayList<>();
        m.schedule();
        return m;
    }

    /** A flow of real traffic whose steps come as its packets are seen. */
    Flow addReplayedFlow(CustomerReplay.Connection c) {
        Flow f = new Flow(flows.size() + 1, c.key, dpus[(int) ((c.key.eni() & 0xff) % 2)],
                c.steps.toArray(new Flow.Step[0]), 0);
        f.replayed = true;
        flows.add(f);
        return f;
    }

    private void simulate() {
        schedule();
        sim.runUntil(end());
    }

    /** Everything that runs on its own: capabilities, probes, failures, snapshots, and the workload. */
    private void schedule() {
        for (Dpu d : dpus) {
            sim.at(0, d::advertise);
        }
        every(config.probeEvery, () -> {
            for (Dpu d : dpus) {
                d.probe();
            }
        });
        every(100 * ModelConfig.MS, () -> {
            for (Dpu d : dpus) {
                d.checkPeer();
            }
        });
        if (config.reliable) {
            every(Math.max(1, config.keepalive / 4), () -> {
                for (Dpu d : dpus) {
                    ((ReliableLink) d.link).keepalive();
                }
            });
        }
        if (config.failDpu >= 0) {
            sim.at(config.failAt, () -> {
                dpus[config.failDpu].dead = true;
                dpus[config.failDpu].diedAt = sim.now();
            });
        }
        if (progress != null) {
            every(100 * ModelConfig.MS, () -> progress.at(sim.now(), end(), flows.size(), tap.frames()));
        }
        if (config.switchoverDpu >= 0) {
            sim.at(config.switchoverAt, () -> switchover(dpus[config.switchoverDpu]));
        }
        if (config.partitionFrom >= 0) {
            sim.at(config.partitionFrom, () -> {
                dpus[0].out.setCut(true);
                dpus[1].out.setCut(true);
            });
            sim.at(config.partitionTo, () -> {
                dpus[0].out.setCut(false);
                dpus[1].out.setCut(false);
            });
        }
        if (config.mode == SenderMode.STATE) {
            every(config.resendEvery, () -> {
                for (Dpu d : dpus) {
                    d.snapshot();
                }
            });
        }
        if (config.mode == SenderMode.REFRESH) {
            // a look a second (a fiftieth of a shorter HA timeout): an entry ages out at most that long after its time
            every(Math.max(1, Math.min(ModelConfig.S, config.haTimeout / 50)), () -> {
                for (Dpu d : dpus) {
                    d.agePeerEntries();
                }
            });
        }
        if (customer != null) {
            scheduleCustomerPackets();
        } else {
            scheduleArrivals();
        }
    }

    long end() {
        return config.duration + config.drain;
    }

    private void every(long period, Runnable action) {
        sim.after(period, () -> {
            if (sim.now() < end()) {
                action.run();
                every(period, action);
            }
        });
    }

    // ---------------------------------------------------------------- the customer side

    private void scheduleArrivals() {
        if (config.cps <= 0) {
            return;
        }
        long t = 1_000_000; // after the CAPABILITIES exchange
        while (true) {
            t += (long) (-Math.log(1 - workload.nextDouble()) / config.cps * ModelConfig.S);
            if (t >= config.duration) {
                return;
            }
            Flow f = newFlow(flows.size() + 1);
            flows.add(f);
            sim.at(t, () -> endpointSends(f, 0));
        }
    }

    private void scheduleCustomerPackets() {
        for (CustomerReplay.Connection c : customer) {
            Flow f = addReplayedFlow(c);
            for (int i = 0; i < c.steps.size(); i++) {
                int step = i;
                sim.at(REPLAY_START + c.times.get(i), () -> endpointSends(f, step));
            }
            if (!c.tcp) {
                sim.at(REPLAY_START + c.lastPacket + config.udpIdleTimeout, () -> f.ownerNow.ageOut(f));
            }
        }
    }

    private Flow newFlow(int id) {
        boolean tcp = workload.nextDouble() < config.tcpShare;
        boolean v6 = workload.nextDouble() < config.ipv6Share;
        int eni = workload.nextInt(config.enis);
        long lifetime = Math.max(config.endpointRtt, lifetime());
        boolean asymmetric = config.asymmetricShare > 0 && workload.nextDouble() < config.asymmetricShare;
        Flow.Step[] steps = !tcp ? Flow.UDP : workload.nextDouble() < config.rstShare ? Flow.TCP_RST : Flow.TCP_FIN;
        long srcLow;
        long dstLow;
        long srcHigh = 0;
        long dstHigh = 0;
        if (v6) {
            srcHigh = 0x20010db800000000L | ((long) eni << 16);
            dstHigh = 0x20010db8ffff0000L;
            srcLow = 1 + workload.nextInt(1 << 20);
            dstLow = 1 + workload.nextInt(1 << 12);
        } else {
            srcLow = (10L << 24) | ((long) (eni & 0xff) << 16) | (1 + workload.nextInt(65000));
            dstLow = (10L << 24) | (200L << 16) | (1 + workload.nextInt(65000));
        }
        ConnKey key = new ConnKey(0x000d3a000000L + eni, 100 + eni, tcp ? 6 : 17, v6, srcHigh, srcLow, dstHigh,
                dstLow, 1024 + workload.nextInt(64000), tcp ? 443 : 53);
        Flow f = new Flow(id, key, dpus[eni % 2], steps, lifetime);
        f.asymmetric = asymmetric;
        return f;
    }

    /** A lifetime with the configured mean and distribution (Pareto: shape 1.5, heavy-tailed). */
    private long lifetime() {
        double mean = config.lifetimeMean;
        double u = workload.nextDouble();
        return (long) switch (config.lifetimeDistribution) {
            case EXPONENTIAL -> -Math.log(1 - u) * mean;
            case UNIFORM -> 2 * mean * u;
            case FIXED -> mean;
            case PARETO -> mean / 3 * Math.pow(1 - u, -1 / 1.5);
        };
    }

    /** An endpoint sends step of flow; the owner DPU sees it, and the endpoint retransmits until it is forwarded. */
    void endpointSends(Flow f, int step) {
        if (f.aborted) {
            return;
        }
        f.inFlight = step;
        f.nextStep = Math.max(f.nextStep, step + 1);
        if (customerWriter != null) {
            try {
                customerWriter.write(customerInterface, sim.now(), Dpu.customerFrame(f, f.steps[step]));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Dpu lands = f.asymmetric && !f.steps[step].fromClient() ? f.ownerNow.peerDpu : f.ownerNow;
        if (lands == f.ownerNow || lands.dead) {
            f.ownerNow.onCustomerPacket(f, step);
        } else {
            // asymmetric routing: the packet reached the other DPU, which sends it on to the owner over the link
            Dpu owner = f.ownerNow;
            lands.out.send(() -> owner.onCustomerPacket(f, step));
            redirectedPackets++;
        }
        if (f.replayed) {
            return; // the capture already holds whatever the real endpoints retransmitted
        }
        sim.after(config.endpointRto, () -> {
            if (f.inFlight == step) {
                f.retransmissions++;
                endpointRetransmissions++;
                endpointSends(f, step);
            }
        });
    }

    /** The owner forwards step to the far endpoint, which answers with the next one. */
    void forward(Flow f, int step) {
        if (f.inFlight != step) {
            return; // already forwarded (a retransmission went through first)
        }
        f.inFlight = -1;
        if (f.replayed) {
            return; // the next packets come at their recorded times
        }
        int next = step + 1;
        if (next < f.steps.length) {
            long delay = step == Flow.ESTABLISHED_STEP ? f.lifetime : config.endpointRtt;
            sim.after(delay, () -> endpointSends(f, next));
        } else if (!f.tcp()) {
            sim.after(f.lifetime + config.udpIdleTimeout, () -> f.ownerNow.ageOut(f));
        }
    }

    /** The reply for f's held packet came back: the packet goes on. */
    void release(Flow f) {
        if (f.inFlight >= 0) {
            forward(f, f.inFlight);
        }
    }

    /** The sender gave up on f's held packet: it is dropped, and the endpoint's retransmission will bring it back. */
    void dropHeld(Flow f) {
        droppedHeldPackets++;
    }

    /**
     * A planned handover: from resends its whole table, and once that had time to land, the peer takes every
     * connection it holds a copy of (from keeps its entry as the copy, now the peer side); from becomes STANDBY.
     */
    private void switchover(Dpu from) {
        if (from.dead || from.role == Dpu.ROLE_STANDALONE) {
            return;
        }
        from.bulkSync();
        Dpu to = from.peerDpu;
        long drain = 2 * (config.latency + config.jitter) + config.coalesceDelay + 5 * ModelConfig.MS;
        sim.after(drain, () -> {
            int transferred = 0;
            List<Integer> lost = new ArrayList<>();
            for (Flow f : flows) {
                if (f.ownerNow != from || f.aborted || f.closedAt >= 0) {
                    continue;
                }
                if (f.appliedStep < 0) {
                    f.ownerNow = to; // not started yet: it starts on the new owner
                    continue;
                }
                Dpu.Entry mine = from.own.remove(f.key);
                Dpu.Entry copy = to.peer.remove(f.key);
                if (copy == null) {
                    lost.add(f.id);
                    f.aborted = true;
                    continue;
                }
                to.own.put(f.key, copy);
                if (mine != null) {
                    from.peer.put(f.key, mine);
                }
                f.ownerNow = to;
                transferred++;
            }
            from.role = Dpu.ROLE_STANDBY;
            onRoleChange(from);
            switchovers.add(new Switchover(from.index, to.index, sim.now(), transferred, lost));
        });
    }

    void onRoleChange(Dpu d) {
        roleChanges.add(new long[] {sim.now(), d.index, d.role, d.term});
    }

    /**
     * d took its peer for dead. When the peer really failed, the network sends the peer's connections to d: those
     * d holds a copy of go on (d owns them now); the others die with the peer, and an ESTABLISHED one whose copy on d
     * is not ESTABLISHED is broken by the failover (analysis.md §5).
     */
    void onStandalone(Dpu d) {
        onRoleChange(d);
        Dpu failed = d.peerDpu;
        if (!failed.dead) {
            return; // a partition: both sides live on, each with its own connections
        }
        List<Integer> broken = new ArrayList<>();
        int established = 0;
        int takenOver = 0;
        for (Flow f : flows) {
            if (f.ownerNow != failed || f.aborted || f.closedAt >= 0) {
                continue;
            }
            if (f.appliedStep < 0) {
                f.ownerNow = d; // not started yet: the network sends it to the survivor from the start
                continue;
            }
            Dpu.Entry mine = failed.own.get(f.key);
            Dpu.Entry copy = d.peer.get(f.key);
            boolean wasEstablished = mine != null && mine.state == ConnState.ESTABLISHED;
            if (wasEstablished) {
                established++;
                if (copy == null || copy.state != ConnState.ESTABLISHED) {
                    broken.add(f.id);
                }
            }
            if (copy != null) {
                d.peer.remove(f.key);
                d.own.put(f.key, copy);
                f.ownerNow = d;
                takenOver++;
            } else {
                f.aborted = true;
            }
        }
        failovers.add(new Failover(failed.index, tap.lastSent(failed.index), sim.now(), d.index, broken, established,
                takenOver));
    }
}
