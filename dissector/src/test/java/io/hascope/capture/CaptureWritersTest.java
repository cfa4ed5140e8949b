package io.hascope.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureWritersTest {
    @TempDir
    Path dir;

    @Test
    void pcapngWrittenThenReadGivesBackEveryFrameTimeInterfaceAndComment() throws IOException {
        Path p = dir.resolve("out.pcapng");
        try (PcapngWriter w = new PcapngWriter(p, "test")) {
            int eth = w.addInterface(LinkType.ETHERNET, 65535, "tap-a");
            int raw = w.addInterface(LinkType.RAW, 65535, "tap-b");
            w.write(eth, 1_700_000_000_123_456_789L, new byte[] {1, 2, 3});
            w.write(raw, 1_700_000_000_123_456_790L, java.nio.ByteBuffer.wrap(new byte[] {9, 8, 7, 6}), 1, 2, 4, "cut");
            assertFalse(Files.exists(p), "the file appears only when complete");
        }
        try (CaptureReader r = Captures.open(p.toString())) {
            List<CaptureReadersTest.Read> f = CaptureReadersTest.readAll(r);
            assertEquals(2, f.size());
            assertEquals(1_700_000_000_123_456_789L, f.get(0).timeNanos());
            assertEquals(LinkType.RAW, f.get(1).linkType());
            assertArrayEquals(new byte[] {8, 7}, f.get(1).data());
            assertEquals(4, f.get(1).origlen());
            assertEquals("cut", f.get(1).comment());
            assertEquals("tap-b", r.interfaces().get(1).name());
            assertNull(r.problem());
        }
    }

    @Test
    void pcapWrittenThenReadKeepsNanoseconds() throws IOException {
        Path p = dir.resolve("out.pcap");
        try (PcapWriter w = new PcapWriter(p)) {
            w.addInterface(LinkType.ETHERNET, 65535, null);
            w.write(0, 1_700_000_000_000_000_001L, new byte[60]);
            assertThrows(IllegalArgumentException.class, () -> w.addInterface(LinkType.LINUX_SLL, 65535, null),
                    "pcap holds one link type");
        }
        try (CaptureReader r = Captures.open(p.toString())) {
            assertEquals("pcap (ns)", r.format());
            List<CaptureReadersTest.Read> f = CaptureReadersTest.readAll(r);
            assertEquals(1_700_000_000_000_000_001L, f.get(0).timeNanos());
        }
    }

    @Test
    void aCloseWhoseLastFlushFindsTheDiskFullLeavesSalvageAWholeFileToPublish() throws Exception {
        // 40 frames of 1,000 bytes wait in the write buffer (1 MiB) until the close, which finds room for 16 KiB:
        // the close fails, and salvage cuts the file back to its last whole frame and publishes it under its name
        Path mount = Files.createDirectory(dir.resolve("tiny"));
        if (new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", mount.toString()).start()
                .waitFor() != 0) {
            org.junit.jupiter.api.Assumptions.abort("cannot mount a small tmpfs here (needs root)");
        }
        try {
            Path p = mount.resolve("full.pcapng");
            PcapngWriter w = new PcapngWriter(p, "test");
            int eth = w.addInterface(LinkType.ETHERNET, 65535, "tap");
            for (int i = 0; i < 40; i++) {
                w.write(eth, i, new byte[1000]);
            }
            IOException full = assertThrows(IOException.class, w::close);
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), String.valueOf(full));
            long kept = w.salvage();
            assertTrue(kept > 0 && kept < 40, "some frames fit: " + kept);
            assertTrue(Files.notExists(mount.resolve("full.pcapng.partial")));
            try (CaptureReader r = Captures.open(p.toString())) {
                assertEquals(kept, CaptureReadersTest.readAll(r).size());
                assertNull(r.problem(), "whole: no frame cut");
            }
        } finally {
            // lazily: a file a failure left open must not keep the mount
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
        }
    }

    @Test
    void anAbortedCaptureLeavesNoFileBehind() throws IOException {
        Path p = dir.resolve("aborted.pcapng");
        try (PcapngWriter w = new PcapngWriter(p, "test")) {
            w.addInterface(LinkType.ETHERNET, 65535, null);
            w.write(0, 1, new byte[60]);
            w.abort();
        }
        assertFalse(Files.exists(p));
        assertFalse(Files.exists(dir.resolve("aborted.pcapng.partial")));
    }

    @Test
    void writingManyFramesCrossesTheWriteBufferIntact() throws IOException {
        Path p = dir.resolve("many.pcapng");
        try (PcapngWriter w = new PcapngWriter(p, null)) {
            w.addInterface(LinkType.ETHERNET, 65535, null);
            for (int i = 0; i < 20_000; i++) {
                byte[] data = new byte[60 + i % 200];
                data[0] = (byte) i;
                w.write(0, i, data);
            }
        }
        try (CaptureReader r = Captures.open(p.toString())) {
            List<CaptureReadersTest.Read> f = CaptureReadersTest.readAll(r);
            assertEquals(20_000, f.size());
            assertTrue(f.stream().allMatch(x -> x.data()[0] == (byte) (x.number() - 1)));
        }
    }
}
