package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C while a command reads a pipe (tcpdump -w - | hascope analyze -r -) reaches the writer too, which ends the
 * pipe: the command finishes with what the pipe gave, its report or second pass, instead of dying with nothing said.
 * A second Ctrl-C stops it at once.
 */
class InterruptedPipeTest {
    @TempDir
    Path dir;

    /** The sample is larger than a pipe's buffer: once written, the command is reading it (its handler is set). */
    private static final Path SAMPLE = CliRun.sample("model-hold-loss1.pcapng");

    private HascopeProcess readingTheSample(String... args) throws Exception {
        HascopeProcess p = HascopeProcess.start(dir, null, List.of("-Djava.io.tmpdir=" + dir), args);
        OutputStream in = p.stdin();
        in.write(Files.readAllBytes(SAMPLE));
        in.flush();
        return p;
    }

    /** Interrupted with the pipe still open: the command waits for its end, then finishes. */
    private static void interruptThenEndThePipe(HascopeProcess p) throws Exception {
        interrupt(p);
        assertTrue(p.alive(), "still reading the pipe: " + p.err());
        p.stdin().close();
    }

    /** A first Ctrl-C, once the command has said it will finish with what the pipe gives. */
    private static void interrupt(HascopeProcess p) throws Exception {
        p.signal("INT");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!p.err().contains("interrupted: finishing") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /**
     * The first 20,000 bytes of the sample into the pipe, which stays open (more may come); true once the command
     * has printed 50 lines of them.
     */
    private static boolean printsWhileThePipeIsOpen(HascopeProcess p, byte[] sample) throws Exception {
        p.stdin().write(sample, 0, 20_000);
        p.stdin().flush();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (p.out().lines().count() < 50 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return p.out().lines().count() >= 50;
    }

    @Test
    void analyzeInterruptedGivesTheReportOfWhatThePipeGave() throws Exception {
        HascopeProcess p = readingTheSample("analyze", "-q", "--format", "json", "-r", "-");
        interruptThenEndThePipe(p);
        assertEquals(0, p.waitFor(60), p.err());
        CliRun file = CliRun.run("analyze", "-q", "--format", "json", "-r", SAMPLE.toString());
        assertEquals(file.out().replace(SAMPLE.toString(), "-"), p.out(), "the report of the frames given");
    }

    @Test
    void decodesSecondPassInterruptedListsWhatThePipeGaveAndLeavesNoTemporaryFile() throws Exception {
        HascopeProcess p = readingTheSample("decode", "-r", "-", "-Y", "hasync.analysis.lost_reply");
        interruptThenEndThePipe(p);
        assertEquals(0, p.waitFor(60), p.err());
        assertEquals(CliRun.run("decode", "-r", SAMPLE.toString(), "-Y", "hasync.analysis.lost_reply").out(),
                p.out());
        assertEquals(List.of(), kept(), "the frames kept for the two passes are gone");
    }

    @Test
    void aSecondCtrlCStopsAtOnceAndStillRemovesTheTemporaryFile() throws Exception {
        HascopeProcess p = readingTheSample("decode", "-r", "-", "-Y", "hasync.analysis.lost_reply");
        interrupt(p);
        p.signal("INT");
        assertEquals(130, p.waitFor(60), p.err());
        assertTrue(p.err().contains("hascope: stopped at once"), p.err());
        assertEquals("", p.out());
        assertEquals(List.of(), kept());
    }

    /** -l, as tshark's: each frame's line goes out as the frame comes, for a script reading the output. */
    @Test
    void withMinusLEachLineGoesOutAsItsFrameComes() throws Exception {
        HascopeProcess p = HascopeProcess.start(dir, null, List.of(), "decode", "-r", "-", "-l");
        byte[] sample = Files.readAllBytes(SAMPLE);
        assertTrue(printsWhileThePipeIsOpen(p, sample), "lines printed while the pipe is open: " + p.out().length());
        assertTrue(p.alive());
        p.stdin().close();
        assertEquals(ExitCode.CORRUPT, p.waitFor(60), "the pipe ended mid-frame: " + p.err());
    }

    /** decode -i -, as tshark -i -: a pipe read as a capture, each line out whenever the pipe pauses. */
    @Test
    void decodeMinusIMinusPrintsAsThePipeGivesAndSaysWhatItCaptured() throws Exception {
        HascopeProcess p = HascopeProcess.start(dir, null, List.of(), "decode", "-i", "-");
        byte[] sample = Files.readAllBytes(SAMPLE);
        assertTrue(printsWhileThePipeIsOpen(p, sample), "lines printed while the pipe is open, without -l");
        p.stdin().write(sample, 20_000, sample.length - 20_000);
        p.stdin().close();
        assertEquals(0, p.waitFor(60), p.err());
        assertEquals(CliRun.run("decode", "-r", SAMPLE.toString()).out(), p.out(), "the file's lines, every one");
        assertTrue(p.err().contains("hascope: capturing on standard input"), p.err());
        assertTrue(p.err().contains("hascope: 1,517 frames captured"), p.err());
    }

    private List<Path> kept() throws Exception {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith("hascope-stdin-")).toList();
        }
    }
}
