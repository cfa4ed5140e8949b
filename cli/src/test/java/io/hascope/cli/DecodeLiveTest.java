package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * decode -i, as tshark -i: each frame decoded as it is captured, on a real link (a veth pair between two network
 * namespaces, a sample replayed onto one end). Runs as root (CI does); elsewhere it skips and says why.
 */
class DecodeLiveTest extends WithNetnsPair {
    private static final String[] COLUMNS = {"-T", "fields", "-e", "frame.len", "-e", "ip.src", "-e", "ip.dst", "-e",
            "hasync.flags.reply", "-e", "hasync.msg.type"};

    private HascopeProcess decode(String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "decode";
        all[1] = "-i";
        all[2] = link.ifB;
        System.arraycopy(args, 0, all, 3, args.length);
        return HascopeProcess.start(dir, link.nsB, List.of(), all).awaitCapturing();
    }

    private static String[] with(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void eachFrameCapturedIsDecodedAsTheFileWouldBeUpToTheCountShown() throws Exception {
        Path sample = CliRun.sample("model-hold-failover.pcapng");
        HascopeProcess p = decode(with(COLUMNS, "-Y", "hasync.flags.reply == 1", "-c", "100"));
        link.replay(sample, 4.0);
        assertEquals(0, p.waitFor(60), p.err());
        CliRun file = CliRun.run(with(with(new String[] {"decode", "-r", sample.toString()}, COLUMNS), "-Y",
                "hasync.flags.reply == 1", "-c", "100"));
        assertEquals(100, file.lines().length);
        assertEquals(file.out(), p.out(), "the first hundred replies, field for field");
        assertTrue(p.err().contains("frames captured"), p.err());
    }

    @Test
    void theLinesAreSeenAsTheFramesComeNotOnlyWhenTheCaptureEnds() throws Exception {
        Path sample = CliRun.sample("model-hold-failover.pcapng");
        HascopeProcess p = decode(COLUMNS);
        link.replay(sample, 4.0);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (p.out().lines().count() < LiveCommandTest.frames(sample).size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(p.alive(), "still capturing");
        assertEquals(CliRun.run(with(new String[] {"decode", "-r", sample.toString()}, COLUMNS)).out(), p.out(),
                "every frame's line printed while the line went quiet");
        p.signal("INT");
        assertEquals(0, p.waitFor(60), p.err());
    }

    @Test
    void autostopEndsAQuietCaptureAfterItsDuration() throws Exception {
        long start = System.nanoTime();
        HascopeProcess p = decode("-a", "duration:2");
        assertEquals(0, p.waitFor(30), p.err());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds >= 2 && seconds < 20, "stopped after " + seconds + " s");
        assertTrue(p.err().contains("hascope: 0 frames captured"), p.err());
    }

    @Test
    void ctrlCEndsTheCaptureWithTheFramesShownWrittenWhole() throws Exception {
        Path sample = CliRun.sample("model-hold-loss1.pcapng");
        Path written = dir.resolve("decoded.pcapng");
        HascopeProcess p = decode("-w", written.toString());
        link.replay(sample, 4.0);
        Thread.sleep(500); // what was sent has been captured
        p.signal("INT");
        assertEquals(0, p.waitFor(60), p.err());
        LiveCommandTest.assertSameFrames(LiveCommandTest.frames(sample), LiveCommandTest.frames(written),
                "every frame sent, in a valid file");
        assertTrue(p.err().contains(String.format(java.util.Locale.ROOT, "hascope: %,d frames captured",
                LiveCommandTest.frames(sample).size())), p.err());
        assertEquals("", p.out(), "-w alone prints nothing, as tshark -w");
    }
}
