package io.hascope.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens a capture by its content, not its name: "-" is standard input. {@link #open} reads front to back through a
 * buffer (the fastest whole-file pass); {@link #openMapped} reads through memory-mapped windows, for readers that
 * come back to frames by offset.
 */
public final class Captures {
    private Captures() {
    }

    public static CaptureReader open(String name) throws IOException {
        if (name.equals("-")) {
            return open(new StreamSource(System.in, "(standard input)"));
        }
        Path path = checkedFile(name);
        return open(new StreamSource(FileChannel.open(path), name));
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
        if (Files.size(path) == 0) {
            throw new CaptureFormatException(name, 0, "the file is empty");
        }
        return path;
    }

    public static CaptureReader open(InputStream in, String name) throws IOException {
        return open(new StreamSource(in, name));
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
            throw new CaptureFormatException(source.name(), 0,
                    String.format("not a pcap or pcapng file (magic 0x%08x)", magic));
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }
}
