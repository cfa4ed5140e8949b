package io.hascope.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Classic pcap, with nanosecond timestamps or (as tshark's -F pcap) microsecond ones: one link type per file, as the
 * format allows. Interfaces of that one link type all write to it (the format has no interfaces); a second link type
 * cannot be written, and is said in one sentence. Frame comments have nowhere to go and are left out.
 */
public final class PcapWriter implements CaptureWriter {
    private final OutputSink sink;
    private final boolean nanos;
    private int linkType = -1;
    private int interfaces;

    public PcapWriter(OutputStream out) {
        this.sink = new OutputSink(out, ByteOrder.nativeOrder());
        this.nanos = true;
    }

    public PcapWriter(Path file) throws IOException {
        this(file, true);
    }

    /** A file with nanosecond timestamps, or microsecond ones (the timestamps cut to the microsecond). */
    public PcapWriter(Path file, boolean nanos) throws IOException {
        this.sink = new OutputSink(file, ByteOrder.nativeOrder());
        this.nanos = nanos;
    }

    @Override
    public int addInterface(int linkType, int snapLength, String name) throws IOException {
        if (this.linkType >= 0) {
            if (linkType != this.linkType) {
                throw new IllegalArgumentException("pcap holds one link type; use pcapng to mix "
                        + LinkType.name(this.linkType) + " and " + LinkType.name(linkType));
            }
            return interfaces++;
        }
        this.linkType = linkType;
        sink.reserve(24);
        sink.buffer.putInt(nanos ? PcapReader.MAGIC_NANOS : PcapReader.MAGIC_MICROS).putShort((short) 2)
                .putShort((short) 4).putInt(0).putInt(0).putInt(snapLength).putInt(linkType);
        return interfaces++;
    }

    @Override
    public void write(int interfaceId, long timeNanos, ByteBuffer bytes, int offset, int capturedLength,
                      int originalLength, String comment) throws IOException {
        if (interfaceId < 0 || interfaceId >= interfaces) {
            throw new IllegalArgumentException("interface " + interfaceId + " was not declared");
        }
        sink.reserve(16 + capturedLength);
        ByteBuffer b = sink.buffer;
        long fraction = timeNanos % 1_000_000_000L;
        b.putInt((int) (timeNanos / 1_000_000_000L)).putInt((int) (nanos ? fraction : fraction / 1000));
        b.putInt(capturedLength).putInt(originalLength);
        b.put(b.position(), bytes, offset, capturedLength);
        b.position(b.position() + capturedLength);
    }

    @Override
    public void abort() {
        sink.abort();
    }

    @Override
    public void close() throws IOException {
        sink.close();
    }
}
