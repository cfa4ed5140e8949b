package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.capture.InterfaceInfo;
import io.hascope.capture.PcapngWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundled capture, damaged as a mirror port and a careless pipeline damage captures — frames dropped, doubled,
 * swapped out of time order, thrown back or forward in time, moved to the other tap, their bytes flipped, overwritten
 * or cut — goes through every output of {@code analyze} and through {@code decode -2}. What must hold: each run ends
 * with the exit code of a run that worked (0, or 1 where a gate trips), says nothing on stderr, and its JSON parses
 * with every finding on a frame of the file. Bad input is data: the damage may change every finding, but never
 * stops the analysis.
 */
class DamagedCapturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(CliRun.sample("sync-basic.pcapng").getParent())) {
            return s.filter(p -> p.toString().endsWith(".pcapng")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aDamagedCaptureIsAnalysedThroughEveryOutputWithoutAFault(Path sample, @TempDir Path dir) throws IOException {
        int[] intensities = {1, 4, 12};
        List<String> copies = new ArrayList<>();
        long allFrames = 0;
        for (int seed = 1; seed <= intensities.length; seed++) {
            Path damaged = dir.resolve(seed + "-" + sample.getFileName());
            int intensity = intensities[seed - 1];
            Damage done = damage(sample, damaged, new SplittableRandom(sample.getFileName().hashCode() * 31L + seed),
                    intensity);
            int frames = done.frames();
            String file = damaged.toString();
            copies.add(file);
            allFrames += frames;
            String what = sample.getFileName() + " damaged " + intensity + "x with seed " + seed + " (" + done + ")";
            assertTrue(done.edits() > 0, what + ": damaged at all");

            CliRun json = worked(what, "analyze", "-q", "-r", file, "--format", "json", "--fail-on", "warn");
            JsonNode report = JSON.readTree(json.out());
            assertEquals(frames, report.get("capture").get("frames").asLong(), what + ": every frame read");
            for (JsonNode f : report.get("findings")) {
                long frame = f.get("frame").asLong();
                assertTrue(frame >= 1 && frame <= frames, what + ": a finding on a frame of the file: " + f);
            }
            worked(what, "analyze", "-q", "-r", file);
            worked(what, "analyze", "-q", "-r", file, "--format", "csv");
            worked(what, "analyze", "-q", "-r", file, "--tables", "--diff");
            worked(what, "analyze", "-q", "-r", file, "--tables", "--at", String.valueOf(frames / 2), "--format",
                    "json");
            worked(what, "analyze", "-q", "-r", file, "--holds", "--format", "csv");
            CliRun decode = worked(what, "decode", "-2", "-r", file, "-T", "fields", "-e", "frame.number", "-e",
                    "hasync.analysis.reply_in", "-e", "hasync.analysis.lost_reply");
            assertEquals(frames, decode.lines().length, what + ": a line per frame");
        }
        // the three copies as one capture: every frame three times over, merged in time order
        CliRun merged = worked(sample.getFileName() + " damaged thrice, as one capture", "analyze", "-q", "--format",
                "json", "-r", copies.get(0), "-r", copies.get(1), "-r", copies.get(2));
        assertEquals(allFrames, JSON.readTree(merged.out()).get("capture").get("frames").asLong());
    }

    private static CliRun worked(String what, String... args) {
        CliRun run = CliRun.run(args);
        String command = what + ": " + String.join(" ", args);
        assertTrue(run.exitCode() == ExitCode.OK || run.exitCode() == ExitCode.GATE,
                command + " ended with " + run.exitCode() + ": " + run.err());
        assertEquals("", run.err(), command);
        assertFalse(run.out().isEmpty(), command + " printed nothing");
        return run;
    }

    /** What a damaged copy holds: its frames, and how many of them each kind of damage touched. */
    record Damage(int frames, int dropped, int mutated, int swapped, int thrownBack, int thrownForward, int otherTap,
                  int doubled) {
        int edits() {
            return dropped + mutated + swapped + thrownBack + thrownForward + otherTap + doubled;
        }
    }

    /**
     * Writes a damaged copy of the capture. Per thousand frames at intensity 1: 20 dropped, 20 mutated, 10 swapped
     * with the next, 3 thrown a second back, 2 ten seconds forward, 10 moved to the other tap (two taps), 20
     * doubled; intensity multiplies each.
     */
    private static Damage damage(Path from, Path to, SplittableRandom random, int intensity) throws IOException {
        List<Frame> frames = new ArrayList<>();
        List<InterfaceInfo> interfaces;
        try (CaptureReader reader = Captures.open(from.toString())) {
            Frame f = new Frame();
            while (reader.next(f)) {
                frames.add(f.detached());
            }
            interfaces = reader.interfaces();
        }
        List<Frame> out = new ArrayList<>();
        int[] done = new int[7];
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            byte[] bytes = f.copyBytes();
            long time = f.timeNanos();
            int tap = f.interfaceId();
            int roll = random.nextInt(1000) / intensity;
            int kind = roll < 20 ? 0 : roll < 40 ? 1 : roll < 50 ? 2 : roll < 53 ? 3 : roll < 55 ? 4 : roll < 65 ? 5
                    : roll < 85 ? 6 : -1;
            if (kind == 2 && i + 1 == frames.size() || kind == 5 && interfaces.size() < 2) {
                kind = -1;
            }
            if (kind >= 0) {
                done[kind]++;
            }
            switch (kind) {
                case 0 -> {
                    continue; // dropped
                }
                case 1 -> bytes = mutated(bytes, random);
                case 2 -> {
                    Frame next = frames.get(++i); // the next frame first, with its own later time
                    out.add(frame(next.copyBytes(), next.timeNanos(), next.interfaceId(), next.linkType()));
                }
                case 3 -> time = Math.max(0, time - 1_000_000_000L);
                case 4 -> time += 10_000_000_000L;
                case 5 -> tap = 1 - Math.min(tap, 1);
                default -> {
                }
            }
            out.add(frame(bytes, time, tap, f.linkType()));
            if (kind == 6) {
                out.add(frame(bytes.clone(), time + random.nextInt(2) * 1_000L, tap, f.linkType()));
            }
        }
        try (PcapngWriter w = new PcapngWriter(to, "hascope damage test")) {
            for (InterfaceInfo i : interfaces) {
                w.addInterface(i.linkType(), 262_144, i.name());
            }
            for (Frame f : out) {
                w.write(f.interfaceId(), f.timeNanos(), f.buffer(), f.offset(), f.capturedLength(),
                        f.originalLength(), null);
            }
        }
        return new Damage(out.size(), done[0], done[1], done[2], done[3], done[4], done[5], done[6]);
    }

    private static Frame frame(byte[] bytes, long time, int tap, int linkType) {
        return new Frame().set(ByteBuffer.wrap(bytes), 0, bytes.length, bytes.length, time, linkType, 0)
                .onInterface(tap);
    }

    /** One to three edits: a bit flipped, a byte overwritten, a run zeroed, or the frame cut short. */
    private static byte[] mutated(byte[] b, SplittableRandom random) {
        for (int e = 0, edits = 1 + random.nextInt(3); e < edits && b.length > 0; e++) {
            int i = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[i] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[i] = (byte) random.nextInt(256);
                case 2 -> java.util.Arrays.fill(b, i, Math.min(b.length, i + 1 + random.nextInt(8)), (byte) 0);
                default -> b = java.util.Arrays.copyOf(b, i);
            }
        }
        return b;
    }
}
