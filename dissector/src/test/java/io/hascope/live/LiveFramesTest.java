package io.hascope.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.capture.Frame;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frames a GUI shows while it captures: held only until the file has them, then read back from the file. */
class LiveFramesTest {
    @TempDir
    Path dir;

    private static byte[] frame(Random r) {
        byte[] b = new byte[14 + r.nextInt(1500)];
        r.nextBytes(b);
        return b;
    }

    private static byte[] bytesOf(Frame f) {
        byte[] out = new byte[f.capturedLength()];
        f.buffer().get(f.offset(), out);
        return out;
    }

    /** A writer of one file, as the GUI's live capture makes, with two Ethernet interfaces declared (two taps). */
    private static RingFileWriter oneFileWriter(Path file) throws Exception {
        RingFileWriter w = new RingFileWriter(file, "test", 0, 0, 0);
        w.addInterface(1, 65535, "eth0");
        w.addInterface(1, 65535, "eth1");
        return w;
    }

    /** The interface the tests capture frame number n on: every third frame on the second. */
    private static int interfaceOf(long n) {
        return n % 3 == 0 ? 1 : 0;
    }

    /** Writes the frame as the session's writer thread does, then shows it to the viewer. */
    private static void writeAndShow(RingFileWriter w, LiveFrames v, byte[] b, long time) throws Exception {
        int iface = interfaceOf(v.size() + 1);
        w.write(iface, time, ByteBuffer.wrap(b), 0, b.length, b.length + 4, null);
        v.add(b, time, b.length + 4, iface, w.fileBeingWritten(), w.lastFrameOffset());
    }

    @Test
    void flushedFramesAreLetGoAndReadBackFromTheFileEvenOnceItIsRenamed() throws Exception {
        Path file = dir.resolve("live.pcapng");
        RingFileWriter w = oneFileWriter(file);
        LiveFrames v = new LiveFrames(1);
        Random r = new Random(7);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            byte[] b = frame(r);
            sent.add(b);
            writeAndShow(w, v, b, 1_000_000L * i);
            if (i % 1000 == 0) {
                w.flush();
                v.flushed();
            }
        }
        assertEquals(0, v.framesHeld(), "every frame is in the file: none held");
        for (int i = 1; i <= 500; i++) {
            byte[] b = frame(r);
            sent.add(b);
            writeAndShow(w, v, b, 1_000_000L * (3000 + i));
        }
        assertEquals(500, v.framesHeld(), "the frames since the last flush are held until the next");
        w.close(); // published under its name: the viewer's open file still reads
        assertTrue(Files.exists(file));

        Frame f = new Frame();
        for (int n : new int[] {1, 2, 999, 1000, 1001, 2500, 3000, 3001, 3500, 17, 3499}) {
            v.read(n, f);
            assertArrayEquals(sent.get(n - 1), bytesOf(f), "frame " + n);
            assertEquals(n, f.number());
            assertEquals(1_000_000L * n, f.timeNanos());
            assertEquals(sent.get(n - 1).length + 4, f.originalLength());
            assertEquals(1, f.linkType());
            assertEquals(interfaceOf(n), f.interfaceId(), "frame " + n + "'s interface, held or read back");
        }
        assertEquals(sent.get(2999).length, v.capturedLength(3000));
        v.close();
    }

    @Test
    void framesOfRingBuffersInOtherFilesStayHeld() throws Exception {
        // a writer that starts another file every 64 KB: the viewer's offsets would point into two files
        RingFileWriter w = new RingFileWriter(dir.resolve("ring.pcapng"), "test", 64 << 10, 0, 2);
        w.addInterface(1, 65535, "eth0");
        w.addInterface(1, 65535, "eth1");
        LiveFrames v = new LiveFrames(1);
        Random r = new Random(11);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 1; i <= 400; i++) {
            byte[] b = frame(r);
            sent.add(b);
            writeAndShow(w, v, b, i);
            if (i % 50 == 0) {
                w.flush();
                v.flushed();
            }
        }
        w.close();
        assertTrue(w.deletedFiles().size() > 0, "the oldest files are gone");
        assertTrue(v.framesHeld() > 300, "only those flushed before the first file ended were let go: "
                + v.framesHeld());
        Frame f = new Frame();
        for (int n = 1; n <= 400; n++) {
            v.read(n, f);
            assertArrayEquals(sent.get(n - 1), bytesOf(f), "frame " + n);
        }
    }

    @Test
    void aReaderOnAnotherThreadReadsEveryFrameRightWhileTheyAreLetGo() throws Exception {
        RingFileWriter w = oneFileWriter(dir.resolve("race.pcapng"));
        LiveFrames v = new LiveFrames(1);
        Random r = new Random(3);
        int total = 60_000;
        byte[][] sent = new byte[total][];
        for (int i = 0; i < total; i++) {
            sent[i] = frame(r);
        }
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < total; i++) {
                    writeAndShow(w, v, sent[i], i + 1);
                    if (i % 97 == 0) {
                        w.flush();
                        v.flushed();
                    }
                }
                w.close();
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        writer.start();
        Frame f = new Frame();
        Random pick = new Random(5);
        long reads = 0;
        while (writer.isAlive() || reads < 10_000) {
            int size = v.size();
            if (size == 0) {
                continue;
            }
            // most reads near the newest frames, where the bytes are being let go
            int n = pick.nextBoolean() ? size - pick.nextInt(Math.min(size, 200)) : 1 + pick.nextInt(size);
            v.read(n, f);
            assertArrayEquals(sent[n - 1], bytesOf(f), "frame " + n);
            reads++;
        }
        writer.join();
        if (failed.get() != null) {
            throw new AssertionError(failed.get());
        }
        assertTrue(v.framesHeld() < 97, "held: " + v.framesHeld());
        v.close();
    }
}
