package io.hascope.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where each frame of a capture file lies, so a viewer can show any frame without keeping any: built while the
 * file is read once (wrap the reader with {@link #recording}), then frames are re-read on demand through mapped
 * windows. About 28 bytes per frame, whatever the frames hold.
 */
public final class FrameIndex implements FrameStore, Closeable {
    private final Path file;
    private final boolean pcapng;
    private long[] recordOffsets = new long[1024];
    private long[] times = new long[1024];
    private int[] capturedLengths = new int[1024];
    private int[] originalLengths = new int[1024];
    private short[] linkTypes = new short[1024];
    private short[] interfaces = new short[1024];
    /** The interfaces' names, by number, as the frames said them (null: unnamed). */
    private String[] interfaceNames = new String[0];
    private int size;
    private MappedFileSource source;
    /** The mapped window's size (small in tests, to make a file of a few MB span many windows). */
    int windowSize = MappedFileSource.DEFAULT_WINDOW;

    private FrameIndex(Path file, boolean pcapng) {
        this.file = file;
        this.pcapng = pcapng;
    }

    /** A second reader of a complete index: the frames' places shared, the mapped window its own. */
    private FrameIndex(FrameIndex of) {
        this(of.file, of.pcapng);
        recordOffsets = of.recordOffsets;
        times = of.times;
        capturedLengths = of.capturedLengths;
        originalLengths = of.originalLengths;
        linkTypes = of.linkTypes;
        interfaces = of.interfaces;
        interfaceNames = of.interfaceNames;
        size = of.size;
        windowSize = of.windowSize;
    }

    /**
     * Another thread's reader of this index, once it is complete. Two threads must not share one: a read maps the
     * window its frame lies in, and one thread's window moving under the other's read gave it another frame's bytes.
     */
    @Override
    public FrameIndex secondReader() {
        return new FrameIndex(this);
    }

    /** A reader that indexes every frame it passes on; the index is complete once the reader has been read out. */
    public static Recording recording(Path file, CaptureReader reader) {
        return new Recording(new FrameIndex(file, reader.format().startsWith("pcapng")), reader);
    }

    /** The reader that builds the index as a side effect of being read. */
    public static final class Recording extends ForwardingCaptureReader {
        private final FrameIndex index;

        private Recording(FrameIndex index, CaptureReader inner) {
            super(inner);
            this.index = index;
        }

        public FrameIndex index() {
            return index;
        }

        @Override
        public boolean next(Frame frame) throws IOException {
            if (!inner.next(frame)) {
                return false;
            }
            index.add(frame);
            return true;
        }
    }

    private void add(Frame f) {
        if (size == times.length) {
            int n = size * 2;
            recordOffsets = Arrays.copyOf(recordOffsets, n);
            times = Arrays.copyOf(times, n);
            capturedLengths = Arrays.copyOf(capturedLengths, n);
            originalLengths = Arrays.copyOf(originalLengths, n);
            linkTypes = Arrays.copyOf(linkTypes, n);
            interfaces = Arrays.copyOf(interfaces, n);
        }
        recordOffsets[size] = f.fileOffset();
        times[size] = f.timeNanos();
        capturedLengths[size] = f.capturedLength();
        originalLengths[size] = f.originalLength();
        linkTypes[size] = (short) f.linkType();
        interfaces[size] = (short) f.interfaceId();
        if (f.interfaceName() != null && f.interfaceId() >= 0) {
            if (f.interfaceId() >= interfaceNames.length) {
                interfaceNames = Arrays.copyOf(interfaceNames, f.interfaceId() + 1);
            }
            interfaceNames[f.interfaceId()] = f.interfaceName();
        }
        size++;
    }

    /** Frames indexed (frame numbers run from 1 to size). */
    @Override
    public int size() {
        return size;
    }

    @Override
    public long timeNanos(int number) {
        return times[number - 1];
    }

    @Override
    public int capturedLength(int number) {
        return capturedLengths[number - 1];
    }

    @Override
    public int originalLength(int number) {
        return originalLengths[number - 1];
    }

    /** Re-reads frame number into the view (valid until the next read). */
    @Override
    public Frame read(int number, Frame into) throws IOException {
        int i = number - 1;
        if (source == null) {
            source = new MappedFileSource(file, windowSize);
        }
        long record = recordOffsets[i];
        int length = capturedLengths[i];
        // the record's header, then the pseudo-header its reader left out of the frame (SunATM), as the readers do
        boolean simple = simplePacketBlock(record);
        int pseudo = simple ? 0 : LinkType.pseudoHeaderLength(linkTypes[i] & 0xffff);
        long data = record + (!pcapng ? 16 : simple ? 12 : 28) + pseudo;
        if (!source.ensure(data, length)) {
            throw new IOException(file + ": frame " + number + " is no longer where it was (the file changed)");
        }
        ByteBuffer b = source.buffer();
        into.set(b, source.index(data), length, originalLengths[i], times[i], linkTypes[i] & 0xffff, number);
        into.pseudoHeaderLength = pseudo;
        into.interfaceId = interfaces[i];
        into.interfaceName = interfaces[i] < interfaceNames.length ? interfaceNames[interfaces[i]] : null;
        into.interfaceDeclared = pcapng;
        into.fileOffset = record;
        return into;
    }

    /** A pcapng simple packet block, whose bytes are all the frame (its readers strip no pseudo-header). */
    private boolean simplePacketBlock(long record) throws IOException {
        if (!pcapng) {
            return false;
        }
        source.ensure(record, 4);
        int type = source.buffer().getInt(source.index(record));
        return type == PcapngReader.SPB || Integer.reverseBytes(type) == PcapngReader.SPB;
    }

    @Override
    public void close() throws IOException {
        if (source != null) {
            source.close();
        }
    }
}
