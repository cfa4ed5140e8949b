package io.hascope.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hascope.text.AddressText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The outcome of a model run and its ground truth, in the vocabulary of shared/spec/analysis.md: every connection's
 * states on each DPU over time, every request's fate, every hold's outcome, the zombies, and the scorecard as the
 * model itself counts it.
 */
public final class ModelRun {
    /** A hold as analysis.md §3 defines it: one held message of a request with Q. */
    public record Hold(long frame, int message, int flow, String outcome, List<Long> resendFrames, long replyFrame) {
    }

    /**
     * A peer entry that outlived its owner's close (analysis.md §5): its lifetime counts from the close, or from when
     * a late update made the entry again after it. closeFrame: the first frame that carried the close, or -1.
     */
    public record Zombie(int flow, long closedAt, long closeFrame, long since, long lifetime, boolean presentAtEnd) {
    }

    final Model m;
    private final List<Hold> holds = new ArrayList<>();
    private final List<Zombie> zombies = new ArrayList<>();
    public static final long ZOMBIE_GRACE = ModelConfig.S;

    ModelRun(Model model) {
        this.m = model;
        collectHolds();
        collectZombies();
    }

    private void collectHolds() {
        for (Request r : m.requests) {
            if (!r.replyRequested || r.frames.isEmpty()) {
                continue; // no reply asked, or still waiting behind the transport's window at the end
            }
            for (int i = 0; i < r.messages.size(); i++) {
                Msg msg = r.messages.get(i);
                if (msg.flow == null) {
                    continue;
                }
                String outcome;
                if (r.answeredAt >= 0) {
                    outcome = r.givenUp ? "late" : "released";
                } else if (r.givenUp) {
                    outcome = "expired";
                } else {
                    outcome = "open_at_end";
                }
                long reply = r.answeredBy;
                for (int k = 0; k < r.replyFrames.size() && reply < 0; k++) {
                    if (r.replyDelivered.get(k)) {
                        reply = r.replyFrames.get(k);
                        break;
                    }
                }
                holds.add(new Hold(r.frames.get(0), i, msg.flow.id, outcome, r.frames.subList(1, r.frames.size()),
                        reply));
            }
        }
    }

    private void collectZombies() {
        // a copy still there at the end lived, as far as any capture of the run can tell, until its last frame
        long end = m.tap.lastWritten() >= 0 ? m.tap.lastWritten() : m.end();
        for (Flow f : m.flows) {
            if (f.closedAt < 0) {
                continue;
            }
            // the copy lives on the other DPU; if that one failed, its table (and the zombie) ended with it, at its
            // last packet: the failover's time (analysis.md §5), which is all a capture can tell of its death
            Dpu peer = f.closedBy == null ? null : f.closedBy.peerDpu;
            long peerDied = peer == null || peer.diedAt < 0 ? -1 : m.tap.lastSent(peer.index);
            if (peerDied >= 0 && peerDied <= f.closedAt) {
                continue;
            }
            long last = peerDied >= 0 ? peerDied : end;
            // each stretch the copy outlived the close: from the close, or from a late update that made the entry
            // again after it was removed; the last one longer than the grace is the zombie
            Zombie zombie = null;
            boolean present = false;
            long since = f.closedAt;
            for (long[] h : f.peerHistory) {
                if (h[0] > last) {
                    break;
                }
                if (h[0] <= f.closedAt) {
                    present = h[1] >= 0;
                } else if (present && h[1] < 0) {
                    if (h[0] - since > ZOMBIE_GRACE) {
                        zombie = new Zombie(f.id, f.closedAt, f.closeFrame, since, h[0] - since, false);
                    }
                    present = false;
                } else if (!present && h[1] >= 0) {
                    present = true; // an update that arrives after the close makes the entry again on the peer
                    since = h[0];
                }
            }
            if (present && last - since > ZOMBIE_GRACE) {
                zombie = new Zombie(f.id, f.closedAt, f.closeFrame, since, last - since, peerDied < 0);
            }
            if (zombie != null) {
                zombies.add(zombie);
            }
        }
    }

    public long frames() {
        return m.tap.frames();
    }

    /** Frames in the written capture: all of them, unless the tap missed some (--tap-miss). */
    public long framesWritten() {
        return m.tap.written();
    }

    public int connections() {
        return m.flows.size();
    }

    public int requests() {
        return m.requests.size();
    }

    public long messages() {
        return m.requests.stream().mapToLong(r -> r.messages.size()).sum();
    }

    public List<Hold> holds() {
        return holds;
    }

    public long holdsWith(String outcome) {
        return holds.stream().filter(h -> h.outcome().equals(outcome)).count();
    }

    public List<Zombie> zombies() {
        return zombies;
    }

    /** Packets the endpoints had to send again (analysis.md §6: expired holds). */
    public long endpointReplays() {
        return holdsWith("expired");
    }

    /** Retransmissions the simulated endpoints actually made (RTO expiries). */
    public long endpointRetransmissions() {
        return m.endpointRetransmissions;
    }

    /** Requests of which no copy arrived, and requests with Q whose every reply was lost. */
    public long lostRequests() {
        return m.requests.stream().filter(r -> r.deliveries.stream().allMatch(d -> d == 0)).count();
    }

    public long lostReplies() {
        return m.requests.stream().filter(r -> r.replyRequested && !r.replyFrames.isEmpty()
                && r.replyDelivered.stream().noneMatch(b -> b)).count();
    }

    /** Bytes of HA frames per connection, both directions. */
    public double bytesPerConnection() {
        long bytes = m.tap.bytesSent(0) + m.tap.bytesSent(1);
        return m.flows.isEmpty() ? 0 : (double) bytes / m.flows.size();
    }

    public long simulatedNanos() {
        return m.end();
    }

    /** Writes the truth file; it appears under its name only once complete. */
    public void writeTruth(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (OutputStream out = java.nio.channels.Channels.newOutputStream(
                io.hascope.capture.OutputSink.openPartial(partial, target))) {
            writeTruth(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public void writeTruth(OutputStream out) throws IOException {
        try (JsonGenerator j = new JsonFactory().createGenerator(out)) {
            j.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // compact: a 100k-connection truth is large; jq pretty-prints
            j.writeStartObject();
            writeConfig(j);
            writeDpus(j);
            writeConnections(j);
            writeRequests(j);
            writeHolds(j);
            writeZombies(j);
            writeFailovers(j);
            writeTransport(j);
            writeScorecard(j);
            j.writeEndObject();
        }
    }

    private void writeConfig(JsonGenerator j) throws IOException {
        ModelConfig c = m.config;
        j.writeObjectFieldStart("model");
        j.writeNumberField("seed", c.seed);
        j.writeStringField("mode", c.mode.name().toLowerCase(java.util.Locale.ROOT));
        j.writeNumberField("duration_s", c.duration / 1e9);
        j.writeNumberField("end_s", m.end() / 1e9);
        j.writeNumberField("max_msgs", c.maxMessages);
        j.writeNumberField("loss", c.loss);
        j.writeNumberField("reply_timeout_s", c.replyTimeout / 1e9);
        if (c.mode == SenderMode.REFRESH) {
            j.writeNumberField("ha_timeout_s", c.haTimeout / 1e9); // copies not refreshed within it age out
            j.writeNumberField("refresh_every_s", c.refreshEvery / 1e9);
        }
        j.writeStringField("taps", c.twoTaps ? "both" : "one");
        if (c.tapMiss > 0) {
            j.writeNumberField("tap_miss", c.tapMiss);
            j.writeNumberField("frames_missed", m.tap.frames() - m.tap.written());
        }
        j.writeEndObject();
    }

    private void writeDpus(JsonGenerator j) throws IOException {
        j.writeArrayFieldStart("dpus");
        for (Dpu d : m.dpus) {
            j.writeStartObject();
            j.writeStringField("address", AddressText.of(d.address));
            j.writeNumberField("role", d.role);
            j.writeNumberField("term", d.term);
            j.writeNumberField("frames_sent", m.tap.framesSent(d.index));
            j.writeNumberField("bytes_sent", m.tap.bytesSent(d.index));
            j.writeEndObject();
        }
        j.writeEndArray();
    }

    private void writeConnections(JsonGenerator j) throws IOException {
        j.writeArrayFieldStart("connections");
        for (Flow f : m.flows) {
            j.writeStartObject();
            j.writeNumberField("id", f.id);
            j.writeObjectFieldStart("connection");
            j.writeStringField("eni", io.hascope.text.AddressText.mac(f.key.eni()));
            j.writeNumberField("vnet", f.key.vnet());
            j.writeNumberField("proto", f.key.protocol());
            j.writeStringField("src", AddressText.of(f.key.source()));
            j.writeNumberField("srcport", f.key.sourcePort());
            j.writeStringField("dst", AddressText.of(f.key.destination()));
            j.writeNumberField("dstport", f.key.destinationPort());
            j.writeEndObject();
            j.writeStringField("owner", AddressText.of(f.owner.address));
            j.writeNumberField("endpoint_retransmissions", f.retransmissions);
            history(j, "own", f.ownHistory);
            history(j, "peer", f.peerHistory);
            j.writeEndObject();
        }
        j.writeEndArray();
    }

    /** The states a table held for a connection over time: [seconds, state, version], REMOVED when deleted. */
    private static void history(JsonGenerator j, String name, List<long[]> h) throws IOException {
        j.writeArrayFieldStart(name);
        for (long[] e : h) {
            j.writeStartArray();
            j.writeNumber(e[0] / 1e9);
            j.writeString(e[1] < 0 ? "REMOVED" : ConnState.name((int) e[1]));
            j.writeNumber(e[2]);
            j.writeEndArray();
        }
        j.writeEndArray();
    }

    private void writeRequests(JsonGenerator j) throws IOException {
        j.writeArrayFieldStart("requests");
        for (Request r : m.requests) {
            if (r.frames.isEmpty()) {
                continue; // never reached the wire (behind the transport's window when the run ended)
            }
            j.writeStartObject();
            frameField(j, "frame", r.frames.get(0));
            j.writeStringField("from", AddressText.of(r.from.address));
            j.writeNumberField("messages", r.messages.size());
            j.writeBooleanField("reply_requested", r.replyRequested);
            if (r.answeredAt >= 0) {
                j.writeNumberField("answered_s", r.answeredAt / 1e9); // when its sender took the first reply
            }
            j.writeFieldName("sends");
            j.writeStartArray();
            for (int k = 0; k < r.frames.size(); k++) {
                j.writeStartObject();
                frameField(j, "frame", r.frames.get(k));
                j.writeStringField("fate", r.deliveries.get(k) == 0 ? "lost"
                        : r.deliveries.get(k) == 2 ? "delivered_twice" : "delivered");
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeFieldName("replies");
            j.writeStartArray();
            for (int k = 0; k < r.replyFrames.size(); k++) {
                j.writeStartObject();
                frameField(j, "frame", r.replyFrames.get(k));
                j.writeStringField("fate", r.replyDelivered.get(k) ? "delivered" : "lost");
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeEndObject();
        }
        j.writeEndArray();
    }

    private void frameField(JsonGenerator j, String name, long frame) throws IOException {
        j.writeFieldName(name);
        frameNumber(j, frame);
    }

    /** A frame as a reader of the capture numbers it; null when the tap (or both) missed it (--tap-miss). */
    private void frameNumber(JsonGenerator j, long frame) throws IOException {
        long shown = m.tap.shownAs(frame);
        if (shown > 0) {
            j.writeNumber(shown);
        } else {
            j.writeNull();
        }
    }

    private void writeHolds(JsonGenerator j) throws IOException {
        j.writeArrayFieldStart("holds");
        for (Hold h : holds) {
            j.writeStartObject();
            frameField(j, "frame", h.frame());
            j.writeNumberField("message", h.message());
            j.writeNumberField("connection", h.flow());
            j.writeStringField("outcome", h.outcome());
            j.writeFieldName("resend_frames");
            j.writeStartArray();
            for (long f : h.resendFrames()) {
                frameNumber(j, f);
            }
            j.writeEndArray();
            if (h.replyFrame() >= 0) {
                frameField(j, "reply_frame", h.replyFrame());
            }
            j.writeEndObject();
        }
        j.writeEndArray();
    }

    private void writeZombies(JsonGenerator j) throws IOException {
        j.writeArrayFieldStart("zombies");
        for (Zombie z : zombies) {
            j.writeStartObject();
            j.writeNumberField("connection", z.flow());
            j.writeNumberField("closed_at", z.closedAt() / 1e9);
            if (z.closeFrame() >= 0) {
                frameField(j, "close_frame", z.closeFrame());
            }
            j.writeNumberField("since_s", z.since() / 1e9);
            j.writeNumberField("lifetime_s", z.lifetime() / 1e9);
            j.writeBooleanField("present_at_end", z.presentAtEnd());
            j.writeEndObject();
        }
        j.writeEndArray();
    }

    private void writeFailovers(JsonGenerator j) throws IOException {
        j.writeArrayFieldStart("failovers");
        for (Model.Failover f : m.failovers) {
            j.writeStartObject();
            j.writeStringField("dpu", AddressText.of(m.dpus[f.failed()].address));
            j.writeNumberField("time", f.lastSent() / 1e9);
            j.writeNumberField("detected", f.detected() / 1e9);
            j.writeStringField("survivor", AddressText.of(m.dpus[f.survivor()].address));
            j.writeNumberField("established", f.established());
            j.writeNumberField("taken_over", f.takenOver());
            j.writeArrayFieldStart("broken");
            for (int id : f.broken()) {
                j.writeNumber(id);
            }
            j.writeEndArray();
            j.writeEndObject();
        }
        j.writeEndArray();
        j.writeArrayFieldStart("switchovers");
        for (Model.Switchover sw : m.switchovers) {
            j.writeStartObject();
            j.writeStringField("from", AddressText.of(m.dpus[sw.from()].address));
            j.writeStringField("to", AddressText.of(m.dpus[sw.to()].address));
            j.writeNumberField("time", sw.time() / 1e9);
            j.writeNumberField("transferred", sw.transferred());
            numbers(j, "lost", sw.lost().stream().map(Integer::longValue).toList());
            j.writeEndObject();
        }
        j.writeEndArray();
        j.writeArrayFieldStart("role_changes");
        for (long[] c : m.roleChanges) {
            j.writeStartObject();
            j.writeNumberField("time", c[0] / 1e9);
            j.writeStringField("dpu", AddressText.of(m.dpus[(int) c[1]].address));
            j.writeStringField("role", io.hascope.field.HasyncFields.ROLES.name(c[2]));
            j.writeNumberField("term", c[3]);
            j.writeEndObject();
        }
        j.writeEndArray();
    }

    /** The reliable transport's own record, per DPU as sender and receiver (absent without --transport rudp). */
    private void writeTransport(JsonGenerator j) throws IOException {
        if (!m.config.reliable) {
            return;
        }
        j.writeArrayFieldStart("transport");
        for (Dpu d : m.dpus) {
            ReliableLink.TransportStats t = ((ReliableLink) d.link).stats;
            j.writeStartObject();
            j.writeStringField("dpu", AddressText.of(d.address));
            j.writeNumberField("data_sent", t.dataSent);
            j.writeNumberField("retransmissions", t.retransmissions);
            frames(j, "retransmission_frames", t.retransmissionFrames);
            j.writeNumberField("keepalives", t.keepalives);
            j.writeNumberField("nacks_sent", t.nacksSent);
            j.writeNumberField("gaps_seen", t.gapsSeen);
            frames(j, "gap_frames", t.gapFrames);
            j.writeNumberField("broken", t.broken);
            j.writeEndObject();
        }
        j.writeEndArray();
    }

    private static void numbers(JsonGenerator j, String name, List<Long> values) throws IOException {
        j.writeArrayFieldStart(name);
        for (long v : values) {
            j.writeNumber(v);
        }
        j.writeEndArray();
    }

    private void frames(JsonGenerator j, String name, List<Long> frames) throws IOException {
        j.writeArrayFieldStart(name);
        for (long f : frames) {
            frameNumber(j, f);
        }
        j.writeEndArray();
    }

    /** Frames written at the receivers' taps (two taps only): the arrivals of frames already counted as sent. */
    public long arrivalFrames() {
        return m.tap.arrivals();
    }

    /** Frames that are the transport's own: resent DATA, NACKs, KEEPALIVEs. */
    public long transportFrames() {
        return sumTransport(t -> t.retransmissions + t.nacksSent + t.keepalives);
    }

    public long transportRetransmissions() {
        return sumTransport(t -> t.retransmissions);
    }

    public long transportGaps() {
        return sumTransport(t -> t.gapsSeen);
    }

    private long sumTransport(java.util.function.ToLongFunction<ReliableLink.TransportStats> what) {
        return !m.config.reliable ? 0
                : java.util.Arrays.stream(m.dpus).mapToLong(d -> what.applyAsLong(((ReliableLink) d.link).stats)).sum();
    }

    public long brokenByFailover() {
        return m.failovers.stream().mapToLong(f -> f.broken().size()).sum();
    }

    public List<Model.Switchover> switchovers() {
        return m.switchovers;
    }

    public List<Model.Failover> failovers() {
        return m.failovers;
    }

    private void writeScorecard(JsonGenerator j) throws IOException {
        j.writeObjectFieldStart("scorecard");
        j.writeNumberField("connections", m.flows.size());
        j.writeNumberField("broken_by_failover", brokenByFailover());
        long established = m.failovers.stream().mapToLong(Model.Failover::established).sum();
        j.writeNumberField("broken_share", established == 0 ? 0 : (double) brokenByFailover() / established);
        j.writeNumberField("zombies", zombies.size());
        j.writeNumberField("zombie_peak", zombiePeak());
        double[] life = zombies.stream().mapToDouble(z -> z.lifetime() / 1e9).sorted().toArray();
        j.writeObjectFieldStart("zombie_lifetime_s");
        j.writeNumberField("p50", percentile(life, 0.5));
        j.writeNumberField("p99", percentile(life, 0.99));
        j.writeNumberField("max", life.length == 0 ? 0 : life[life.length - 1]);
        j.writeEndObject();
        long stateChanges = m.flows.stream().mapToLong(f -> f.ownHistory.size()).sum();
        j.writeNumberField("endpoint_replays", endpointReplays());
        j.writeNumberField("replays_per_1000", stateChanges == 0 ? 0 : 1000.0 * endpointReplays() / stateChanges);
        j.writeNumberField("endpoint_retransmissions", endpointRetransmissions());
        j.writeNumberField("redirected_packets", m.redirectedPackets);
        j.writeObjectFieldStart("holds");
        for (String o : List.of("released", "late", "expired", "open_at_end")) {
            j.writeNumberField(o, holdsWith(o));
        }
        j.writeEndObject();
        j.writeNumberField("lost_requests", lostRequests());
        j.writeNumberField("lost_replies", lostReplies());
        double seconds = m.end() / 1e9;
        j.writeObjectFieldStart("bytes_per_s");
        for (Dpu d : m.dpus) {
            j.writeNumberField(AddressText.of(d.address) + "->" + AddressText.of(d.peerDpu.address),
                    m.tap.bytesSent(d.index) / seconds);
        }
        j.writeEndObject();
        j.writeNumberField("bytes_per_connection", bytesPerConnection());
        j.writeObjectFieldStart("messages_per_packet");
        j.writeNumberField("mean", m.requests.isEmpty() ? 0 : (double) messages() / m.requests.size());
        j.writeNumberField("max", m.requests.stream().mapToInt(r -> r.messages.size()).max().orElse(0));
        j.writeEndObject();
        long requestBytes = m.requests.stream().mapToLong(r -> (long) r.bytes.length * r.frames.size()).sum();
        long replyBytes = m.requests.stream().mapToLong(r -> (long) replyLength(r) * r.replyFrames.size()).sum();
        j.writeNumberField("reply_to_request_bytes", requestBytes == 0 ? 0 : (double) replyBytes / requestBytes);
        j.writeEndObject();
    }

    private int replyLength(Request r) {
        if (r.replyFrames.isEmpty()) {
            return 0;
        }
        return r.dashReply != null ? r.dashReply.length
                : io.hascope.encode.HasyncEncoder.reply(r.bytes, m.config.truncates).length;
    }

    private int zombiePeak() {
        long[][] events = new long[zombies.size() * 2][];
        int k = 0;
        for (Zombie z : zombies) {
            events[k++] = new long[] {z.since() + ZOMBIE_GRACE, 1};
            events[k++] = new long[] {z.since() + z.lifetime(), -1};
        }
        Arrays.sort(events, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int live = 0;
        int peak = 0;
        for (long[] e : events) {
            live += (int) e[1];
            peak = Math.max(peak, live);
        }
        return peak;
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }
}
