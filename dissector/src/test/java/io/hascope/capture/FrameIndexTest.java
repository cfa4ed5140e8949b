package io.hascope.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The GUI's access to a frame by number: re-read through the index, every frame is what the first pass saw. */
class FrameIndexTest {
    private static void assertIndexRereadsEveryFrame(Path file) throws IOException {
        List<byte[]> seen = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<String> interfaceNames = new ArrayList<>();
        FrameIndex index;
        try (CaptureReader reader = Captures.open(file.toString())) {
            FrameIndex.Recording r = FrameIndex.recording(file, reader);
            Frame f = new Frame();
            while (r.next(f)) {
                seen.add(f.copyBytes());
                times.add(f.timeNanos());
                interfaceNames.add(f.interfaceName());
            }
            index = r.index();
        } catch (CaptureFormatException e) {
            return; // not a capture at all: nothing to index
        }
        try (index) {
            assertEquals(seen.size(), index.size(), file.toString());
            Frame f = new Frame();
            for (int n = seen.size(); n >= 1; n--) { // backwards: every read is a jump
                index.read(n, f);
                assertEquals(n, f.number());
                assertEquals(times.get(n - 1), f.timeNanos());
                assertEquals(interfaceNames.get(n - 1), f.interfaceName(), "the interface's name, kept by number");
                assertArrayEquals(seen.get(n - 1), f.copyBytes(), file + " frame " + n);
            }
        }
    }

    @Test
    void aSecondThreadReadsThroughItsOwnReaderWhileTheFirstReadsElsewhereInTheFile(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // the GUI filters in the background while the packet list draws its rows; a file larger than one mapped
        // window (256 MB; 64 KB here) makes each thread's reads move the window: shared, one thread's move gave the
        // other another frame's bytes
        Path file = dir.resolve("big.pcapng");
        java.util.Random r = new java.util.Random(1);
        List<byte[]> sent = new ArrayList<>();
        try (PcapngWriter w = new PcapngWriter(file, "test")) {
            w.addInterface(1, 65535, "eth0");
            for (int i = 0; i < 4000; i++) {
                byte[] b = new byte[60 + r.nextInt(1400)];
                r.nextBytes(b);
                sent.add(b);
                w.write(0, i, b);
            }
        }
        FrameIndex index;
        try (CaptureReader reader = Captures.open(file.toString())) {
            FrameIndex.Recording rec = FrameIndex.recording(file, reader);
            Frame f = new Frame();
            while (rec.next(f)) {
                // indexed as it is read
            }
            index = rec.index();
        }
        index.windowSize = 64 << 10;
        FrameStore second = index.secondReader();
        java.util.concurrent.atomic.AtomicReference<Throwable> failed =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread background = new Thread(() -> {
            try {
                Frame f = new Frame();
                for (int round = 0; round < 5; round++) {
                    for (int n = 1; n <= sent.size(); n++) {
                        second.read(n, f);
                        assertArrayEquals(sent.get(n - 1), f.copyBytes(), "frame " + n + " in the background");
                    }
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        background.start();
        Frame f = new Frame();
        while (background.isAlive()) { // the rows on view: the last frames, far from the background's
            for (int n = sent.size(); n > sent.size() - 40; n--) {
                index.read(n, f);
                assertArrayEquals(sent.get(n - 1), f.copyBytes(), "frame " + n + " on view");
            }
        }
        background.join();
        if (failed.get() != null) {
            throw new AssertionError(failed.get());
        }
        second.close();
        index.close();
    }

    @Test
    void everyFrameOfEveryPeerCaptureIsFoundAgainByItsNumber() throws Exception {
        int files = 0;
        for (Path p : SharedFiles.peerCaptures()) {
            assertIndexRereadsEveryFrame(p);
            files++;
        }
        assertTrue(files >= 830, files + " files");
    }

    /**
     * SunATM records start with a pseudo-header the readers leave out of the frame: written again as read (the record,
     * pseudo-header included), a pcap's SunATM frames read the same from pcapng, through a reader and the index.
     */
    @Test
    void aSunAtmCaptureWrittenAsReadIsReadTheSameFromPcapngAndByItsIndex(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path pcap = SharedFiles.peerCaptures().stream()
                .filter(p -> p.getFileName().toString().equals("atm-oam-loopback-print-overrun.pcap")).findFirst()
                .orElseThrow();
        Path copy = dir.resolve("sunatm.pcapng");
        List<String> read = new ArrayList<>();
        try (CaptureReader in = Captures.open(pcap.toString()); PcapngWriter out = new PcapngWriter(copy, "test")) {
            out.addInterface(LinkType.SUNATM, 65535, null);
            Frame f = new Frame();
            while (in.next(f)) {
                assertEquals(LinkType.SUNATM, f.linkType());
                assertEquals(4, f.pseudoHeaderLength(), "left out of the frame, and said so");
                read.add(f.originalLength() + " " + java.util.Arrays.toString(f.copyBytes()));
                out.write(f, 0, null);
            }
        }
        List<String> again = new ArrayList<>();
        try (CaptureReader in = Captures.open(copy.toString())) {
            Frame f = new Frame();
            while (in.next(f)) {
                again.add(f.originalLength() + " " + java.util.Arrays.toString(f.copyBytes()));
            }
        }
        assertTrue(!read.isEmpty());
        assertEquals(read, again, "the frames, not four bytes short of them");
        assertIndexRereadsEveryFrame(copy);
    }

    @Test
    void everySampleToo() throws Exception {
        try (Stream<Path> s = Files.list(SharedFiles.samples())) {
            for (Path p : s.filter(p -> p.toString().endsWith(".pcapng")).sorted().toList()) {
                assertIndexRereadsEveryFrame(p);
            }
        }
    }
}
