package io.hascope.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaptureReadersTest {
    @TempDir
    Path dir;

    record Read(long number, long timeNanos, int caplen, int origlen, int linkType, int iface, String comment,
                byte[] data) {
    }

    static List<Read> readAll(CaptureReader reader) throws IOException {
        List<Read> out = new ArrayList<>();
        Frame f = new Frame();
        while (reader.next(f)) {
            out.add(new Read(f.number(), f.timeNanos(), f.capturedLength(), f.originalLength(), f.linkType(),
                    f.interfaceId(), f.comment(), f.copyBytes()));
        }
        return out;
    }

    private Path file(byte[] bytes) throws IOException {
        Path p = Files.createTempFile(dir, "cap", ".bin");
        Files.write(p, bytes);
        return p;
    }

    @ParameterizedTest(name = "magic {0} in {1} byte order")
    @CsvSource({"a1b2c3d4, BIG_ENDIAN, 1000", "a1b2c3d4, LITTLE_ENDIAN, 1000", "a1b23c4d, BIG_ENDIAN, 1",
            "a1b23c4d, LITTLE_ENDIAN, 1"})
    void pcapOfEveryMagicReadsTimesAndBytes(String magic, String order, long nanosPerUnit) throws IOException {
        ByteOrder bo = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] bytes = new CaptureBytes(bo).pcapHeader((int) Long.parseLong(magic, 16), 65535, 1)
                .pcapRecord(1_700_000_000L, 123_456, new byte[] {1, 2, 3}, 60)
                .pcapRecord(1_700_000_001L, 999_999, new byte[] {4}, 1).bytes();
        try (CaptureReader r = Captures.open(file(bytes).toString())) {
            List<Read> frames = readAll(r);
            assertEquals(2, frames.size());
            assertEquals(1_700_000_000L * 1_000_000_000L + 123_456 * nanosPerUnit, frames.get(0).timeNanos());
            assertEquals(3, frames.get(0).caplen());
            assertEquals(60, frames.get(0).origlen());
            assertArrayEquals(new byte[] {1, 2, 3}, frames.get(0).data());
            assertEquals(1, frames.get(0).linkType());
            assertNull(r.problem());
        }
    }

    @Test
    void pcapCutInTheMiddleOfARecordReadsWholeFramesThenNamesTheOffset() throws IOException {
        byte[] whole = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).pcapHeader(0xa1b2c3d4, 65535, 1)
                .pcapRecord(1, 0, new byte[40], 40).pcapRecord(2, 0, new byte[40], 40).bytes();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 10);
        try (CaptureReader r = Captures.open(file(cut).toString())) {
            assertEquals(1, readAll(r).size());
            CaptureProblem p = r.problem();
            assertNotNull(p);
            assertEquals(24 + 16 + 40, p.offset(), "offset of the cut record");
            assertTrue(p.reason().contains("cut short"), p.reason());
        }
        byte[] headerCut = java.util.Arrays.copyOf(whole, 24 + 16 + 40 + 7);
        try (CaptureReader r = Captures.open(file(headerCut).toString())) {
            assertEquals(1, readAll(r).size());
            assertTrue(r.problem().reason().contains("record header is cut short"));
        }
    }

    @Test
    void pcapRecordClaimingAnAbsurdLengthIsCorruptNotAnAllocation() throws IOException {
        byte[] bytes = new CaptureBytes(ByteOrder.BIG_ENDIAN).pcapHeader(0xa1b2c3d4, 65535, 1)
                .pcapRecord(1, 0, new byte[4], 4).raw(new byte[] {0, 0, 0, 1, 0, 0, 0, 0, 0x7f, 0, 0, 0, 0, 0, 0, 1})
                .bytes();
        try (CaptureReader r = Captures.open(file(bytes).toString())) {
            assertEquals(1, readAll(r).size());
            assertTrue(r.problem().reason().contains("more than the maximum"), r.problem().reason());
            assertEquals(24 + 16 + 4, r.problem().offset());
        }
    }

    @ParameterizedTest(name = "pcapng in {0}")
    @CsvSource({"BIG_ENDIAN", "LITTLE_ENDIAN"})
    void pcapngWithSeveralInterfacesResolutionsOffsetsAndBlockKinds(String order) throws IOException {
        ByteOrder bo = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] bytes = new CaptureBytes(bo).sectionHeader("made by hand")
                .interfaceBlock(1, 65535, -1, 0, "eth0")          // µs
                .interfaceBlock(113, 262144, 9, 0, "any")          // ns, Linux cooked
                .interfaceBlock(101, 0, 0x80 | 20, 100, null)      // 2^-20 s units, +100 s offset
                .block(4, new byte[8])                              // name resolution block: skipped
                .enhanced(0, 1_700_000_000_000_001L, new byte[] {1, 2, 3, 4, 5}, 5, "first frame")
                .enhanced(1, 1_700_000_000_000_000_007L, new byte[] {6}, 100, null)
                .enhanced(2, 3L << 20 | (1 << 19), new byte[] {7, 7}, 2, null)
                .block(0x0BAD, new byte[12])                        // custom block: skipped
                .simple(new byte[] {9, 9, 9}, 3)
                .obsolete(1, 5, new byte[] {8, 8})
                .bytes();
        try (CaptureReader r = Captures.open(file(bytes).toString())) {
            List<Read> f = readAll(r);
            assertNull(r.problem());
            assertEquals(5, f.size());
            assertEquals(1_700_000_000_000_001_000L, f.get(0).timeNanos(), "µs default");
            assertEquals("first frame", f.get(0).comment());
            assertEquals(5, f.get(0).caplen());
            assertEquals(1_700_000_000_000_000_007L, f.get(1).timeNanos(), "ns resolution");
            assertEquals(113, f.get(1).linkType());
            assertEquals(1, f.get(1).iface());
            assertEquals(100, f.get(1).origlen());
            assertEquals(103_500_000_000L, f.get(2).timeNanos(), "2^-20 units, 3.5 s + 100 s offset");
            assertEquals(101, f.get(2).linkType());
            assertArrayEquals(new byte[] {9, 9, 9}, f.get(3).data(), "simple packet block");
            assertEquals(5, f.get(4).timeNanos(), "obsolete packet block on interface 1 (ns units)");
            assertEquals(List.of("made by hand"), r.fileComments());
            assertEquals(3, r.interfaces().size());
            assertEquals("eth0", r.interfaces().get(0).name());
        }
    }

    @Test
    void pcapngSectionsMayChangeByteOrder() throws IOException {
        byte[] be = new CaptureBytes(ByteOrder.BIG_ENDIAN).sectionHeader(null).interfaceBlock(1, 0, 9, 0, null)
                .enhanced(0, 10, new byte[] {1}, 1, null).bytes();
        byte[] le = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).sectionHeader(null).interfaceBlock(228, 0, 9, 0, null)
                .enhanced(0, 20, new byte[] {2}, 1, null).bytes();
        byte[] both = new byte[be.length + le.length];
        System.arraycopy(be, 0, both, 0, be.length);
        System.arraycopy(le, 0, both, be.length, le.length);
        try (CaptureReader r = Captures.open(file(both).toString())) {
            List<Read> f = readAll(r);
            assertEquals(2, f.size());
            assertEquals(20, f.get(1).timeNanos());
            assertEquals(228, f.get(1).linkType(), "the second section has its own interfaces");
            assertNull(r.problem());
        }
    }

    @Test
    void pcapngPacketOnAnUndeclaredInterfaceStopsWithAReason() throws IOException {
        byte[] bytes = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).sectionHeader(null).interfaceBlock(1, 0, -1, 0, null)
                .enhanced(0, 1, new byte[] {1}, 1, null).enhanced(3, 1, new byte[] {1}, 1, null).bytes();
        try (CaptureReader r = Captures.open(file(bytes).toString())) {
            assertEquals(1, readAll(r).size());
            assertTrue(r.problem().reason().contains("interface 3"), r.problem().reason());
        }
    }

    @Test
    void pcapngCutInsideABlockReportsTheBlockOffset() throws IOException {
        byte[] whole = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).sectionHeader(null).interfaceBlock(1, 0, -1, 0, null)
                .enhanced(0, 1, new byte[60], 60, null).enhanced(0, 2, new byte[60], 60, null).bytes();
        int secondBlock = whole.length - (32 + 60);
        try (CaptureReader r = Captures.open(file(java.util.Arrays.copyOf(whole, whole.length - 5)).toString())) {
            assertEquals(1, readAll(r).size());
            assertEquals(secondBlock, r.problem().offset());
        }
    }

    @Test
    void notACaptureIsRefusedAtOpenWithOneSentence() throws IOException {
        Path p = file("hello, this is text\n".getBytes());
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> Captures.open(p.toString()));
        assertTrue(e.getMessage().contains("not a pcap or pcapng file"), e.getMessage());
        Path empty = file(new byte[0]);
        assertThrows(CaptureFormatException.class, () -> Captures.open(empty.toString()));
    }

    @Test
    void mappedAndStreamedReadingGiveTheSameFrames() throws IOException {
        byte[] bytes = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).sectionHeader("c").interfaceBlock(1, 0, 9, 0, "x")
                .enhanced(0, 5, new byte[70], 70, "one").block(5, new byte[40]).simple(new byte[9], 9)
                .enhanced(0, 6, new byte[3], 3, null).bytes();
        Path p = file(bytes);
        try (CaptureReader mapped = Captures.openMapped(p.toString()); CaptureReader streamed = Captures.open(p.toString())) {
            List<Read> a = readAll(mapped);
            List<Read> b = readAll(streamed);
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i).data(), b.get(i).data());
                assertEquals(a.get(i).timeNanos(), b.get(i).timeNanos());
                assertEquals(a.get(i).comment(), b.get(i).comment());
            }
        }
    }

    @Test
    void recordsStraddlingMappedWindowsReadTheSameAsOneMapping() throws IOException {
        CaptureBytes b = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).pcapHeader(0xa1b23c4d, 65535, 1);
        for (int i = 0; i < 500; i++) {
            byte[] data = new byte[1 + (i * 37) % 300];
            data[0] = (byte) i;
            b.pcapRecord(i, i, data, data.length);
        }
        Path p = file(b.bytes());
        List<Read> whole;
        try (CaptureReader r = Captures.openMapped(p.toString())) {
            whole = readAll(r);
        }
        try (CaptureReader r = Captures.open(new MappedFileSource(p, 4096))) {
            List<Read> windowed = readAll(r);
            assertEquals(whole.size(), windowed.size());
            for (int i = 0; i < whole.size(); i++) {
                assertArrayEquals(whole.get(i).data(), windowed.get(i).data(), "frame " + (i + 1));
            }
        }
    }

    @Test
    void standardInputReadsTheSameFramesAsTheFile() throws IOException {
        byte[] bytes = new CaptureBytes(ByteOrder.BIG_ENDIAN).sectionHeader(null).interfaceBlock(1, 0, 9, 0, null)
                .enhanced(0, 7, new byte[3000], 3000, null).block(5, new byte[20000])
                .enhanced(0, 8, new byte[] {1, 2}, 2, null).bytes();
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(bytes), "(standard input)")) {
            List<Read> f = readAll(r);
            assertEquals(2, f.size());
            assertArrayEquals(new byte[] {1, 2}, f.get(1).data());
            assertNull(r.problem());
        }
    }

    @Test
    void blocksLargerThanTheStreamsBufferAreReadWholeFromAFileAndFromAPipe() throws IOException {
        // the largest frame a reader accepts, in a block beyond the 256 KiB a stream reads at a time: it has to grow
        byte[] large = new byte[PcapReader.MAX_RECORD];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31 + i / 977);
        }
        CaptureBytes b = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).sectionHeader(null).interfaceBlock(1, 0, 9, 0, null);
        for (int i = 0; i < 400; i++) {
            byte[] small = new byte[1 + (i * 53) % 1500];
            small[0] = (byte) i;
            b.enhanced(0, i, small, small.length, null);
            if (i % 100 == 50) {
                b.enhanced(0, i, large, large.length, null).block(5, new byte[600_000]);
            }
        }
        byte[] bytes = b.bytes();
        Path p = file(bytes);
        List<Read> mapped;
        try (CaptureReader r = Captures.openMapped(p.toString())) {
            mapped = readAll(r);
        }
        assertEquals(404, mapped.size());
        // a pipe hands over what it holds, here at most 1,000 bytes a read
        java.io.InputStream pipe = new java.io.FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1000));
            }
        };
        for (CaptureReader streamed : new CaptureReader[] {Captures.open(p.toString()),
                Captures.open(new ByteArrayInputStream(bytes), "(standard input)"),
                Captures.open(pipe, "(standard input)")}) {
            try (streamed) {
                List<Read> frames = readAll(streamed);
                assertEquals(mapped.size(), frames.size());
                for (int i = 0; i < frames.size(); i++) {
                    assertArrayEquals(mapped.get(i).data(), frames.get(i).data(), "frame " + (i + 1));
                }
                assertNull(streamed.problem());
            }
        }
    }

    @Test
    void filesLargerThanTwoGibibytesAreReadPastTheFirstWindow() throws IOException {
        // A sparse pcapng: two frames around two 1.1 GB custom blocks, so the second frame sits beyond 2 GiB.
        Path p = dir.resolve("big.pcapng");
        byte[] head = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).sectionHeader(null).interfaceBlock(1, 0, 9, 0, null)
                .enhanced(0, 1, new byte[] {1}, 1, null).bytes();
        byte[] tail = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).enhanced(0, 2, new byte[] {2, 2}, 2, null).bytes();
        int big = 1_100_000_000;
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.SPARSE)) {
            ch.write(java.nio.ByteBuffer.wrap(head));
            long pos = head.length;
            for (int k = 0; k < 2; k++) {
                java.nio.ByteBuffer hdr = java.nio.ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(0x0BAD).putInt(big);
                ch.write(hdr.flip(), pos);
                ch.write(java.nio.ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(big).flip(),
                        pos + big - 4);
                pos += big;
            }
            ch.write(java.nio.ByteBuffer.wrap(tail), pos);
        }
        assertTrue(Files.size(p) > (2L << 30));
        for (boolean mapped : new boolean[] {true, false}) {
            try (CaptureReader r = mapped ? Captures.openMapped(p.toString()) : Captures.open(p.toString())) {
                List<Read> f = readAll(r);
                assertNull(r.problem());
                assertEquals(2, f.size());
                assertArrayEquals(new byte[] {2, 2}, f.get(1).data());
            }
            Frame last = new Frame();
            try (CaptureReader r = mapped ? Captures.openMapped(p.toString()) : Captures.open(p.toString())) {
                r.next(last);
                r.next(last);
                assertTrue(last.fileOffset() > (2L << 30), "frame 2 is past 2 GiB");
                assertFalse(r.next(last));
            }
        }
    }
}
