package io.hascope.capture;

import static io.hascope.capture.CaptureReadersTest.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.capture.CaptureReadersTest.Read;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A named pipe (mkfifo, or the shell's process substitution {@code -r <(zcat f.pcapng.gz)}, which names one under
 * /dev/fd) is read as it comes, as tshark -r reads one: it has no size and cannot be read twice.
 */
class NamedPipeCapturesTest {
    @TempDir
    Path dir;

    static byte[] capture() {
        CaptureBytes b = new CaptureBytes(ByteOrder.BIG_ENDIAN).pcapHeader(0xa1b2c3d4, 65535, 1);
        for (int i = 0; i < 300; i++) {
            byte[] data = new byte[14 + (i * 31) % 500];
            data[0] = (byte) i;
            b.pcapRecord(1_700_000_000L + i, i, data, data.length);
        }
        return b.bytes();
    }

    /** A FIFO that a writer thread fills with bytes once a reader opens it. */
    static Path fifo(Path dir, String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        assertEquals(0, new ProcessBuilder("mkfifo", p.toString()).start().waitFor(), "mkfifo");
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(p)) {
                out.write(bytes);
            } catch (IOException e) {
                // the reader went away: the test says what it missed
            }
        });
        writer.setDaemon(true);
        writer.start();
        return p;
    }

    private List<Read> fromFile(byte[] bytes) throws IOException {
        try (CaptureReader r = Captures.open(Files.write(dir.resolve("plain"), bytes).toString())) {
            return readAll(r);
        }
    }

    private static void assertSameFrames(List<Read> expected, List<Read> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).timeNanos(), actual.get(i).timeNanos(), "frame " + (i + 1));
            assertArrayEquals(expected.get(i).data(), actual.get(i).data(), "frame " + (i + 1));
        }
    }

    @Test
    void aNamedPipeReadsTheFramesOfTheFileItCarriesCompressedOrNot() throws Exception {
        List<Read> plain = fromFile(capture());
        try (CaptureReader r = Captures.open(fifo(dir, "plain.fifo", capture()).toString())) {
            assertSameFrames(plain, readAll(r));
            assertNull(r.problem());
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(capture());
        }
        try (CaptureReader r = Captures.open(fifo(dir, "gz.fifo", gz.toByteArray()).toString())) {
            assertSameFrames(plain, readAll(r));
            assertNull(r.problem());
            assertEquals("pcap, gzip-compressed", r.format());
        }
    }

    @Test
    void aViewerReadsANamedPipeOnceAndMapsTheCopyItLeaves() throws Exception {
        Path pipe = fifo(dir, "viewer.fifo", capture());
        assertTrue(Captures.needsCopy(pipe), "a pipe cannot be mapped");
        Path copy = dir.resolve("copy");
        FrameIndex index;
        List<Read> plain = fromFile(capture());
        try (CaptureReader r = Captures.openCopying(pipe, pipe.toString(), copy)) {
            FrameIndex.Recording recording = FrameIndex.recording(copy, r);
            assertSameFrames(plain, readAll(recording));
            index = recording.index();
        }
        assertArrayEquals(capture(), Files.readAllBytes(copy));
        Frame f = new Frame();
        for (int n = index.size(); n >= 1; n -= 29) {
            assertArrayEquals(plain.get(n - 1).data(), index.read(n, f).copyBytes(), "frame " + n + ", mapped");
        }
        index.close();
    }
}
