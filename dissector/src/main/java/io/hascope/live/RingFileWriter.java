package io.hascope.live;

import io.hascope.capture.CaptureWriter;
import io.hascope.capture.PcapngWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * pcapng output that switches to a new file past a size or a span of capture time, keeping only the newest N
 * (dumpcap's ring buffer, -b filesize/duration/files). Files are named as dumpcap names them,
 * {@code STEM_00001_20261126213000.pcapng} (UTC); without a limit there is one file under the name given. Each file
 * is a whole capture: its own section header and interface, published under its name when it is complete.
 */
public final class RingFileWriter implements CaptureWriter {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private final Path target;
    private final String application;
    private final long maxBytes;
    private final long maxSpanNanos;
    private final int maxFiles;
    private final List<int[]> interfaceLinks = new ArrayList<>();
    private final List<String> interfaceNames = new ArrayList<>();
    private final Deque<Path> kept = new ArrayDeque<>();
    private final List<Path> deleted = new ArrayList<>();
    private PcapngWriter current;
    private Path currentPath;
    private long currentBytes;
    private long currentStart;
    private int sequence;

    /** Limits ≤ 0 mean none; maxFiles ≤ 0 keeps every file. */
    public RingFileWriter(Path target, String application, long maxBytes, long maxSpanNanos, int maxFiles) {
        this.target = target;
        this.application = application;
        this.maxBytes = maxBytes;
        this.maxSpanNanos = maxSpanNanos;
        this.maxFiles = maxFiles;
    }

    private boolean rotating() {
        return maxBytes > 0 || maxSpanNanos > 0;
    }

    @Override
    public int addInterface(int linkType, int snapLength, String name) throws IOException {
        interfaceLinks.add(new int[] {linkType, snapLength});
        interfaceNames.add(name);
        if (current != null) {
            current.addInterface(linkType, snapLength, name);
        }
        return interfaceLinks.size() - 1;
    }

    @Override
    public void write(int interfaceId, long timeNanos, ByteBuffer bytes, int offset, int capturedLength,
                      int originalLength, String comment) throws IOException {
        if (current != null && rotating() && ((maxBytes > 0 && currentBytes + 32 + capturedLength > maxBytes
                && currentBytes > 0) || (maxSpanNanos > 0 && timeNanos - currentStart >= maxSpanNanos))) {
            finishCurrent();
        }
        if (current == null) {
            startFile(timeNanos);
        }
        current.write(interfaceId, timeNanos, bytes, offset, capturedLength, originalLength, comment);
        currentBytes += 32 + ((capturedLength + 3) & ~3);
    }

    private void startFile(long timeNanos) throws IOException {
        sequence++;
        currentPath = rotating() ? numbered(sequence, timeNanos) : target;
        current = new PcapngWriter(currentPath, application);
        currentBytes = 0;
        currentStart = timeNanos;
        for (int i = 0; i < interfaceLinks.size(); i++) {
            current.addInterface(interfaceLinks.get(i)[0], interfaceLinks.get(i)[1], interfaceNames.get(i));
        }
    }

    private Path numbered(int n, long timeNanos) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".pcapng";
        String stamp = STAMP.format(Instant.ofEpochSecond(Math.floorDiv(timeNanos, 1_000_000_000L)));
        return target.resolveSibling(String.format("%s_%05d_%s%s", stem, n, stamp, ext));
    }

    private void finishCurrent() throws IOException {
        current.close(); // kept until closed: a close that fails leaves salvage the file
        current = null;
        kept.addLast(currentPath);
        while (maxFiles > 0 && kept.size() > maxFiles) {
            Path old = kept.removeFirst();
            Files.deleteIfExists(old);
            deleted.add(old);
        }
    }

    @Override
    public void flush() throws IOException {
        if (current != null) {
            current.flush();
        }
    }

    /** The current file (a rotation starts another: offsets are into the file named here at the time). */
    @Override
    public Path fileBeingWritten() {
        return current == null ? null : current.fileBeingWritten();
    }

    @Override
    public long lastFrameOffset() {
        return current == null ? -1 : current.lastFrameOffset();
    }

    /** Files written and still kept, oldest first (the current one once closed). */
    public List<Path> files() {
        return new ArrayList<>(kept);
    }

    /** Files removed to keep only the newest N. */
    public List<Path> deletedFiles() {
        return List.copyOf(deleted);
    }

    @Override
    public long salvage() {
        if (current == null) {
            return -1;
        }
        long frames = current.salvage();
        if (frames >= 0) {
            kept.addLast(currentPath);
        }
        current = null;
        return frames;
    }

    @Override
    public void abort() {
        if (current != null) {
            current.abort();
            current = null;
        }
    }

    /** Closes the current file; with no frame at all, still writes one (empty, valid) capture. */
    @Override
    public void close() throws IOException {
        if (current == null && sequence == 0) {
            startFile(System.currentTimeMillis() * 1_000_000L);
        }
        if (current != null) {
            finishCurrent();
        }
    }
}
