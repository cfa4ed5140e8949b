package io.hascope.live;

import io.hascope.capture.Frame;
import io.hascope.capture.FrameStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The frames of a live capture as a viewer sees them, appended by one thread (the session's file writer, so the
 * numbers are the file's) and read by another: a frame is visible once {@link #size()} counts it.
 * <p>
 * A frame's bytes are held here only until the writer has flushed them to the file; from then on they are read
 * back from the file on demand, as Wireshark reads the file dumpcap writes. So a capture of hours costs the viewer
 * some 32 bytes a frame plus the last second's frames, not every frame it has seen. Frames stay held when the
 * writer cannot say where they lie, or moves on to another file (ring buffers).
 */
public final class LiveFrames implements FrameStore {
    /** An enhanced packet block's bytes before its frame (the pcapng writer writes no other kind of frame record). */
    private static final int RECORD_HEADER = 28;
    private final int linkType;
    private volatile byte[][] bytes = new byte[4096][];
    private volatile long[] recordOffsets = new long[4096];
    private volatile long[] times = new long[4096];
    private volatile int[] capturedLengths = new int[4096];
    private volatile int[] originalLengths = new int[4096];
    /** Each frame's capture interface (a tap at each DPU's port is two), as the file's records say. */
    private volatile byte[] interfaceIds = new byte[4096];
    private volatile int size;
    /** Frames 1 to inFile are in the file and their bytes no longer held; published after the channel opens. */
    private volatile int inFile;
    private volatile FileChannel channel;
    // the writer's thread only
    private Path file;
    private boolean followsFile = true;
    /** Reads back for the viewer's thread. */
    private final FileReads reads = new FileReads();

    public LiveFrames(int linkType) {
        this.linkType = linkType;
    }

    /** Writer side: a frame held in memory that is not in any file (number size + 1). */
    public void add(byte[] frame, long timeNanos, int originalLength) {
        add(frame, timeNanos, originalLength, 0, null, -1);
    }

    /**
     * Writer side: the next frame (number size + 1), captured on interface interfaceId and just written to file (its
     * name while written) with its record at recordOffset; held until {@link #flushed()} says the file has it.
     */
    public void add(byte[] frame, long timeNanos, int originalLength, int interfaceId, Path file, long recordOffset) {
        int n = size;
        if (n == times.length) {
            // grow into new arrays and publish them before the size that makes the frame visible
            bytes = Arrays.copyOf(bytes, n * 2);
            recordOffsets = Arrays.copyOf(recordOffsets, n * 2);
            times = Arrays.copyOf(times, n * 2);
            capturedLengths = Arrays.copyOf(capturedLengths, n * 2);
            originalLengths = Arrays.copyOf(originalLengths, n * 2);
            interfaceIds = Arrays.copyOf(interfaceIds, n * 2);
        }
        follow(file, recordOffset);
        bytes[n] = frame;
        recordOffsets[n] = recordOffset;
        times[n] = timeNanos;
        capturedLengths[n] = frame.length;
        originalLengths[n] = originalLength;
        interfaceIds[n] = (byte) interfaceId;
        size = n + 1;
    }

    private void follow(Path written, long recordOffset) {
        if (!followsFile) {
            return;
        }
        if (written == null || recordOffset < 0) {
            followsFile = false;
        } else if (file == null) {
            file = written;
        } else if (written != file && !written.equals(file)) {
            followsFile = false; // the frames before are in the first file, these in another: keep them all from here
        }
    }

    /**
     * Writer side, after a flush: every frame added so far is in the file, so their bytes are let go and read back
     * from there. Does nothing once the frames no longer all lie in one file or the file cannot be opened.
     */
    public void flushed() {
        if (!followsFile || file == null) {
            return;
        }
        if (channel == null) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ); // open still once the file is renamed
            } catch (IOException e) {
                followsFile = false;
                return;
            }
        }
        int from = inFile;
        int to = size;
        inFile = to; // published before the bytes go: a reader that finds them gone reads the file
        byte[][] held = bytes;
        Arrays.fill(held, from, to, null);
    }

    /** Frames whose bytes are held in memory now (the rest are read back from the file). */
    public int framesHeld() {
        return size - inFile;
    }

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

    /** Points into at frame number, from memory or read back from the file (valid until the next read). */
    @Override
    public Frame read(int number, Frame into) throws IOException {
        return read(number, into, reads);
    }

    private Frame read(int number, Frame into, FileReads from) throws IOException {
        int i = number - 1;
        if (number > inFile) {
            byte[] b = bytes[i];
            if (b != null) {
                return into.set(ByteBuffer.wrap(b), 0, b.length, originalLengths[i], times[i], linkType, number)
                        .declaredOn(interfaceIds[i] & 0xff); // the file's interface
            }
            while (inFile < number) {
                Thread.onSpinWait(); // let go just now: the writer published it in the file first, an instant before
            }
        }
        ByteBuffer b = from.read(recordOffsets[i] + RECORD_HEADER, capturedLengths[i], number);
        return into.set(b, 0, b.limit(), originalLengths[i], times[i], linkType, number)
                .declaredOn(interfaceIds[i] & 0xff); // the file's interface
    }

    /** A reader's buffer for frames read back from the file: one per reading thread. */
    private final class FileReads {
        private ByteBuffer buffer = ByteBuffer.allocate(2048);

        ByteBuffer read(long at, int length, int number) throws IOException {
            if (buffer.capacity() < length) {
                buffer = ByteBuffer.allocate(Math.max(length, buffer.capacity() * 2));
            }
            ByteBuffer b = buffer;
            b.clear().limit(length);
            FileChannel c = channel;
            while (b.hasRemaining()) {
                if (c.read(b, at + b.position()) < 0) {
                    throw new IOException(file + ": frame " + number + " is no longer in the file (it was cut short)");
                }
            }
            return b.flip();
        }
    }

    /** The same frames for another thread, reading back from the file through a buffer of its own. */
    @Override
    public FrameStore secondReader() {
        LiveFrames frames = this;
        FileReads own = new FileReads();
        return new FrameStore() {
            @Override
            public int size() {
                return frames.size();
            }

            @Override
            public long timeNanos(int number) {
                return frames.timeNanos(number);
            }

            @Override
            public int capturedLength(int number) {
                return frames.capturedLength(number);
            }

            @Override
            public int originalLength(int number) {
                return frames.originalLength(number);
            }

            @Override
            public Frame read(int number, Frame into) throws IOException {
                return frames.read(number, into, own);
            }

            @Override
            public FrameStore secondReader() {
                return frames.secondReader();
            }
        };
    }

    /** Closes the file the frames are read back from; frames still held stay readable. */
    @Override
    public void close() throws IOException {
        FileChannel c = channel;
        if (c != null) {
            c.close();
        }
    }
}
