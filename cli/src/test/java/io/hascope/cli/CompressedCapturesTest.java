package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture kept compressed ({@code tcpdump -w - | gzip > f.pcapng.gz}) is read as Wireshark and tshark read one,
 * by every command that reads a capture, from a file or a pipe: the same output as the plain file, and a
 * compressed file cut short says so with decode's and analyze's exit code for a cut capture. A named pipe
 * ({@code -r <(zcat f.pcapng.gz)}, {@code -r <(ssh dpu cat f.pcapng)}) is read as standard input is.
 */
class CompressedCapturesTest {
    private static final String SAMPLE = CliRun.sample("model-hold-failover.pcapng").toString();

    @TempDir
    Path dir;

    /** The sample compressed by the gzip program, an encoder independent of the JDK's reader. */
    private Path gzipped(String name) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        Process p = new ProcessBuilder("gzip", "-c", SAMPLE).redirectOutput(out.toFile()).start();
        assertEquals(0, p.waitFor(), "gzip ran");
        return out;
    }

    @Test
    void decodeOfACompressedFileOrPipePrintsWhatThePlainFileDoes() throws Exception {
        String gz = gzipped("failover.pcapng.gz").toString();
        for (String[] options : new String[][] {{}, {"-V"}, {"-T", "fields", "-e", "frame.number", "-e",
                "hasync.msg_count", "-e", "hasync.opaque"}, {"-2", "-Y", "hasync.analysis.lost_reply"},
                {"-x", "-c", "3"}}) {
            CliRun plain = CliRun.run(concat(new String[] {"decode", "-r", SAMPLE}, options));
            CliRun compressed = CliRun.run(concat(new String[] {"decode", "-r", gz}, options));
            CliRun piped = CliRun.runWithInput(new ByteArrayInputStream(Files.readAllBytes(Path.of(gz))),
                    concat(new String[] {"decode", "-r", "-"}, options));
            String what = "decode " + String.join(" ", options);
            assertEquals(0, plain.exitCode(), what + ": " + plain.err());
            assertFalse(plain.out().isEmpty(), what);
            assertEquals(plain, compressed, what + " of the compressed file");
            assertEquals(plain, piped, what + " of the compressed pipe");
        }
    }

    @Test
    void analyzeOfACompressedFileReportsWhatThePlainFileDoesAndWritesItsFramesUncompressed() throws Exception {
        Path gz = gzipped("failover.pcapng.gz");
        CliRun plain = CliRun.run("analyze", "-q", "-r", SAMPLE, "--format", "json");
        Path written = dir.resolve("annotated.pcapng");
        CliRun compressed = CliRun.run("analyze", "-q", "-r", gz.toString(), "--format", "json", "-w",
                written.toString());
        assertEquals(0, compressed.exitCode(), compressed.err());
        assertEquals(plain.out().replace(SAMPLE, gz.toString()), compressed.out());
        assertEquals(CliRun.run("decode", "-r", SAMPLE, "-T", "fields", "-e", "frame.number", "-e", "frame.len"),
                CliRun.run("decode", "-r", written.toString(), "-T", "fields", "-e", "frame.number", "-e",
                        "frame.len"), "-w writes every frame, as a plain pcapng");
    }

    @Test
    void aCompressedFileCutShortPrintsTheFramesBeforeTheCutThenFailsSayingTheCompressionWasCut() throws Exception {
        Path gz = gzipped("failover.pcapng.gz");
        byte[] whole = Files.readAllBytes(gz);
        Path cut = Files.write(dir.resolve("cut.pcapng.gz"), Arrays.copyOf(whole, whole.length * 2 / 3));
        CliRun decode = CliRun.run("decode", "-r", cut.toString(), "-T", "fields", "-e", "frame.number");
        assertEquals(ExitCode.CORRUPT, decode.exitCode());
        String[] lines = decode.lines();
        assertTrue(lines.length > 100 && lines.length < 684, "the frames before the cut: " + lines.length);
        assertEquals(String.valueOf(lines.length), lines[lines.length - 1]);
        assertTrue(decode.err().contains(cut + ": the gzip-compressed data is cut short"), decode.err());
        assertEquals(1, decode.err().lines().count(), "one sentence: " + decode.err());

        CliRun analyze = CliRun.run("analyze", "-q", "-r", cut.toString(), "--format", "json");
        assertEquals(ExitCode.CORRUPT, analyze.exitCode());
        assertTrue(analyze.out().contains("\"frames\" : " + lines.length), "analysed up to the cut");
        assertTrue(analyze.err().contains("the gzip-compressed data is cut short"), analyze.err());

        Path notCapture = Files.write(dir.resolve("notes.gz"), Arrays.copyOf(whole, 6));
        CliRun refused = CliRun.run("decode", "-r", notCapture.toString());
        assertEquals(ExitCode.UNREADABLE, refused.exitCode());
        assertEquals(notCapture + ": the gzip header is cut short at byte offset 0", refused.err().strip()
                .replaceFirst("^hascope: ", ""));
    }

    @Test
    void aNamedPipeIsReadAsStandardInputIsAlsoForASecondPassAndForWritingTheFramesAgain() throws Exception {
        byte[] sample = Files.readAllBytes(Path.of(SAMPLE));
        byte[] gz = Files.readAllBytes(gzipped("failover.pcapng.gz"));
        CliRun plain = CliRun.run("decode", "-r", SAMPLE);
        assertEquals(plain, CliRun.run("decode", "-r", fifo("a", gz).toString()));

        CliRun secondPass = CliRun.run("decode", "-2", "-r", SAMPLE, "-Y", "hasync.analysis.lost_reply");
        assertFalse(secondPass.out().isEmpty());
        assertEquals(secondPass, CliRun.run("decode", "-2", "-r", fifo("b", sample).toString(), "-Y",
                "hasync.analysis.lost_reply"), "the pipe kept for the two passes");

        Path fromFile = dir.resolve("from-file.pcapng");
        Path fromPipe = dir.resolve("from-pipe.pcapng");
        CliRun report = CliRun.run("analyze", "-q", "-r", SAMPLE, "-w", fromFile.toString(), "--format", "json");
        String pipe = fifo("c", gz).toString();
        CliRun piped = CliRun.run("analyze", "-q", "-r", pipe, "-w", fromPipe.toString(), "--format", "json");
        assertEquals(0, piped.exitCode(), piped.err());
        assertEquals(report.out().replace(SAMPLE, pipe), piped.out());
        String[] fields = {"-T", "fields", "-e", "frame.number", "-e", "frame.comment", "-e", "frame.len"};
        assertEquals(CliRun.run(concat(new String[] {"decode", "-r", fromFile.toString()}, fields)),
                CliRun.run(concat(new String[] {"decode", "-r", fromPipe.toString()}, fields)),
                "-w wrote every frame and finding comment from what the pipe gave");
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("hascope-stdin-")),
                    "nothing kept is left behind");
        }
    }

    /** A FIFO a writer thread fills with bytes once it is opened. */
    private Path fifo(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name + ".fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", p.toString()).start().waitFor(), "mkfifo");
        Thread writer = new Thread(() -> {
            try (var out = Files.newOutputStream(p)) {
                out.write(bytes);
            } catch (IOException e) {
                // the reader went away; the test says what it missed
            }
        });
        writer.setDaemon(true);
        writer.start();
        return p;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
