package io.hascope.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.capture.LinkType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -w with -b: files switch by size or by capture time, the oldest go beyond N, and together they hold every frame. */
class RingFileWriterTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    private List<byte[]> write(RingFileWriter w, int frames, long spacingNanos) throws Exception {
        w.addInterface(LinkType.ETHERNET, 65535, "eth0");
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            byte[] b = new byte[60 + i % 40];
            b[0] = (byte) i;
            b[1] = (byte) (i >> 8);
            w.write(0, 1_795_000_000L * S + i * spacingNanos, b);
            sent.add(b);
        }
        w.close();
        return sent;
    }

    private static List<byte[]> read(List<Path> files) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (Path p : files) {
            try (CaptureReader r = Captures.open(p.toString())) {
                Frame f = new Frame();
                while (r.next(f)) {
                    out.add(f.copyBytes());
                }
                assertNull(r.problem(), p + " is whole");
            }
        }
        return out;
    }

    private static void assertSame(List<byte[]> expected, List<byte[]> got) {
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), got.get(i), "frame " + (i + 1));
        }
    }

    @Test
    void withoutLimitsThereIsOneFileUnderItsName() throws Exception {
        RingFileWriter w = new RingFileWriter(dir.resolve("one.pcapng"), "test", 0, 0, 0);
        List<byte[]> sent = write(w, 100, 1000);
        assertEquals(List.of(dir.resolve("one.pcapng")), w.files());
        assertSame(sent, read(w.files()));
    }

    @Test
    void bySizeEachFileStaysUnderTheLimitAndTheyChainInOrder() throws Exception {
        RingFileWriter w = new RingFileWriter(dir.resolve("ring.pcapng"), "test", 10_000, 0, 0);
        List<byte[]> sent = write(w, 1000, 1000);
        assertTrue(w.files().size() >= 10, w.files().toString());
        for (Path p : w.files()) {
            assertTrue(p.getFileName().toString().matches("ring_\\d{5}_20261118\\d{6}\\.pcapng"), p.toString());
            assertTrue(Files.size(p) <= 10_000 + 200, p + " " + Files.size(p)); // the limit, plus the file's headers
        }
        assertSame(sent, read(w.files()));
    }

    @Test
    void byCaptureTimeAndKeepingTheNewestThree() throws Exception {
        RingFileWriter w = new RingFileWriter(dir.resolve("t.pcapng"), "test", 0, S, 3);
        List<byte[]> sent = write(w, 100, S / 10); // 10 s of frames, a file per second
        assertEquals(3, w.files().size());
        assertEquals(7, w.deletedFiles().size());
        for (Path gone : w.deletedFiles()) {
            assertTrue(Files.notExists(gone));
        }
        assertSame(sent.subList(70, 100), read(w.files()));
    }

    @Test
    void aCaptureWithNoFrameStillLeavesAValidFile() throws Exception {
        RingFileWriter w = new RingFileWriter(dir.resolve("empty.pcapng"), "test", 0, 0, 0);
        write(w, 0, 0);
        assertSame(List.of(), read(w.files()));
    }
}
