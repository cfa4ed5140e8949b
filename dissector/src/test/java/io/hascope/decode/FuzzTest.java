package io.hascope.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hascope.capture.Frame;
import io.hascope.capture.LinkType;
import io.hascope.event.SyncEventSink;
import io.hascope.event.SyncMessage;
import io.hascope.event.SyncPacket;
import io.hascope.field.ExpertKind;
import io.hascope.field.FieldTree;
import io.hascope.gen.SampleCapture;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.PcapngWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 120,000 seeded mutations of real sync frames (bit flips, byte overwrites, truncations, length-field lies,
 * splices) go through the dissector with both sinks: nothing may escape it, no frame may take it into a loop, and
 * the internal safety net (the dissector_bug finding) must never fire.
 */
class FuzzTest {
    static final int MUTANTS = 120_000;

    @Test
    void mutatedFramesNeverBreakTheDissector() throws Exception {
        List<byte[]> seeds = seeds();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            SplittableRandom random = new SplittableRandom(20261126);
            Dissector dissector = new Dissector(DissectorConfig.defaults());
            FieldTree tree = new FieldTree();
            SyncEventSink touching = new SyncEventSink() {
                long sum;

                @Override
                public void onMessage(SyncPacket p, SyncMessage m) {
                    sum += m.source.hashCode() + m.version + p.opaqueLength;
                }
            };
            int[] linkTypes = {LinkType.ETHERNET, LinkType.ETHERNET, LinkType.ETHERNET, LinkType.RAW,
                    LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL};
            List<String> bugs = new ArrayList<>();
            Frame frame = new Frame();
            for (int n = 0; n < MUTANTS; n++) {
                byte[] seed = seeds.get(random.nextInt(seeds.size()));
                byte[] mutant = mutate(seed, random, seeds);
                int linkType = random.nextInt(10) < 8 ? LinkType.ETHERNET : linkTypes[random.nextInt(linkTypes.length)];
                int captured = random.nextInt(8) == 0 ? random.nextInt(mutant.length + 1) : mutant.length;
                frame.set(ByteBuffer.wrap(mutant), 0, captured, mutant.length + random.nextInt(3), n, linkType, n + 1);
                dissector.dissect(frame, tree, touching);
                if (tree.has(ExpertKind.DISSECTOR_BUG.field())) {
                    bugs.add("mutant " + n + ": " + hex(mutant, captured));
                }
                dissector.dissect(frame, io.hascope.field.FieldSink.NONE, touching);
            }
            assertEquals(List.of(), bugs.subList(0, Math.min(5, bugs.size())));
        });
    }

    @Test
    void mutatedFramesNeverBreakTheAnalysisFedFromThem() throws Exception {
        List<byte[]> seeds = seeds();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            SplittableRandom random = new SplittableRandom(20261127);
            Dissector dissector = new Dissector(DissectorConfig.defaults());
            io.hascope.analysis.Analyzer analyzer = new io.hascope.analysis.Analyzer(
                    new io.hascope.analysis.AnalysisConfig());
            FieldTree tree = new FieldTree();
            List<String> bugs = new ArrayList<>();
            Frame frame = new Frame();
            for (int n = 0; n < MUTANTS / 4; n++) {
                byte[] mutant = mutate(seeds.get(random.nextInt(seeds.size())), random, seeds);
                // a millisecond apart, so windows, timeouts and silences all come into play
                frame.set(ByteBuffer.wrap(mutant), 0, mutant.length, mutant.length, n * 1_000_000L, LinkType.ETHERNET,
                        n + 1);
                dissector.dissect(frame, tree, analyzer);
                if (tree.has(ExpertKind.DISSECTOR_BUG.field())) {
                    bugs.add("mutant " + n + ": " + hex(mutant, mutant.length));
                }
            }
            io.hascope.analysis.AnalysisResult r = analyzer.result("fuzz");
            r.counts();
            r.holds();
            r.scorecard();
            assertEquals(List.of(), bugs.subList(0, Math.min(5, bugs.size())), "an exception in the analysis would"
                    + " surface as a dissector bug");
        });
    }

    private static List<byte[]> seeds() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, "fuzz")) {
            SampleCapture.write(w);
        }
        List<byte[]> seeds = new ArrayList<>();
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(out.toByteArray()), "sample")) {
            Frame f = new Frame();
            while (r.next(f)) {
                seeds.add(f.copyBytes());
            }
        }
        return seeds;
    }

    static byte[] mutate(byte[] seed, SplittableRandom r, List<byte[]> seeds) {
        byte[] b = seed.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            switch (r.nextInt(6)) {
                case 0 -> {
                    int i = r.nextInt(b.length);
                    b[i] ^= (byte) (1 << r.nextInt(8));
                }
                case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                case 2 -> {
                    // a length or count field lies: prefer the hasync/rUDP/DASH header region
                    int i = Math.min(b.length - 1, 42 + r.nextInt(24));
                    b[i] = (byte) (r.nextBoolean() ? 0xff : r.nextInt(256));
                }
                case 3 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
                case 4 -> {
                    byte[] other = seeds.get(r.nextInt(seeds.size()));
                    int cut = r.nextInt(b.length + 1);
                    int from = r.nextInt(other.length + 1);
                    byte[] spliced = new byte[cut + other.length - from];
                    System.arraycopy(b, 0, spliced, 0, cut);
                    System.arraycopy(other, from, spliced, cut, other.length - from);
                    b = spliced;
                }
                default -> {
                    int i = r.nextInt(b.length);
                    int len = Math.min(b.length - i, 1 + r.nextInt(8));
                    for (int k = 0; k < len; k++) {
                        b[i + k] = 0;
                    }
                }
            }
        }
        return b;
    }

    private static String hex(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(String.format("%02x", b[i]));
        }
        return sb.toString();
    }
}
