package io.hascope.capture;

import static io.hascope.capture.CaptureReadersTest.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.capture.CaptureReadersTest.Read;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Captures compressed with gzip read as Wireshark reads them: by their content, whatever their name. */
class GzipCapturesTest {
    @TempDir
    Path dir;

    /** A pcapng of 400 frames of varied sizes, each frame's first byte its number. */
    private static byte[] capture() {
        CaptureBytes b = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).sectionHeader("gz").interfaceBlock(1, 0, 9, 0, "x");
        for (int i = 0; i < 400; i++) {
            byte[] data = new byte[20 + (i * 53) % 700];
            data[0] = (byte) i;
            data[data.length - 1] = (byte) (i * 7);
            b.enhanced(0, 1_000_000L * i, data, data.length, i % 50 == 0 ? "frame " + i : null);
        }
        return b.bytes();
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static void assertSameFrames(List<Read> expected, List<Read> actual) {
        assertEquals(expected.size(), actual.size(), "frames");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).timeNanos(), actual.get(i).timeNanos(), "frame " + (i + 1));
            assertEquals(expected.get(i).comment(), actual.get(i).comment(), "frame " + (i + 1));
            assertArrayEquals(expected.get(i).data(), actual.get(i).data(), "frame " + (i + 1));
        }
    }

    private List<Read> plainFrames() throws IOException {
        try (CaptureReader r = Captures.open(file("plain.pcapng", capture()).toString())) {
            return readAll(r);
        }
    }

    @Test
    void aCompressedFileAndACompressedPipeReadTheFramesOfThePlainFile() throws IOException {
        List<Read> plain = plainFrames();
        byte[] compressed = gzip(capture());
        // the name says nothing: a .pcapng that is compressed, as a .gz is
        for (String name : List.of("c.pcapng.gz", "c.pcapng")) {
            try (CaptureReader r = Captures.open(file(name, compressed).toString())) {
                assertSameFrames(plain, readAll(r));
                assertNull(r.problem());
                assertEquals("pcapng, gzip-compressed", r.format());
                assertEquals(List.of("gz"), r.fileComments());
            }
        }
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(compressed), "(standard input)")) {
            assertSameFrames(plain, readAll(r));
            assertNull(r.problem());
        }
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(capture()), "(standard input)")) {
            assertSameFrames(plain, readAll(r));
            assertEquals("pcapng", r.format());
        }
    }

    @Test
    void membersWrittenOneAfterAnotherReadAsOneCapture() throws IOException {
        byte[] plain = capture();
        int half = plain.length / 2;
        byte[] first = gzip(Arrays.copyOfRange(plain, 0, half));
        byte[] second = gzip(Arrays.copyOfRange(plain, half, plain.length));
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        try (CaptureReader r = Captures.open(file("members.gz", both).toString())) {
            assertSameFrames(plainFrames(), readAll(r));
            assertNull(r.problem());
        }
    }

    @Test
    void compressedDataCutAnywhereGivesTheFramesBeforeTheCutAndSaysTheCompressionWasCut() throws IOException {
        List<Read> plain = plainFrames();
        byte[] compressed = gzip(capture());
        for (int cut : new int[] {compressed.length / 4, compressed.length / 2, compressed.length - 20,
                compressed.length - 8, compressed.length - 1}) {
            try (CaptureReader r = Captures.open(file("cut.gz", Arrays.copyOf(compressed, cut)).toString())) {
                List<Read> read = readAll(r);
                assertTrue(read.size() <= plain.size(), "cut at " + cut);
                assertSameFrames(plain.subList(0, read.size()), read);
                CaptureProblem p = r.problem();
                assertNotNull(p, "cut at " + cut + ": a cut is a problem even where it falls between frames");
                assertTrue(p.reason().startsWith("the gzip-compressed data is cut short"), p.reason());
                assertTrue(p.offset() <= capture().length, "an offset in the inflated capture: " + p.offset());
            }
        }
        // cut in the eight-byte trailer: every frame is there, and the file is still cut short
        try (CaptureReader r = Captures.open(file("trailer.gz", Arrays.copyOf(compressed, compressed.length - 4))
                .toString())) {
            assertSameFrames(plain, readAll(r));
            assertNotNull(r.problem());
        }
    }

    @Test
    void aChecksumThatDoesNotMatchIsCorruptionAfterTheLastFrame() throws IOException {
        byte[] compressed = gzip(capture());
        compressed[compressed.length - 8] ^= 0x5a; // the CRC-32 of the inflated bytes
        try (CaptureReader r = Captures.open(file("crc.gz", compressed).toString())) {
            assertSameFrames(plainFrames(), readAll(r));
            CaptureProblem p = r.problem();
            assertNotNull(p);
            assertTrue(p.reason().startsWith("the gzip-compressed data is corrupt"), p.reason());
            assertEquals(capture().length, p.offset(), "found where the inflated capture ends");
        }
    }

    @Test
    void aGzipHeaderCutShortOrHoldingNoCaptureIsRefusedAtOpenWithOneSentence() throws IOException {
        byte[] compressed = gzip(capture());
        Path headerCut = file("header.gz", Arrays.copyOf(compressed, 5));
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> Captures.open(headerCut.toString()));
        assertTrue(e.getMessage().contains("gzip header is cut short"), e.getMessage());

        Path text = file("text.gz", gzip("hello, this is text\n".getBytes()));
        e = assertThrows(CaptureFormatException.class, () -> Captures.open(text.toString()));
        assertTrue(e.getMessage().contains("not a pcap or pcapng file"), e.getMessage());

        Path early = file("early.gz", Arrays.copyOf(compressed, 12));
        e = assertThrows(CaptureFormatException.class, () -> Captures.open(early.toString()));
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void aCaptureCompressedOtherwiseIsNamedAndTheWayToReadItSaid() throws IOException {
        String[][] magics = {{"zstd", "28b52ffd"}, {"lz4", "04224d18"}, {"xz", "fd377a58"}, {"bzip2", "425a6839"}};
        for (String[] m : magics) {
            byte[] bytes = Arrays.copyOf(java.util.HexFormat.of().parseHex(m[1]), 64);
            Path p = file("c." + m[0], bytes);
            CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> Captures.open(p.toString()));
            assertTrue(e.getMessage().contains("is " + m[0] + "-compressed: hascope inflates gzip only; decompress"
                    + " it first (" + m[0] + " -dc FILE | hascope ... -r -)"), e.getMessage());
        }
    }

    @Test
    void readingOnceLeavesAnInflatedCopyWhoseOffsetsAreTheFramesOwn() throws IOException {
        Path gz = file("copy.pcapng.gz", gzip(capture()));
        Path copy = dir.resolve("copy.inflated");
        FrameIndex index;
        List<Read> streamed;
        try (CaptureReader r = Captures.openCopying(gz, gz.toString(), copy)) {
            FrameIndex.Recording recording = FrameIndex.recording(copy, r);
            streamed = readAll(recording);
            index = recording.index();
            assertNull(recording.problem());
        }
        assertArrayEquals(capture(), Files.readAllBytes(copy), "the copy is the inflated capture");
        assertSameFrames(plainFrames(), streamed);
        Frame f = new Frame();
        for (int n = index.size(); n >= 1; n -= 37) { // mapped reads, in any order
            assertArrayEquals(streamed.get(n - 1).data(), index.read(n, f).copyBytes(), "frame " + n);
        }
        index.close();
        assertFalse(Captures.needsCopy(copy));
        assertTrue(Captures.needsCopy(gz));
    }
}
