package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.decode.DissectorConfig;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A model capture's analysis against the model's truth file (read as JSON, not from the model's objects):
 * holds and their outcomes by request frame, lost replies by frame and connection, zombies and connections broken by
 * failover by connection. Where the capture saw every frame's fate (a lossless link, or a tap at each end) they are
 * equal; with one tap on a lossy link the analysis cannot see a frame lost after the tap (analysis.md §0), so there
 * each hold is held to what the wire shows, and no zombie or broken connection may appear that the truth lacks, but
 * for the blind spot §0 names: a zombie of a copy the peer never had, which a request without Q lost after the tap
 * would have made.
 */
public final class TruthCheck {
    private TruthCheck() {
    }

    /**
     * The analysis of one capture: its findings, its holds by request frame as "count outcome", and each hold as the
     * listener last told it: {request time, end, packets, reply time since the first send or -1}.
     */
    private record Seen(AnalysisResult result, Map<Long, String> holds, Map<Long, long[]> told) {
    }

    /**
     * Asserts that the analysis of capture agrees with truth as far as the capture can tell. resends: the senders
     * resent on timeout, so a resend after a reply the tap saw (and the sender did not get) is a new request to the
     * analysis (§2), and the truth's holds are a subset of those seen.
     */
    public static void assertAgrees(byte[] capture, JsonNode truth, boolean resends) throws Exception {
        JsonNode model = truth.get("model");
        boolean everyFateSeen = model.get("taps").asText().equals("both") || everyFrameDelivered(truth);
        Map<Long, Long> frameTimes = frameTimes(capture);
        Map<Long, int[]> rudpNumbers = truth.has("transport") ? rudpNumbers(capture) : Map.of();
        Map<String, long[]> lastAcks = truth.has("transport") ? lastAcks(capture) : Map.of();
        Set<String> failedSilent = new HashSet<>();
        for (JsonNode f : truth.get("failovers")) {
            failedSilent.add(f.get("dpu").asText());
        }
        AnalysisConfig config = new AnalysisConfig();
        if (model.has("ha_timeout_s")) {
            config.haTimeout = Math.round(model.get("ha_timeout_s").asDouble() * 1e9);
        }
        Seen seen = analyse(capture, config);
        assertFiguresAreThoseOfTheHoldsTold(seen);

        Map<Long, String> truthHolds = new TreeMap<>();
        Map<Long, Integer> heldPerRequest = new HashMap<>();
        for (JsonNode h : truth.get("holds")) {
            heldPerRequest.merge(h.get("frame").asLong(), 1, Integer::sum);
        }
        Map<Long, String> outcomeOf = new HashMap<>();
        Set<Long> tied = new TreeSet<>(); // requests answered the very nanosecond a resend of theirs left
        for (JsonNode h : truth.get("holds")) {
            outcomeOf.put(h.get("frame").asLong(), h.get("outcome").asText());
        }
        double timeout = model.get("reply_timeout_s").asDouble();
        long captureEnd = frameTimes.values().stream().mapToLong(Long::longValue).max().orElse(0);
        for (JsonNode r : truth.get("requests")) {
            long frame = r.get("frame").asLong();
            if (!heldPerRequest.containsKey(frame)) {
                continue;
            }
            String outcome = everyFateSeen ? outcomeOf.get(frame) : asTheWireShowsIt(r, frameTimes, timeout,
                    outcomeOf.get(frame));
            if (!everyFateSeen && outcome.equals("released")
                    && replyNeverTaken(r, truth, failedSilent, rudpNumbers, lastAcks, frameTimes)) {
                // one tap over rUDP: a reply whose DATA the requester's ACK never passed, its replier failed before
                // sending it again, never came (README: a failed DPU's last DATA)
                outcome = "expired";
            }
            if (outcome.equals("open_at_end") && !model.get("taps").asText().equals("both")) {
                // one tap sees a reply as delivered when it leaves: one that left just before the end reached its
                // sender after it, too late for the model's run
                outcome = asTheWireShowsIt(r, frameTimes, timeout, outcome);
            }
            // open at the end is judged on the capture's clock (§3): a failed DPU's hold stays open in the model though
            // the capture went on past its timeout, and the model's run goes on after the capture's last frame
            boolean endedWithinTimeout = captureEnd - latestSend(r, frameTimes) < Math.round(timeout * 1e9);
            if (outcome.equals("open_at_end") && !endedWithinTimeout) {
                outcome = "expired";
            } else if (outcome.equals("expired") && endedWithinTimeout
                    && !replyShownDelivered(r, model.get("taps").asText().equals("both"), captureEnd)) {
                outcome = "open_at_end";
            }
            if (outcome.equals("late") && (everyFateSeen ? answeredWithinTimeoutOfASend(r, frameTimes, timeout)
                    : repliedWithinTimeoutOfASend(r, frameTimes, rudpNumbers, timeout))) {
                // the model's sender times a hold from when it hands the request to the transport; one (or its
                // resend) queued behind a full rUDP window leaves later, and §3 times the hold from its frame
                outcome = "released";
            } else if (outcome.equals("released") && everyFateSeen && r.has("answered_s")
                    && !answeredWithinTimeoutOfASend(r, frameTimes, timeout)) {
                // and a resend still queued there when the reply came never left: no frame shows it
                outcome = "late";
            }
            truthHolds.put(frame, heldPerRequest.get(frame) + " " + outcome);
            if (everyFateSeen && answeredWithinTimeoutOfASend(r, frameTimes, timeout, true)
                    != answeredWithinTimeoutOfASend(r, frameTimes, timeout, false)) {
                tied.add(frame); // released or late as the resend of that instant went out before or after
            }
        }
        // of byte-identical requests (a DASH request has no opaque) no capture tells which copy an ACK answered or
        // which was a resend: both sides name such holds by the first copy, and compare them as a group
        Map<Long, Long> copyOf = firstCopies(capture, truth.has("transport"),
                model.get("taps").asText().equals("both"));
        Map<Long, String> truthByCopy = byFirstCopy(truthHolds, copyOf);
        Map<Long, String> seenByCopy = byFirstCopy(seen.holds(), copyOf);
        // a reply on its way when its requester failed reached a dead DPU, which the model counts as delivered and
        // no tap can tell: holds a failed DPU sent within a timeout of its last packet are nobody's to judge
        Set<Long> unjudged = sentWhileDying(truth, frameTimes, Math.round(timeout * 1e9), copyOf);
        tied.forEach(frame -> unjudged.add(copyOf.getOrDefault(frame, frame)));
        truthByCopy.keySet().removeAll(unjudged);
        seenByCopy.keySet().removeAll(unjudged);
        if (!resends) {
            assertSame(truthByCopy, seenByCopy, "holds by request frame: count and outcome");
        } else {
            // a resend after a reply the tap saw (and the sender did not get) is a new request to the analysis (§2)
            List<String> missing = new ArrayList<>();
            for (Map.Entry<Long, String> e : truthByCopy.entrySet()) {
                List<String> seenThere = new ArrayList<>(List.of(seenByCopy.getOrDefault(e.getKey(), "").split(" \\+ ")));
                for (String hold : e.getValue().split(" \\+ ")) {
                    if (!seenThere.remove(hold)) {
                        missing.add(e.getKey() + ": " + hold + " / " + seenByCopy.get(e.getKey()));
                    }
                }
            }
            assertTrue(missing.isEmpty(), "every hold of the truth, as it was: " + missing.size() + " differ "
                    + first(missing));
        }

        Map<String, Integer> truthLostCount = new TreeMap<>();
        Map<Integer, String> connections = connections(truth);
        for (JsonNode h : truth.get("holds")) {
            long frame = h.get("frame").asLong();
            if (truthHolds.getOrDefault(frame, "").endsWith(" expired") && !unjudged.contains(copyOf.get(frame))) {
                truthLostCount.merge(copyOf.get(frame) + " " + connections.get(h.get("connection").asInt()), 1,
                        Integer::sum);
            }
        }
        Map<String, Integer> lostCount = new TreeMap<>();
        for (Finding f : FindingsTest.of(seen.result(), FindingType.LOST_REPLY)) {
            if (unjudged.contains(copyOf.get(f.frame()))) {
                continue;
            }
            lostCount.merge(copyOf.get(f.frame()) + " " + key(f.connection()), 1, Integer::sum);
        }
        Set<String> truthLost = counted(truthLostCount);
        Set<String> lost = counted(lostCount);
        if (!resends) {
            assertSame(truthLost, lost, "lost replies by frame and connection");
        }

        long zombieGrace = new AnalysisConfig().zombieGrace;
        Set<String> truthZombies = new TreeSet<>();
        Set<String> mayShow = new TreeSet<>();
        Map<String, Double> lastPacket = new HashMap<>(); // of each DPU that failed
        for (JsonNode f : truth.get("failovers")) {
            lastPacket.put(f.get("dpu").asText(), f.get("time").asDouble());
        }
        for (JsonNode z : truth.get("zombies")) {
            String connection = connections.get(z.get("connection").asInt());
            String owner = ownerOf(truth, z.get("connection").asInt());
            boolean closedAfterItsLastPacket = lastPacket.containsKey(owner)
                    && z.get("closed_at").asDouble() > lastPacket.get(owner);
            // an owner that closes while its peer is given up, or in its last moments, tells no one; and a close
            // that left late (queued behind a full rUDP window on a cut link) is dated by the frame that carried it:
            // a zombie only if the peer kept its copy longer than the grace after that frame
            JsonNode closeFrame = z.get("close_frame");
            // one tap orders deliveries as sent (and by replies and ACKs): a copy made again after its removal, by
            // an older update the network delivered after the DELETE, is not reported (README: one tap). The truth
            // keeps only the copy's last stretch, so whether an earlier one shows is not known here either
            boolean madeAgain = z.get("since_s").asDouble() > z.get("closed_at").asDouble();
            if (madeAgain && !model.get("taps").asText().equals("both")) {
                mayShow.add(connection);
                continue;
            }
            long since = Math.round(z.get("since_s").asDouble() * 1e9);
            long gone = since + Math.round(z.get("lifetime_s").asDouble() * 1e9);
            if (closeFrame != null && !closeFrame.isNull() && !closedAfterItsLastPacket
                    && gone - Math.max(since, frameTimes.get(closeFrame.asLong())) > zombieGrace) {
                truthZombies.add(connection);
            }
        }
        List<Finding> zombieFindings = new ArrayList<>();
        for (Finding f : FindingsTest.of(seen.result(), FindingType.ZOMBIE)) {
            if (!"not_refreshed".equals(f.detail().get("cause"))) {
                zombieFindings.add(f);
                continue;
            }
            // a refreshing owner that stopped refreshing a connection it holds on the wire closed it off the wire
            // (while standalone): which of those a capture can show depends on refreshes lost unseen and on when the
            // owner closed, so these are held only to this: the owner had closed it while the peer still held its copy
            // (with one tap, whose copy may never have come: a request without Q lost after the tap, README)
            String connection = key(f.connection());
            assertTrue(closedOffTheWireBeforeItsCopyWent(truth, connections, connection, !everyFateSeen),
                    "a not_refreshed zombie the owner had not closed: " + connection);
        }
        Set<String> zombies = keys(zombieFindings);
        zombies.removeAll(mayShow);
        if (everyFateSeen) {
            assertSame(truthZombies, zombies, "zombies by connection");
        } else {
            // one tap takes a request without Q as delivered unless something shows it lost (analysis.md §0, §4): a
            // copy the peer never had, that such a request carried and the channel lost after the tap, is the
            // documented blind spot, and the owner's unanswered close then leaves a zombie in the analysis alone
            Set<String> blind = neverCopied(truth, connections);
            blind.retainAll(carriedByLostRequestsWithoutQ(capture, truth));
            zombies.removeAll(blind);
            assertTrue(truthZombies.containsAll(zombies),
                    "no zombie the truth lacks: " + without(zombies, truthZombies));
        }

        // when each of the owners' changes first left: for the divergences, and for a failed DPU's last change
        WireTimes left = wireTimes(capture);
        boolean failures = !truth.get("failovers").isEmpty() || !truth.get("role_changes").isEmpty();
        if (everyFateSeen && !failures && !model.get("mode").asText().equals("refresh")) {
            // a refresh sender reports its table only at each refresh, so the truth's own table runs ahead of the
            // one on the wire by design; a failed DPU holds no table to the analysis (README: what it cannot tell)
            // the truth times a change when the DPU makes it, the capture when its frame leaves (after the
            // coalescer's delay): a disagreement within a few ms of the grace, or beginning within a few ms of the
            // capture's end, may fall either side of it
            double grace = new AnalysisConfig().divergenceGrace / 1e9;
            Set<String> seenDiverged = keys(FindingsTest.of(seen.result(), FindingType.DIVERGENCE));
            // and a copy that keeps a few ms behind its owner through a run of quick changes (a handshake) is always
            // behind in the truth, yet on the wire it may catch up with each change before the next one leaves;
            // the owner's change shows when its frame leaves, which a full rUDP window on a cut link holds back
            Set<String> surely = divergences(truth, connections, captureEnd / 1e9, grace + 0.005, 0.005, 0.005,
                    left);
            Set<String> maybe = divergences(truth, connections, captureEnd / 1e9, grace - 0.005, 0, 0, left);
            Set<String> between = new TreeSet<>(seenDiverged);
            between.retainAll(maybe);
            between.addAll(surely);
            assertSame(between, seenDiverged, "divergences by connection");
        }

        Set<String> truthBroken = new TreeSet<>();
        for (JsonNode f : truth.get("failovers")) {
            for (JsonNode c : f.get("broken")) {
                truthBroken.add(connections.get(c.asInt()));
            }
        }
        Set<String> broken = keys(FindingsTest.of(seen.result(), FindingType.BROKEN_BY_FAILOVER));
        broken.removeAll(establishedAsLastReported(truth, connections, left));
        int givenUp = 0;
        Map<String, List<long[]>> roles = rolesOnTheWire(capture);
        for (JsonNode change : truth.get("role_changes")) {
            // a DPU that gave its peer up says so in the role or term of what it sends next; over a stuck rUDP
            // window that may be nothing but NACKs, and then no capture shows the give-up
            long at = Math.round(change.get("time").asDouble() * 1e9) - 1_000;
            int term = change.get("term").asInt();
            givenUp += change.get("role").asText().equals("STANDALONE") && roles.getOrDefault(change.get("dpu")
                    .asText(), List.of()).stream().anyMatch(p -> p[0] >= at && (p[1] == 3 || p[2] >= term)) ? 1 : 0;
        }
        boolean dashOnly = !seen.result().dialects().contains("hasync");
        if (truth.get("failovers").isEmpty() && givenUp > 0 && dashOnly) {
            // a DASH header has no role or term: a partition, both sides still sending, shows no failover
            assertEquals(0, FindingsTest.of(seen.result(), FindingType.FAILOVER).size(), "no failover seen");
        } else if (truth.get("failovers").isEmpty() && givenUp > 0) {
            // a partition: nothing failed, yet each side gave the other up, which analysis.md §5 calls a failover
            // (the peer's role turns STANDALONE); what it breaks is the spec's reading, which the truth does not make
            assertEquals(givenUp, FindingsTest.of(seen.result(), FindingType.FAILOVER).size(),
                    "one failover per DPU given up");
        } else {
            if (everyFateSeen && !model.get("mode").asText().equals("refresh")) {
                // a refresh sender had reported nothing of its connections before it failed (the first refresh
                // comes later): no capture shows which of them were established
                // a connection the failed DPU established but died before reporting no capture shows established
                Set<String> established = establishedOnTheWire(capture);
                truthBroken.removeIf(c -> !established.contains(c));
                assertSame(truthBroken, broken, "connections broken by failover");
            }
            assertTrue(truthBroken.containsAll(broken), "nothing the truth keeps is called broken: "
                    + without(broken, truthBroken));
            assertEquals(truth.get("failovers").size(),
                    FindingsTest.of(seen.result(), FindingType.FAILOVER).size(), "failovers");
        }
    }

    /**
     * The connections whose owner's entry and the peer's copy differed (the copy missing, or another state or
     * version) for longer than the divergence grace, or still at the end: from the truth's histories of both, the
     * owner's changes no earlier than the frame that first carried them (left). A copy equal to what its owner held
     * until less than ownLag ago agrees with it.
     */
    private static Set<String> divergences(JsonNode truth, Map<Integer, String> connections, double captureEnd,
                                           double grace, double endMargin, double ownLag, WireTimes left) {
        Set<String> diverged = new TreeSet<>();
        for (JsonNode c : truth.get("connections")) {
            String key = connections.get(c.get("id").asInt());
            List<double[]> changes = new ArrayList<>(); // time, 0 own / 1 peer / 2 a look ownLag after own's change
            for (int half = 0; half < 2; half++) {
                JsonNode history = c.get(half == 0 ? "own" : "peer");
                for (int i = 0; i < history.size(); i++) {
                    double t = history.get(i).get(0).asDouble();
                    if (half == 0) {
                        t = left.shown(key, history.get(i).get(2).asLong(), t);
                        if (Double.isNaN(t)) {
                            continue;
                        }
                    }
                    if (t <= captureEnd) { // a change after it no capture shows
                        changes.add(new double[] {t, half, i});
                        if (half == 0 && ownLag > 0 && t + ownLag <= captureEnd) {
                            changes.add(new double[] {t + ownLag, 2, -1});
                        }
                    }
                }
            }
            changes.sort((x, y) -> x[0] != y[0] ? Double.compare(x[0], y[0]) : Double.compare(x[1], y[1]));
            String[] entry = new String[2]; // "state version", null when absent
            Map<String, Double> ownLeft = new HashMap<>(); // what the owner held before, and when it stopped
            double since = -1;
            for (double[] change : changes) {
                int half = (int) change[1];
                if (half < 2) {
                    JsonNode at = c.get(half == 0 ? "own" : "peer").get((int) change[2]);
                    String state = at.get(1).asText();
                    if (half == 0 && entry[0] != null) {
                        ownLeft.put(entry[0], change[0]);
                    }
                    entry[half] = Set.of("CLOSED", "RESET", "REMOVED").contains(state) ? null
                            : state + " " + at.get(2).asLong();
                }
                Double heldUntil = entry[1] == null ? null : ownLeft.get(entry[1]);
                boolean lagging = heldUntil != null && change[0] - heldUntil < ownLag;
                boolean differ = entry[0] != null && !entry[0].equals(entry[1]) && !lagging;
                if (differ && since < 0) {
                    since = change[0];
                } else if (!differ && since >= 0) {
                    if (change[0] - since > grace) {
                        diverged.add(key);
                    }
                    since = -1;
                }
            }
            // still differing at the end: surely only if it began a margin before the last frame, since the change
            // that began it may leave after the coalescer's delay, past the capture's end
            if (since >= 0 && captureEnd - since >= endMargin) {
                diverged.add(key);
            }
        }
        return diverged;
    }

    /** No frame lost on the link (a partition loses frames on a lossless link too). */
    private static boolean everyFrameDelivered(JsonNode truth) {
        for (JsonNode r : truth.get("requests")) {
            for (String sends : new String[] {"sends", "replies"}) {
                for (JsonNode s : r.get(sends)) {
                    if (!s.get("fate").asText().equals("delivered")) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Whether the first reply delivered came within the timeout of the latest send before it, by frame times. Over
     * rUDP, of the sends whose DATA the reply's ACK shows the replier had taken when it replied (spec §2: the ACK counts
     * what its sender consumed), when any: a reply leaving just after a resend it had not yet received answers an
     * earlier copy.
     */
    private static boolean repliedWithinTimeoutOfASend(JsonNode request, Map<Long, Long> frameTimes,
                                                      Map<Long, int[]> rudpNumbers, double timeout) {
        long reply = Long.MAX_VALUE;
        for (JsonNode r : request.get("replies")) {
            if (r.get("fate").asText().equals("delivered") && !r.get("frame").isNull()) {
                reply = Math.min(reply, r.get("frame").asLong());
            }
        }
        long latest = -1;
        long latestTaken = -1;
        int[] replyNumbers = rudpNumbers.get(reply);
        for (JsonNode send : request.get("sends")) {
            JsonNode frame = send.get("frame");
            if (!frame.isNull() && frame.asLong() < reply) {
                latest = Math.max(latest, frame.asLong());
                int[] sendNumbers = rudpNumbers.get(frame.asLong());
                if (replyNumbers != null && sendNumbers != null
                        && TransportChannel.ahead(replyNumbers[1], sendNumbers[0])) {
                    latestTaken = Math.max(latestTaken, frame.asLong());
                }
            }
        }
        if (latestTaken >= 0) {
            latest = latestTaken;
        }
        return reply != Long.MAX_VALUE && latest >= 0
                && frameTimes.get(reply) - frameTimes.get(latest) <= Math.round(timeout * 1e9);
    }

    /**
     * Whether the sender took its first reply (answered_s: over rUDP, when the reply's DATA arrived in order, as two
     * taps show it) within the timeout of the latest send before then, by frame times.
     */
    private static boolean answeredWithinTimeoutOfASend(JsonNode request, Map<Long, Long> frameTimes,
                                                        double timeout) {
        return answeredWithinTimeoutOfASend(request, frameTimes, timeout, false);
    }

    /**
     * The same, counting a send of the very nanosecond the sender took the reply as before it or not: the model does
     * both in one instant, and the capture may list either first.
     */
    private static boolean answeredWithinTimeoutOfASend(JsonNode request, Map<Long, Long> frameTimes,
                                                        double timeout, boolean sendsOfThatInstant) {
        if (!request.has("answered_s")) {
            return false;
        }
        long answered = Math.round(request.get("answered_s").asDouble() * 1e9);
        long latest = Long.MIN_VALUE;
        for (JsonNode send : request.get("sends")) {
            JsonNode frame = send.get("frame");
            long sent = frame.isNull() ? Long.MAX_VALUE : frameTimes.get(frame.asLong());
            if (sent < answered || sendsOfThatInstant && sent == answered) {
                latest = Math.max(latest, frameTimes.get(frame.asLong()));
            }
        }
        return latest != Long.MIN_VALUE && answered - latest <= Math.round(timeout * 1e9);
    }

    /** The requests (by first copy) a DPU that failed sent within a timeout of its last packet. */
    private static Set<Long> sentWhileDying(JsonNode truth, Map<Long, Long> frameTimes, long timeout,
                                            Map<Long, Long> copyOf) {
        Set<Long> dying = new TreeSet<>();
        for (JsonNode f : truth.get("failovers")) {
            String dpu = f.get("dpu").asText();
            long last = Math.round(f.get("time").asDouble() * 1e9);
            for (JsonNode r : truth.get("requests")) {
                long frame = r.get("frame").asLong();
                if (r.get("from").asText().equals(dpu) && frameTimes.containsKey(frame)
                        && last - latestSend(r, frameTimes) < timeout) {
                    dying.add(copyOf.getOrDefault(frame, frame));
                }
            }
        }
        return dying;
    }

    /**
     * Whether the capture shows a reply reach the request's sender: with two taps, the sender took one before the last
     * frame (a reply still on its way at the end shows nothing); with one tap, one delivered left (as the tap sees it).
     */
    private static boolean replyShownDelivered(JsonNode request, boolean twoTaps, long captureEnd) {
        if (twoTaps) {
            return request.has("answered_s") && Math.round(request.get("answered_s").asDouble() * 1e9) <= captureEnd;
        }
        for (JsonNode r : request.get("replies")) {
            if (r.get("fate").asText().equals("delivered")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether, over rUDP, the request's first reply left in a DATA its requester's last ACK (sent at least 10 ms after
     * it) never passed, its replier having failed: the capture shows it never taken.
     */
    private static boolean replyNeverTaken(JsonNode request, JsonNode truth, Set<String> failed,
                                           Map<Long, int[]> rudpNumbers, Map<String, long[]> lastAcks,
                                           Map<Long, Long> frameTimes) {
        String requester = request.get("from").asText();
        String replier = null;
        for (JsonNode d : truth.get("dpus")) {
            String address = d.isTextual() ? d.asText() : d.get("address").asText();
            if (!address.equals(requester)) {
                replier = address;
            }
        }
        if (replier == null || !failed.contains(replier) || request.get("replies").isEmpty()) {
            return false;
        }
        long firstReply = Long.MAX_VALUE;
        for (JsonNode reply : request.get("replies")) {
            firstReply = Math.min(firstReply, reply.get("frame").asLong());
        }
        int[] numbers = rudpNumbers.get(firstReply);
        long[] last = lastAcks.get(requester + ">" + replier);
        if (numbers == null || last == null || last[0] - frameTimes.get(firstReply) < 10_000_000L) {
            return false;
        }
        int passedBy = Math.floorMod((int) last[1] - numbers[0], 1 << 24);
        return passedBy == 0 || passedBy >= 1 << 23; // the ACK (next expected) is not past the reply's number
    }

    /** Per direction ("source>destination"), the last rUDP header's time and ACK in the capture. */
    private static Map<String, long[]> lastAcks(byte[] capture) throws Exception {
        Map<String, long[]> last = new HashMap<>();
        eachFrame(capture, (number, time, bytes) -> {
            int[] at = ipAndUdp(bytes);
            int transport = udpPayload(bytes);
            if (at == null || transport <= 0 || transport + 8 > bytes.length || bytes[transport] > 2) {
                return;
            }
            int half = at[1] / 2;
            String source = java.net.InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, at[0],
                    at[0] + half)).getHostAddress();
            String destination = java.net.InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes,
                    at[0] + half, at[0] + at[1])).getHostAddress();
            last.put(source + ">" + destination, new long[] {time, uint24(bytes, transport + 5)});
        });
        return last;
    }

    /** One frame of a capture: its number, time and a copy of its bytes. */
    private interface FrameCopy {
        void frame(long number, long time, byte[] bytes) throws Exception;
    }

    /** Each frame of the capture, in order, as a copy of its bytes. */
    private static void eachFrame(byte[] capture, FrameCopy each) throws Exception {
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(capture), "model")) {
            Frame f = new Frame();
            while (r.next(f)) {
                byte[] bytes = new byte[f.capturedLength()];
                f.buffer().get(f.offset(), bytes);
                each.frame(f.number(), f.timeNanos(), bytes);
            }
        }
    }

    /** When the request last went out, as the capture shows it. */
    private static long latestSend(JsonNode request, Map<Long, Long> frameTimes) {
        long latest = Long.MIN_VALUE;
        for (JsonNode send : request.get("sends")) {
            JsonNode frame = send.get("frame");
            if (!frame.isNull()) {
                latest = Math.max(latest, frameTimes.get(frame.asLong()));
            }
        }
        return latest;
    }

    /**
     * One tap sees every frame as sent, not whether it arrived: a hold is released when a reply is on the wire within
     * the timeout of the latest send before it, late when after, and otherwise expired — or open at the end, as the
     * truth says it.
     */
    private static String asTheWireShowsIt(JsonNode request, Map<Long, Long> frameTimes, double timeout,
                                           String truthOutcome) {
        long firstReply = Long.MAX_VALUE;
        for (JsonNode reply : request.get("replies")) {
            firstReply = Math.min(firstReply, reply.get("frame").asLong());
        }
        if (firstReply == Long.MAX_VALUE) {
            return truthOutcome.equals("open_at_end") ? truthOutcome : "expired";
        }
        long latestSend = -1;
        for (JsonNode send : request.get("sends")) {
            long f = send.get("frame").asLong();
            if (f < firstReply) {
                latestSend = Math.max(latestSend, f);
            }
        }
        long elapsed = frameTimes.get(firstReply) - frameTimes.get(latestSend);
        return elapsed <= Math.round(timeout * 1e9) ? "released" : "late";
    }

    /**
     * Whether the owner of the connection (key as {@link #key(Connection)} makes it) closed it with no frame showing
     * it, while its peer held a copy or before a late one came (anyCopy: whether or not it held one).
     */
    /** The connections whose peer never held a copy in the truth. */
    private static Set<String> neverCopied(JsonNode truth, Map<Integer, String> keys) {
        Set<String> never = new TreeSet<>();
        for (JsonNode c : truth.get("connections")) {
            if (c.get("peer").isEmpty()) {
                never.add(keys.get(c.get("id").asInt()));
            }
        }
        return never;
    }

    /** The connections that a request without Q carried in a send the truth marks lost. */
    private static Set<String> carriedByLostRequestsWithoutQ(byte[] capture, JsonNode truth) throws Exception {
        Set<Long> lost = new HashSet<>();
        for (JsonNode r : truth.get("requests")) {
            for (JsonNode send : r.get("sends")) {
                if (!r.get("reply_requested").asBoolean() && send.get("fate").asText().equals("lost")) {
                    lost.add(send.get("frame").asLong());
                }
            }
        }
        Set<String> carried = new TreeSet<>();
        io.hascope.event.SyncEventSink sink = new io.hascope.event.SyncEventSink() {
            @Override
            public void onMessage(io.hascope.event.SyncPacket p, io.hascope.event.SyncMessage m) {
                if (!p.isReply() && m.hasConnection && lost.contains(p.frameNumber)) {
                    carried.add(key(m.protocol, m.vnet, m.source + ":" + m.sourcePort,
                            m.destination + ":" + m.destinationPort));
                }
            }
        };
        decodeAll(capture, sink);
        return carried;
    }

    private static boolean closedOffTheWireBeforeItsCopyWent(JsonNode truth, Map<Integer, String> keys,
                                                             String connection, boolean anyCopy) {
        for (JsonNode c : truth.get("connections")) {
            if (!keys.get(c.get("id").asInt()).equals(connection)) {
                continue;
            }
            JsonNode own = c.get("own");
            JsonNode last = own.get(own.size() - 1);
            String state = last.get(1).asText();
            if (!state.equals("CLOSED") && !state.equals("RESET")) {
                return false;
            }
            double closedAt = last.get(0).asDouble();
            String copy = "REMOVED";
            boolean heldAfter = false; // made, or made again, after the close (a late copy of an earlier update)
            for (JsonNode change : c.get("peer")) {
                if (change.get(0).asDouble() <= closedAt) {
                    copy = change.get(1).asText();
                } else {
                    heldAfter |= !change.get(1).asText().equals("REMOVED");
                }
            }
            boolean closedOnTheWire = false;
            for (JsonNode z : truth.get("zombies")) {
                JsonNode frame = z.get("close_frame");
                closedOnTheWire |= z.get("connection").asInt() == c.get("id").asInt() && frame != null
                        && !frame.isNull();
            }
            return (anyCopy || !copy.equals("REMOVED") || heldAfter) && !closedOnTheWire;
        }
        return false;
    }

    private static Seen analyse(byte[] capture, AnalysisConfig config) throws Exception {
        Map<Long, String> holds = new HashMap<>();
        Map<Long, long[]> told = new HashMap<>();
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(capture), "model")) {
            Analyzer analyzer = new Analyzer(config).onHolds((frame, time, dpu, peer, packets,
                    connection, replyFrame, replyNanos, resends, outcome, end) -> {
                holds.put(frame, packets + " " + outcome.replace("open", "open_at_end"));
                told.put(frame, new long[] {time, end, packets, replyNanos});
            });
            CaptureAnalysis.run(r, DissectorConfig.defaults(), analyzer, Long.MAX_VALUE, Long.MAX_VALUE);
            return new Seen(analyzer.result("model"), holds, told);
        }
    }

    /**
     * The scorecard's hold figures are those of the holds as the listener last told them (a release taken back is
     * told again, expired): the count of each outcome, which add up to those opened, the reply times of the answered
     * ones, within the histogram's bucket, and the most in flight at once.
     */
    private static void assertFiguresAreThoseOfTheHoldsTold(Seen seen) {
        Map<String, Object> figures = seen.result().holds();
        Map<String, Long> byOutcome = new TreeMap<>();
        for (String h : seen.holds().values()) {
            String[] countAndOutcome = h.split(" ");
            byOutcome.merge(countAndOutcome[1], Long.parseLong(countAndOutcome[0]), Long::sum);
        }
        long opened = 0;
        for (String outcome : List.of("released", "late", "expired", "open_at_end")) {
            long counted = ((Number) figures.get(outcome)).longValue();
            assertEquals(counted, byOutcome.getOrDefault(outcome, 0L), outcome + " holds against the holds told");
            opened += counted;
        }
        assertEquals(((Number) figures.get("opened")).longValue(), opened, "holds opened against their outcomes");
        List<Long> replyTimes = new ArrayList<>();
        List<long[]> events = new ArrayList<>();
        for (long[] h : seen.told().values()) {
            if (h[3] >= 0) {
                replyTimes.add(h[3]);
            }
            events.add(new long[] {h[0], h[2]});
            events.add(new long[] {h[1], -h[2]});
        }
        events.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        long live = 0;
        long peak = 0;
        for (long[] e : events) {
            live += e[1];
            peak = Math.max(peak, live);
        }
        assertEquals(peak, ((Number) figures.get("peak_in_flight")).longValue(), "peak in flight against the holds told");
        java.util.Collections.sort(replyTimes);
        @SuppressWarnings("unchecked")
        Map<String, Object> times = (Map<String, Object>) figures.get("reply_time_ms");
        int n = replyTimes.size();
        long[] exact = n == 0 ? new long[4] : new long[] {replyTimes.get(0),
                replyTimes.get((int) Math.ceil(0.5 * n) - 1), replyTimes.get((int) Math.ceil(0.99 * n) - 1),
                replyTimes.get(n - 1)};
        String[] names = {"min", "p50", "p99", "max"};
        for (int i = 0; i < 4; i++) {
            double reported = ((Number) times.get(names[i])).doubleValue() * 1e6;
            assertTrue(Math.abs(reported - exact[i]) <= Math.max(2, exact[i] / 256.0),
                    "reply time " + names[i] + ": " + reported + " ns against " + exact[i] + " ns of the holds told");
        }
    }

    /**
     * Each frame's first byte-for-byte copy (itself when it has none): the same addresses and UDP payload. Over rUDP
     * the payload is taken after the transport's 8-byte header, whose DATA number and ACK tell nothing of which
     * request a reply answers: reply matching never reads them. With two taps over plain UDP, the whole IP packet:
     * the model numbers its packets (IP ID), so the taps tell identical requests apart, and each is judged alone.
     */
    private static Map<Long, Long> firstCopies(byte[] capture, boolean reliable, boolean twoTaps) throws Exception {
        Map<Long, Long> copyOf = new HashMap<>();
        Map<String, Long> first = new HashMap<>();
        eachFrame(capture, (number, time, bytes) -> {
            String key = java.util.HexFormat.of().formatHex(twoTaps && !reliable && bytes.length > 14
                    ? java.util.Arrays.copyOfRange(bytes, 14, bytes.length) : withoutTransportHeader(bytes, reliable));
            copyOf.put(number, first.computeIfAbsent(key, k -> number));
        });
        return copyOf;
    }

    /**
     * What makes two frames copies of one request: an Ethernet frame's IP addresses and UDP payload, less rUDP's header
     * when reliable (the frame itself when it is not IP). Not the IP header, whose ID numbers each packet a sender's
     * stack sends (the same request sent twice is two packets) and stays with a copy the network makes.
     */
    private static byte[] withoutTransportHeader(byte[] frame, boolean reliable) {
        int[] at = ipAndUdp(frame);
        int payload = at == null ? -1 : at[2] + (reliable ? 16 : 8);
        if (at == null || payload > frame.length) {
            return frame;
        }
        byte[] key = new byte[at[1] + frame.length - payload];
        System.arraycopy(frame, at[0], key, 0, at[1]);
        System.arraycopy(frame, payload, key, at[1], frame.length - payload);
        return key;
    }

    /** Where an Ethernet frame's UDP payload starts, or -1 when it is not IP. */
    private static int udpPayload(byte[] frame) {
        int[] at = ipAndUdp(frame);
        return at == null ? -1 : at[2] + 8;
    }

    /** An Ethernet frame's IP addresses' offset and length and its UDP header's offset; null when it is not IP. */
    private static int[] ipAndUdp(byte[] frame) {
        int etherType = (frame.length >= 14 ? (frame[12] & 0xff) << 8 | frame[13] & 0xff : 0);
        int ip = 14;
        if (etherType == 0x0800 && frame.length >= ip + 20) {
            return new int[] {ip + 12, 8, ip + (frame[ip] & 0x0f) * 4};
        } else if (etherType == 0x86dd && frame.length >= ip + 40) {
            return new int[] {ip + 8, 32, ip + 40};
        }
        return null;
    }

    private static Map<Long, String> byFirstCopy(Map<Long, String> holds, Map<Long, Long> copyOf) {
        Map<Long, String> byCopy = new TreeMap<>();
        for (Map.Entry<Long, String> e : new TreeMap<>(holds).entrySet()) {
            byCopy.merge(copyOf.getOrDefault(e.getKey(), e.getKey()), e.getValue(), (a, b) -> a + " + " + b);
        }
        byCopy.replaceAll((k, v) -> String.join(" + ", sorted(v)));
        return byCopy;
    }

    private static List<String> sorted(String holds) {
        List<String> each = new ArrayList<>(List.of(holds.split(" \\+ ")));
        java.util.Collections.sort(each);
        return each;
    }

    /**
     * The connections the capture shows, decoded without the analysis, established by a sync message (the
     * ESTABLISHED state, or a carried segment with ACK and neither SYN, FIN nor RST).
     */
    private static Set<String> establishedOnTheWire(byte[] capture) throws Exception {
        Set<String> established = new TreeSet<>();
        io.hascope.event.SyncEventSink sink = new io.hascope.event.SyncEventSink() {
            @Override
            public void onMessage(io.hascope.event.SyncPacket p, io.hascope.event.SyncMessage m) {
                boolean carried = m.tcpFlags >= 0;
                if (m.hasConnection && (m.connectionState == 3 || carried && (m.tcpFlags & 0x17) == 0x10)) {
                    established.add(key(m.protocol, m.vnet, m.source + ":" + m.sourcePort,
                            m.destination + ":" + m.destinationPort));
                }
            }
        };
        decodeAll(capture, sink);
        return established;
    }

    /** When each version of a connection first left in a request, by "key vN". */
    private record WireTimes(Map<String, Long> versions) {
        /**
         * When the owner's change of key to version, made at t (s), first showed on the wire (s): no earlier than the
         * frame that carried it; NaN if none did (merged into a later change, in the coalescer at the capture's end,
         * or queued to the end behind a full rUDP window).
         */
        double shown(String key, long version, double t) {
            Long at = versions.get(key + " v" + version);
            return at == null ? Double.NaN : Math.max(t, at / 1e9);
        }
    }

    private static WireTimes wireTimes(byte[] capture) throws Exception {
        Map<String, Long> versions = new HashMap<>();
        io.hascope.event.SyncEventSink sink = new io.hascope.event.SyncEventSink() {
            @Override
            public void onMessage(io.hascope.event.SyncPacket p, io.hascope.event.SyncMessage m) {
                if (!p.isReply() && m.hasConnection) {
                    versions.putIfAbsent(key(m.protocol, m.vnet, m.source + ":" + m.sourcePort,
                            m.destination + ":" + m.destinationPort) + " v" + m.version, p.timeNanos);
                }
            }
        };
        decodeAll(capture, sink);
        return new WireTimes(versions);
    }

    /** Each hasync packet's time, role and term, by the address of the DPU that sent it. */
    private static Map<String, List<long[]>> rolesOnTheWire(byte[] capture) throws Exception {
        Map<String, List<long[]>> roles = new HashMap<>();
        io.hascope.event.SyncEventSink sink = new io.hascope.event.SyncEventSink() {
            @Override
            public void onPacketStart(io.hascope.event.SyncPacket p) {
                if (p.dialect == io.hascope.event.Dialect.HASYNC) {
                    roles.computeIfAbsent(p.source.toString(), k -> new ArrayList<>())
                            .add(new long[] {p.timeNanos, p.role, p.term});
                }
            }
        };
        decodeAll(capture, sink);
        return roles;
    }

    /** Decodes every frame of the capture, without the analysis, into sink. */
    private static void decodeAll(byte[] capture, io.hascope.event.SyncEventSink sink) throws Exception {
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(capture), "model")) {
            io.hascope.decode.Dissector d = new io.hascope.decode.Dissector(DissectorConfig.defaults());
            Frame f = new Frame();
            while (r.next(f)) {
                d.dissect(f, io.hascope.field.FieldSink.NONE, sink);
            }
        }
    }

    /**
     * The connections a failed DPU last reported ESTABLISHED, then changed between its last packet and its failure's
     * detection: no frame carried that change, so the analysis judges them by ESTABLISHED (a copy not established
     * breaks them), where the truth judges by the change it never sent (a FIN in the coalescer as it died). The
     * change need not come after its last packet: one made just before, kept back by the coalescer while other
     * packets left, never left either; the wire tells (left: the last version that left was ESTABLISHED).
     */
    private static Set<String> establishedAsLastReported(JsonNode truth, Map<Integer, String> connections,
                                                         WireTimes left) {
        Set<String> judged = new TreeSet<>();
        // a refresh sender reports a change only at the connection's next refresh: one made within a refresh period of
        // its last packet may never have been on the wire
        JsonNode refreshEvery = truth.get("model").get("refresh_every_s");
        double unreported = refreshEvery == null ? 0 : refreshEvery.asDouble();
        for (JsonNode f : truth.get("failovers")) {
            double lastPacket = f.get("time").asDouble();
            double detected = f.get("detected").asDouble();
            for (JsonNode c : truth.get("connections")) {
                if (!c.get("owner").asText().equals(f.get("dpu").asText())) {
                    continue;
                }
                String key = connections.get(c.get("id").asInt());
                if (establishedThenChanged(c.get("own"), lastPacket - unreported, lastPacket, detected)
                        || lastLeftEstablishedThenChanged(c.get("own"), key, left, detected)) {
                    judged.add(key);
                }
            }
        }
        return judged;
    }

    /**
     * Whether the last of an owner's changes before detected that left on the wire made it ESTABLISHED, and a later
     * change that never left came before detected. (The history goes on past the failure, its versions counted
     * anew.)
     */
    private static boolean lastLeftEstablishedThenChanged(JsonNode own, String key, WireTimes left, double detected) {
        int lastLeft = -1;
        for (int i = 0; i < own.size() && own.get(i).get(0).asDouble() < detected; i++) {
            if (!Double.isNaN(left.shown(key, own.get(i).get(2).asLong(), 0))) {
                lastLeft = i;
            }
        }
        return lastLeft >= 0 && lastLeft + 1 < own.size() && own.get(lastLeft).get(1).asText().equals("ESTABLISHED")
                && own.get(lastLeft + 1).get(0).asDouble() < detected;
    }

    /**
     * Whether an owner's history was ESTABLISHED at some time in [from, to] (when it may last have been reported) and
     * changed after that, before detected.
     */
    private static boolean establishedThenChanged(JsonNode own, double from, double to, double detected) {
        boolean established = false;
        boolean changedSince = false;
        for (JsonNode change : own) {
            double t = change.get(0).asDouble();
            boolean isEstablished = change.get(1).asText().equals("ESTABLISHED");
            if (t <= from) {
                established = isEstablished;
            } else if (t <= to && isEstablished) {
                established = true;
            } else if (t < detected && established) {
                changedSince = true;
            }
        }
        return established && changedSince;
    }

    private static String ownerOf(JsonNode truth, int connection) {
        for (JsonNode c : truth.get("connections")) {
            if (c.get("id").asInt() == connection) {
                return c.get("owner").asText();
            }
        }
        return "";
    }

    /** The members of some that all lacks. */
    private static Set<String> without(Set<String> some, Set<String> all) {
        Set<String> extra = new TreeSet<>(some);
        extra.removeAll(all);
        return extra;
    }

    /** "key ×n" for each key: a multiset as a set. */
    private static Set<String> counted(Map<String, Integer> counts) {
        Set<String> out = new TreeSet<>();
        counts.forEach((k, n) -> out.add(n == 1 ? k : k + " ×" + n));
        return out;
    }

    /** Each rUDP DATA frame's SEQ and ACK numbers, by frame number. */
    private static Map<Long, int[]> rudpNumbers(byte[] capture) throws Exception {
        Map<Long, int[]> numbers = new HashMap<>();
        eachFrame(capture, (number, time, bytes) -> {
            int transport = udpPayload(bytes);
            if (transport > 0 && transport + 8 <= bytes.length && bytes[transport] == 0) {
                numbers.put(number, new int[] {uint24(bytes, transport + 1), uint24(bytes, transport + 5)});
            }
        });
        return numbers;
    }

    private static int uint24(byte[] b, int at) {
        return (b[at] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | b[at + 2] & 0xff;
    }

    private static Map<Long, Long> frameTimes(byte[] capture) throws Exception {
        Map<Long, Long> times = new HashMap<>();
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(capture), "model")) {
            Frame f = new Frame();
            while (r.next(f)) {
                times.put(f.number(), f.timeNanos());
            }
        }
        return times;
    }

    /** The truth's connections by id, as keys: protocol, VNET, then both endpoints in order. */
    private static Map<Integer, String> connections(JsonNode truth) {
        Map<Integer, String> byId = new HashMap<>();
        for (JsonNode c : truth.get("connections")) {
            JsonNode k = c.get("connection");
            byId.put(c.get("id").asInt(), key(k.get("proto").asInt(), k.get("vnet").asInt(),
                    k.get("src").asText() + ":" + k.get("srcport").asInt(),
                    k.get("dst").asText() + ":" + k.get("dstport").asInt()));
        }
        return byId;
    }

    private static String key(Connection c) {
        return key(c.protocol(), c.vnet(), c.source() + ":" + c.srcPort(), c.destination() + ":" + c.dstPort());
    }

    private static String key(int protocol, int vnet, String a, String b) {
        return protocol + "/" + vnet + "/" + (a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a);
    }

    private static Set<String> keys(List<Finding> findings) {
        Set<String> keys = new TreeSet<>();
        for (Finding f : findings) {
            keys.add(key(f.connection()));
        }
        return keys;
    }

    /** Equal sets, or a failure naming only what differs. */
    private static void assertSame(Set<String> expected, Set<String> actual, String what) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        assertTrue(missing.isEmpty() && extra.isEmpty(), what + ": in the truth only " + first(missing)
                + ", in the analysis only " + first(extra));
    }

    /** Equal maps, or a failure naming only the keys whose values differ. */
    private static void assertSame(Map<Long, String> expected, Map<Long, String> actual, String what) {
        Set<Long> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        List<String> differ = new ArrayList<>();
        for (long k : keys) {
            if (!java.util.Objects.equals(expected.get(k), actual.get(k))) {
                differ.add(k + ": truth " + expected.get(k) + ", analysis " + actual.get(k));
            }
        }
        assertTrue(differ.isEmpty(), what + ": " + differ.size() + " differ " + first(differ));
    }

    private static List<String> first(java.util.Collection<String> items) {
        return items.stream().limit(10).toList();
    }
}
