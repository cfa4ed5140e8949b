package io.hascope.capture;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens a capture by its content, not its name: "-" is standard input. {@link #open} reads front to back through a
 * buffer (the fastest whole-file pass); {@link #openMapped} reads through memory-mapped windows, for readers that
 * come back to frames by offset. A gzip-compressed capture (a file or a pipe; its name does not matter) is inflated
 * as it is read, as Wireshark reads one; a named pipe is read as it comes. Neither can be mapped, so a viewer reads
 * them once through {@link #openCopying}, which leaves the plain capture in a file of its own.
 */
public final class Captures {
    private Captures() {
    }

    public static CaptureReader open(String name) throws IOException {
        if (name.equals("-")) {
            return open(System.in, "(standard input)");
        }
        Path path = checkedFile(name);
        if (!Files.isRegularFile(path)) {
            return open(pipe(path), name);
        }
        return open(path, name);
    }

    /** The capture in this file, under name (gzip-compressed or not). */
    public static CaptureReader open(Path path, String name) throws IOException {
        if (isGzip(path)) {
            return open(Files.newInputStream(path), name, null);
        }
        return open(new StreamSource(FileChannel.open(path), name));
    }

    /** A capture from a stream (standard input, a pipe): gzip-compressed or not, told by its first bytes. */
    public static CaptureReader open(InputStream in, String name) throws IOException {
        return open(in, name, null);
    }

    /**
     * Whether a viewer that maps the file can read it in place: not when it is compressed, or a pipe (a FIFO, a
     * shell's process substitution), which gives its bytes once. Such a capture is read with {@link #openCopying}.
     */
    public static boolean needsCopy(Path path) throws IOException {
        return !Files.isRegularFile(path) || isGzip(path);
    }

    /** Whether the file holds gzip-compressed data (by its first two bytes). */
    public static boolean isGzip(Path path) throws IOException {
        try (FileChannel in = FileChannel.open(path)) {
            java.nio.ByteBuffer two = java.nio.ByteBuffer.allocate(2);
            while (two.hasRemaining() && in.read(two) >= 0) {
                // a file channel gives what the file has; the loop only guards a short read
            }
            return two.position() == 2 && (two.getShort(0) & 0xffff) == GzipStream.MAGIC;
        }
    }

    /**
     * A capture read once, front to back, while every byte of it (inflated, if it is compressed) also goes to copy:
     * the frames' offsets are offsets in that copy, which can then be mapped like any capture file.
     */
    public static CaptureReader openCopying(Path capture, String name, Path copy) throws IOException {
        checkedFile(capture.toString());
        return open(pipe(capture), name, new BufferedOutputStream(Files.newOutputStream(copy), 1 << 16));
    }

    /** A file read as a stream (a FileInputStream: the channel stream of Files.newInputStream asks a pipe its size). */
    private static InputStream pipe(Path path) throws IOException {
        return new FileInputStream(path.toFile());
    }

    private static CaptureReader open(InputStream in, String name, OutputStream copy) throws IOException {
        try {
            BufferedInputStream peeking = new BufferedInputStream(in, 2);
            peeking.mark(2);
            int first = peeking.read();
            int second = first < 0 ? -1 : peeking.read();
            peeking.reset();
            if ((first << 8 | second) != GzipStream.MAGIC) {
                return open(new StreamSource(copy == null ? peeking : new CopyingStream(peeking, copy), name));
            }
            GzipStream inflating = GzipStream.of(peeking, name);
            CaptureReader inner;
            try {
                inner = open(new StreamSource(copy == null ? inflating : new CopyingStream(inflating, copy), name));
            } catch (CaptureFormatException e) {
                String damage = inflating.damage();
                throw damage == null ? e : new CaptureFormatException(name, 0, damage + " before the capture's header"
                        + " ends");
            }
            return new GzipCaptureReader(inner, inflating);
        } catch (IOException | RuntimeException e) {
            in.close();
            if (copy != null) {
                copy.close();
            }
            throw e;
        }
    }

    /** The compressor whose stream starts with these four bytes (zstd, lz4, xz, bzip2), or null. */
    private static String compressionNamed(int magic) {
        if (magic == 0x28b52ffd) {
            return "zstd";
        }
        if (magic == 0x04224d18) {
            return "lz4";
        }
        if (magic == 0xfd377a58) {
            return "xz";
        }
        if ((magic >>> 8) == 0x425a68) {
            return "bzip2";
        }
        return null;
    }

    public static CaptureReader openMapped(String name) throws IOException {
        return open(new MappedFileSource(checkedFile(name)));
    }

    private static Path checkedFile(String name) throws IOException {
        Path path = Path.of(name);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(name, null, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new CaptureFormatException(name, 0, "is a directory, not a capture file");
        }
        if (Files.isRegularFile(path) && Files.size(path) == 0) {
            throw new CaptureFormatException(name, 0, "the file is empty");
        }
        return path;
    }

    public static CaptureReader open(ByteSource source) throws IOException {
        try {
            if (!source.ensure(0, 4)) {
                throw new CaptureFormatException(source.name(), 0, "too short to be a capture file");
            }
            int magic = source.buffer().getInt(source.index(0));
            if (magic == PcapngReader.SHB) {
                return new PcapngReader(source);
            }
            if (magic == PcapReader.MAGIC_MICROS || magic == PcapReader.MAGIC_NANOS
                    || magic == Integer.reverseBytes(PcapReader.MAGIC_MICROS)
                    || magic == Integer.reverseBytes(PcapReader.MAGIC_NANOS)) {
                return new PcapReader(source);
            }
            String compression = compressionNamed(magic);
            if (compression != null) {
                // tshark 4.0 reads these too; the JDK has no decompressor for them
                throw new CaptureFormatException(source.name(), 0, "is " + compression + "-compressed: hascope"
                        + " inflates gzip only; decompress it first (" + compression + " -dc FILE | hascope ... -r -)");
            }
            throw new CaptureFormatException(source.name(), 0,
                    String.format("not a pcap or pcapng file (magic 0x%08x)", magic));
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }
}
