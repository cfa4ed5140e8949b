package io.hascope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.analysis.AnalysisConfig;
import io.hascope.analysis.AnalysisResult;
import io.hascope.analysis.Analyzer;
import io.hascope.analysis.CaptureAnalysis;
import io.hascope.analysis.Finding;
import io.hascope.analysis.FindingType;
import io.hascope.analysis.NamedTaps;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.capture.LinkType;
import io.hascope.capture.MergingReader;
import io.hascope.capture.PcapngWriter;
import io.hascope.decode.DissectorConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Taps named by hand (analysis.md §0, {@code --tap}): a mirror port that misses frames leaving its DPU. Each such
 * frame is still seen arriving at the other DPU's tap, so it was sent and delivered; named taps know an arrival by
 * its destination and count it so, where taps recognised from the capture take it for a departure that never
 * arrived. What no tap saw at all (a frame lost in the channel and missed by its sender's tap) cannot be told from
 * a frame never sent; this test keeps to what can be told.
 */
class NamedTapsTest {
    private static final String A = "192.0.2.1";
    private static final String B = "192.0.2.2";

    /** The capture as read, each frame's interface, time and bytes. */
    private record Written(int iface, long time, byte[] bytes) {
    }

    @ParameterizedTest(name = "{0} mode, {1}")
    @CsvSource({"HOLD, udp", "STATE, udp", "PACKET, udp", "HOLD, rudp"})
    void namedTapsThatSawEveryFrameJudgeAsRecognisedOnes(String mode, String transport) throws Exception {
        ModelHarness h = ModelHarness.run(lossyTwoTaps(mode, transport));
        AnalysisResult recognised = analyze(h.capture, false);
        AnalysisResult named = analyze(h.capture, true);
        assertEquals(recognised.findings(), named.findings());
        assertEquals(recognised.holds(), named.holds());
        assertEquals(recognised.arrivalCopies(), named.arrivalCopies());
        assertEquals(0, named.unseenDepartures());
        assertTrue(named.taps().startsWith("two taps, named (" + A + " at interface 0; " + B + " at interface 1)"),
                named.taps());
    }

    @ParameterizedTest(name = "{0} mode, {1}")
    @CsvSource({"HOLD, udp", "STATE, udp", "PACKET, udp", "HOLD, rudp"})
    void aFrameItsSendersTapMissedStillArrivedAndNothingIsInvented(String mode, String transport) throws Exception {
        ModelHarness h = ModelHarness.run(lossyTwoTaps(mode, transport));
        List<Written> all = read(h.capture);
        Map<Integer, Integer> arrivalOf = arrivals(all);
        // the sender's mirror port misses a tenth of the frames it should see leaving (and that did arrive)
        Random random = new Random(7);
        Set<Integer> missed = new TreeSet<>();
        for (int departure : arrivalOf.keySet()) {
            if (random.nextDouble() < 0.1) {
                missed.add(departure);
            }
        }
        long[] renumbered = new long[all.size() + 1]; // old frame number → the frame that now stands for it
        byte[] thinned = write(all, missed, arrivalOf, renumbered);

        AnalysisResult named = analyze(thinned, true);
        assertEquals(missed.size(), named.unseenDepartures(), "each missed departure is found at its arrival");
        assertNotNull(named.captureLoss(), "and the capture loss is said");
        assertEquals(expectedLostReplies(h, renumbered), lostReplies(named), "lost replies are the truth's");
        assertEquals(expectedZombies(h), zombies(named), "zombies are the truth's");
        AnalysisResult whole = analyze(h.capture, true);
        assertEquals(counts(whole), counts(named), "every finding type counts as when the tap missed nothing");

        // recognised taps take a frame seen only arriving for one that left and never arrived: a lost reply, or a
        // request the peer's table never got; over rUDP the receiver's ACK then shows that it arrived after all
        AnalysisResult recognised = analyze(thinned, false);
        if (transport.equals("rudp")) {
            assertEquals(counts(named), counts(recognised), "the ACKs tell what the taps did not");
            return;
        }
        assertTrue(recognised.findings().size() > named.findings().size(), "recognised taps invent findings: "
                + counts(recognised) + " against " + counts(named));
        if (!mode.equals("STATE")) {
            assertTrue(lostReplies(recognised).containsAll(lostReplies(named))
                            && lostReplies(recognised).size() > lostReplies(named).size(),
                    lostReplies(recognised).size() + " lost replies against " + lostReplies(named).size());
        }
    }

    /**
     * One tap that misses frames (a mirror port under load), on a lossless link: the truth has no lost reply, yet a
     * reply the tap missed is one to the analysis, and a reply whose request it missed is an orphan. Neither can be
     * told from the real thing; what must hold is that each such finding is one a missed frame explains, one for one,
     * and that nothing else appears.
     */
    @ParameterizedTest(name = "{0} mode, {1}, {2} connections/s")
    @CsvSource({"HOLD, udp, 80", "PACKET, udp, 80", "HOLD, rudp, 80", "HOLD, rudp, 1000"})
    void oneTapThatMissesFramesShowsExactlyTheFindingsItsMissesExplain(String mode, String transport, int cps)
            throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.valueOf(mode));
        c.reliable = transport.equals("rudp");
        c.cps = cps; // over rUDP at 1000/s DATA leave close together: one the tap missed makes the next out of order
        ModelHarness h = ModelHarness.run(c);
        List<Written> all = read(h.capture);
        Random random = new Random(11);
        Set<Integer> missed = new TreeSet<>();
        for (int frame = 1; frame <= all.size(); frame++) {
            if (random.nextDouble() < 0.03) {
                missed.add(frame);
            }
        }
        long[] renumbered = new long[all.size() + 1];
        byte[] thinned = write(all, missed, Map.of(), renumbered);
        AnalysisResult a = analyze(thinned, false);
        long firstTime = all.get(0).time();

        Set<String> explainedLost = new TreeSet<>();
        Set<Long> explainedOrphans = new TreeSet<>();
        Set<Integer> portsOfMissedRequests = new TreeSet<>();
        for (Request r : h.run.m.requests) {
            if (r.frames.isEmpty()) {
                continue;
            }
            boolean requestSeen = r.frames.stream().anyMatch(f -> !missed.contains((int) (long) f));
            boolean replySeen = r.replyFrames.stream().anyMatch(f -> !missed.contains((int) (long) f));
            if (!requestSeen) {
                for (Msg m : r.messages) {
                    if (m.flow != null) {
                        portsOfMissedRequests.add(Math.min(m.flow.key.sourcePort(), m.flow.key.destinationPort()));
                    }
                }
            }
            long lastSend = all.get((int) (long) r.frames.get(r.frames.size() - 1) - 1).time();
            boolean openAtEnd = all.get(all.size() - 1).time() - lastSend < new AnalysisConfig().replyTimeout;
            if (r.replyRequested && requestSeen && !replySeen && !openAtEnd) {
                for (Msg m : r.messages) {
                    if (m.flow != null) {
                        explainedLost.add(AnalysisAgainstTruthTest.key(renumbered[(int) (long) r.frames.get(0)],
                                m.flow.key.sourcePort(), m.flow.key.destinationPort()));
                    }
                }
            }
            if (!requestSeen && replySeen) {
                long reply = r.replyFrames.stream().filter(f -> !missed.contains((int) (long) f)).findFirst()
                        .orElseThrow();
                if (all.get((int) reply - 1).time() - firstTime > new AnalysisConfig().replyTimeout) {
                    explainedOrphans.add(renumbered[(int) reply]);
                }
            }
        }
        assertTrue(h.run.holds().stream().noneMatch(x -> x.outcome().equals("expired")), "a lossless link");
        assertTrue(explainedLost.size() > 3 && explainedOrphans.size() > 3, "the misses matter: "
                + explainedLost.size() + " replies, " + explainedOrphans.size() + " requests");
        assertEquals(explainedLost, lostReplies(a), () -> "a lost reply for exactly each reply the tap missed; only"
                + " explained: " + minus(explainedLost, lostReplies(a)) + "; only found: "
                + minus(lostReplies(a), explainedLost));
        assertEquals(explainedOrphans, a.findings().stream().filter(f -> f.type() == FindingType.ORPHAN_REPLY)
                .map(Finding::frame).collect(Collectors.toCollection(TreeSet::new)),
                "an orphan for exactly each reply whose request the tap missed");
        for (Finding f : a.findings()) {
            if (f.type() == FindingType.DIVERGENCE || f.type() == FindingType.ZOMBIE) {
                int port = Math.min(f.connection().srcPort(), f.connection().dstPort());
                assertTrue(portsOfMissedRequests.contains(port), "only where a request was missed: " + f);
            }
        }
        assertTrue(Set.of(FindingType.LOST_REPLY, FindingType.ORPHAN_REPLY, FindingType.DIVERGENCE,
                FindingType.ZOMBIE).containsAll(counts(a).keySet()), "nothing else: " + counts(a));
    }

    /**
     * The model's own mirror ports missing frames (--tap-miss) at both taps of a lossless link, the taps named: a
     * request counts as sent when either tap saw it, a reply as arrived when the requester's tap saw it arrive or,
     * over rUDP, when the replier's tap saw it leave and the requester's ACK then covered it. So the lost replies are
     * exactly the holds of a request seen somewhere whose replies no tap saw arrive (over rUDP: no tap saw at all),
     * and the orphans exactly the replies seen arriving whose request neither tap saw (rare: both taps must miss it);
     * nothing else is lost or orphaned.
     */
    @ParameterizedTest(name = "{0}, {1} connections/s")
    @CsvSource({"udp, 80", "rudp, 80", "rudp, 1000", "dash, 80", "dash, 400"})
    void twoNamedTapsThatMissFramesShowExactlyTheFindingsTheirMissesExplain(String transport, int cps)
            throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.HOLD);
        c.twoTaps = true;
        c.reliable = transport.equals("rudp");
        c.dash = transport.equals("dash"); // no opaque: each ACK goes to the copy its replier's tap showed it answer
        c.tapMiss = 0.05;
        c.cps = cps; // at 1000/s several DATA leave before the requester's next ACK, so one missed arrival hides more
        ModelHarness h = ModelHarness.run(c);
        Tap tap = h.run.m.tap;
        List<Written> all = read(h.capture);
        assertTrue(tap.frames() - tap.written() > 50, "the taps missed frames: " + (tap.frames() - tap.written()));
        Set<String> lostExpected = new TreeSet<>();
        Set<Long> orphansExpected = new TreeSet<>();
        for (Request r : h.run.m.requests) {
            if (r.frames.isEmpty()) {
                continue;
            }
            boolean seen = r.frames.stream().anyMatch(f -> tap.shownAs(f) > 0);
            long replyArrival = r.replyFrames.stream().mapToLong(tap::arrivalOf).filter(a -> a > 0 && tap.wrote(a))
                    .map(tap::shownAs).min().orElse(0);
            // over rUDP the requester's ACK tells that a reply its tap missed arriving did arrive, if one was seen
            boolean replyAcknowledged = c.reliable && r.replyFrames.stream().anyMatch(tap::wrote);
            if (r.replyRequested && seen && replyArrival == 0 && !replyAcknowledged) {
                for (Msg m : r.messages) {
                    if (m.flow != null) {
                        lostExpected.add(AnalysisAgainstTruthTest.key(tap.shownAs(r.frames.get(0)),
                                m.flow.key.sourcePort(), m.flow.key.destinationPort()));
                    }
                }
            }
            // an orphan is named by the frame that carried the reply away (its arrival when no tap saw it leave)
            long replyShown = r.replyFrames.stream().filter(f -> tap.shownAs(f) > 0
                    && (replyAcknowledged || tap.arrivalOf(f) > 0 && tap.wrote(tap.arrivalOf(f))))
                    .mapToLong(tap::shownAs).min().orElse(0);
            if (!seen && replyShown > 0
                    && all.get((int) replyShown - 1).time() - all.get(0).time() > new AnalysisConfig().replyTimeout) {
                orphansExpected.add(replyShown);
            }
        }
        AnalysisResult a = analyze(h.capture, true);
        assertTrue(lostExpected.size() > 3, "the misses matter: " + lostExpected.size());
        assertEquals(lostExpected, lostReplies(a), "lost: each hold seen sent whose reply no tap saw arrive");
        assertEquals(orphansExpected, a.findings().stream().filter(f -> f.type() == FindingType.ORPHAN_REPLY)
                .map(Finding::frame).collect(Collectors.toCollection(TreeSet::new)),
                "orphans: each reply seen arriving whose request no tap saw");
        assertTrue(a.unseenDepartures() > 10, "departures seen only arriving: " + a.unseenDepartures());
        assertEquals(0, counts(a).getOrDefault(FindingType.TRANSPORT_GAP, 0L), "a DATA a tap missed is no gap");
    }

    /**
     * State mode over rUDP, taps that each miss 5 % of their frames, a lossless link. The DATA after one a tap missed
     * look out of order (two taps: as they arrive; one: as they leave), yet they reached the receiver, as its ACK
     * shows; so its table took them, and nothing diverges. (With one tap a DATA it missed is missing from the owner's
     * table as much as from the copy, so it makes no divergence either.) Checked to fail without the ACK's doing.
     */
    @ParameterizedTest(name = "{1} tap(s), seed {0}")
    @CsvSource({"1, both", "2, both", "3, both", "1, one", "2, one", "3, one"})
    void overRudpWhatTheReceiverAcknowledgesReachedItsTableThoughATapMissedIt(long seed, String taps)
            throws Exception {
        ModelConfig c = ModelHarness.small(SenderMode.STATE);
        c.twoTaps = taps.equals("both");
        c.reliable = true;
        c.tapMiss = 0.05;
        c.seed = seed;
        c.cps = 1000; // DATA close enough together that some leave before the receiver's next ACK
        ModelHarness h = ModelHarness.run(c);
        assertTrue(h.run.zombies().isEmpty(), "a lossless link");
        AnalysisResult a = analyze(h.capture, c.twoTaps);
        assertTrue(h.run.m.tap.frames() - h.run.m.tap.written() > 20, "the taps missed frames");
        long lastSecond = Math.round(a.lastTime() * 1e9) - 1_000_000_000L;
        assertEquals(List.of(), a.findings().stream().filter(f -> (f.type() == FindingType.DIVERGENCE
                || f.type() == FindingType.ZOMBIE || f.type() == FindingType.TRANSPORT_GAP)
                && f.timeNanos() < lastSecond).toList(),
                "no divergence, zombie or gap the misses would have made up (what no capture tells apart stays: a"
                        + " probe's reply whose probe a tap missed is an orphan, and in the last second, where the"
                        + " capture ends before the receiver's ACK, a gap is a gap and a DATA judged out of order did"
                        + " not reach the table)");
    }

    private static <T> Set<T> minus(Set<T> a, Set<T> b) {
        Set<T> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static ModelConfig lossyTwoTaps(String mode, String transport) {
        ModelConfig c = ModelHarness.small(SenderMode.valueOf(mode));
        c.twoTaps = true;
        c.reliable = transport.equals("rudp");
        c.loss = 0.05;
        c.burstLength = 2;
        return c;
    }

    private static AnalysisResult analyze(byte[] capture, boolean nameTaps) throws Exception {
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(capture), "model")) {
            Analyzer analyzer = new Analyzer(new AnalysisConfig());
            MergingReader merged = new MergingReader(List.of(r));
            NamedTaps taps = nameTaps ? NamedTaps.parse(List.of(A + "=tap-dpu-a", B + "=1"), List.of(), merged) : null;
            CaptureAnalysis.run(merged, DissectorConfig.defaults(), analyzer, Long.MAX_VALUE, Long.MAX_VALUE, null,
                    null, taps);
            return analyzer.result("model");
        }
    }

    private static List<Written> read(byte[] capture) throws Exception {
        List<Written> all = new ArrayList<>();
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(capture), "model")) {
            Frame f = new Frame();
            while (r.next(f)) {
                all.add(new Written(f.interfaceId(), f.timeNanos(), f.copyBytes()));
            }
        }
        return all;
    }

    /**
     * Frame numbers of departures (left on their sender's interface) → the frame seen arriving at the other one. Only
     * packets sent once: of a packet sent twice byte for byte (an rUDP resend) no tap tells which copy arrived.
     */
    private static Map<Integer, Integer> arrivals(List<Written> all) {
        Map<String, List<Integer>> departures = new HashMap<>();
        Map<String, Integer> arrival = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Written w = all.get(i);
            byte[] ip = Arrays.copyOfRange(w.bytes(), 14, w.bytes().length);
            String key = Arrays.toString(ip);
            boolean leaving = (w.iface() == 0) == (ip[15] == 1); // source 192.0.2.1 on interface 0, .2 on 1
            if (leaving) {
                departures.computeIfAbsent(key, k -> new ArrayList<>()).add(i + 1);
            } else if (departures.containsKey(key)) {
                arrival.putIfAbsent(key, i + 1);
            }
        }
        Map<Integer, Integer> arrivalOf = new HashMap<>();
        departures.forEach((key, frames) -> {
            if (frames.size() == 1 && arrival.containsKey(key)) {
                arrivalOf.put(frames.get(0), arrival.get(key));
            }
        });
        return arrivalOf;
    }

    /**
     * The capture without the missed frames; renumbered maps each old frame to the new number standing for it (a
     * missed departure's arrival; 0 for a frame no tap kept).
     */
    private static byte[] write(List<Written> all, Set<Integer> missed, Map<Integer, Integer> arrivalOf,
                                long[] renumbered) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] newNumber = new long[all.size() + 1];
        try (PcapngWriter w = new PcapngWriter(out, "test")) {
            w.addInterface(LinkType.ETHERNET, 65535, "tap-dpu-a");
            w.addInterface(LinkType.ETHERNET, 65535, "tap-dpu-b");
            long n = 0;
            for (int i = 0; i < all.size(); i++) {
                if (missed.contains(i + 1)) {
                    continue;
                }
                Written f = all.get(i);
                w.write(f.iface(), f.time(), f.bytes());
                newNumber[i + 1] = ++n;
            }
        }
        for (int old = 1; old <= all.size(); old++) {
            Integer arrival = arrivalOf.get(old);
            renumbered[old] = !missed.contains(old) ? newNumber[old] : arrival != null ? newNumber[arrival] : 0;
        }
        return out.toByteArray();
    }

    private static Set<String> expectedLostReplies(ModelHarness h, long[] renumbered) {
        Set<String> expected = new TreeSet<>();
        for (Request r : h.run.m.requests) {
            if (r.replyRequested && !r.frames.isEmpty() && r.givenUp) {
                for (Msg m : r.messages) {
                    if (m.flow != null) {
                        expected.add(AnalysisAgainstTruthTest.key(renumbered[(int) (long) r.frames.get(0)],
                                m.flow.key.sourcePort(), m.flow.key.destinationPort()));
                    }
                }
            }
        }
        return expected;
    }

    private static Set<String> lostReplies(AnalysisResult a) {
        return AnalysisAgainstTruthTest.lostReplies(a);
    }

    private static Set<String> expectedZombies(ModelHarness h) {
        Set<String> expected = new TreeSet<>();
        for (ModelRun.Zombie z : h.run.zombies()) {
            Flow f = h.run.m.flows.get(z.flow() - 1);
            expected.add(Math.min(f.key.sourcePort(), f.key.destinationPort()) + "/"
                    + Math.max(f.key.sourcePort(), f.key.destinationPort()));
        }
        return expected;
    }

    private static Set<String> zombies(AnalysisResult a) {
        return a.findings().stream().filter(f -> f.type() == FindingType.ZOMBIE)
                .map(f -> Math.min(f.connection().srcPort(), f.connection().dstPort()) + "/"
                        + Math.max(f.connection().srcPort(), f.connection().dstPort()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<FindingType, Long> counts(AnalysisResult a) {
        return a.findings().stream().collect(Collectors.groupingBy(Finding::type, Collectors.counting()));
    }
}
