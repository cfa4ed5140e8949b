package io.hascope.model;

import io.hascope.capture.CaptureWriter;
import io.hascope.capture.Frame;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The DPU model driven by customer frames as they are captured: each TCP or UDP frame that changes its connection's
 * state becomes a step at its own time, and the simulation is advanced as real time passes. The model still never
 * reads a clock: its driver says what time it is (nanoseconds since the start) with {@link #advanceTo}.
 */
public final class LiveModel {
    private final Model model;
    private final CustomerReplay.Tracker tracker;
    private final Map<CustomerReplay.Connection, Flow> flows = new IdentityHashMap<>();
    private final Map<CustomerReplay.Connection, Boolean> ageCheckPending = new IdentityHashMap<>();
    private ModelRun finished;

    /** HA frames go to writer as the tap sees them, stamped with the model's time. */
    public LiveModel(ModelConfig config, CaptureWriter writer) throws IOException {
        this.model = Model.forLive(config, writer);
        this.tracker = new CustomerReplay.Tracker(Math.max(1, config.enis));
    }

    /** The model's time: nanoseconds since it started. */
    public long now() {
        return model.sim.now();
    }

    /**
     * A customer frame seen at time (since the start; one older than the model's present counts as now). Returns
     * whether it was customer TCP or UDP.
     */
    public boolean customerFrame(Frame frame, long time) {
        long t = Math.max(time, model.sim.now());
        CustomerReplay.Connection c = tracker.observe(frame, t);
        if (c == null) {
            return false;
        }
        Flow f = flows.get(c);
        if (!c.tcp) {
            scheduleAgeCheck(c);
        }
        if (f != null && c.steps.size() == f.steps.length) {
            return true; // no change of state: nothing for the DPUs to sync
        }
        if (f == null) {
            f = model.addReplayedFlow(c);
            flows.put(c, f);
        }
        f.steps = c.steps.toArray(new Flow.Step[0]);
        Flow flow = f;
        int step = f.steps.length - 1;
        model.sim.at(t, () -> model.endpointSends(flow, step));
        return true;
    }

    /** A UDP flow ages out once it has been quiet for the idle timeout (checked when it could first be due). */
    private void scheduleAgeCheck(CustomerReplay.Connection c) {
        if (ageCheckPending.put(c, Boolean.TRUE) != null) {
            return;
        }
        model.sim.at(c.lastPacket + model.config.udpIdleTimeout, () -> ageCheck(c));
    }

    private void ageCheck(CustomerReplay.Connection c) {
        long due = c.lastPacket + model.config.udpIdleTimeout;
        if (model.sim.now() < due) {
            model.sim.at(due, () -> ageCheck(c)); // it spoke again meanwhile
            return;
        }
        ageCheckPending.remove(c);
        Flow f = flows.get(c);
        if (f != null) {
            f.ownerNow.ageOut(f);
        }
    }

    /** Runs everything due up to time (since the start). */
    public void advanceTo(long time) {
        if (finished == null) {
            model.sim.runUntil(Math.max(time, model.sim.now()));
        }
    }

    /** Customer connections seen so far. */
    public int connections() {
        return flows.size();
    }

    /** Ends the run now: what is in flight drains (instantly, on the model's clock), and the truth is ready. */
    public ModelRun finish() {
        if (finished == null) {
            model.config.duration = model.sim.now();
            model.sim.runUntil(model.end());
            finished = new ModelRun(model);
        }
        return finished;
    }
}
