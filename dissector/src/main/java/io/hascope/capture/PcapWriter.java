package io.hascope.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Classic pcap with nanosecond timestamps; one link type per file, as the format allows. */
public final class PcapWriter implements CaptureWriter {
    private final OutputSink sink;
    private int linkType = -1;

    public PcapWriter(OutputStream out) {
        this.sink = new OutputSink(out, ByteOrder.nativeOrder());
    }

    public PcapWriter(Path file) throws IOException {
        this.sink = new OutputSink(file, ByteOrder.nativeOrder());
    }

    @Override
    public int addInterface(int linkType, int snapLength, String name) throws IOException {
        if (this.linkType >= 0) {
            if (linkType != this.linkType) {
                throw new IllegalArgumentException("pcap holds one link type; use pcapng to mix "
                        + LinkType.name(this.linkType) + " and " + LinkType.name(linkType));
            }
            return 0;
        }
        this.linkType = linkType;
        sink.reserve(24);
        sink.buffer.putInt(PcapReader.MAGIC_NANOS).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(snapLength).putInt(linkType);
        return 0;
    }

    @Override
    public void write(int interfaceId, long timeNanos, ByteBuffer bytes, int offset, int capturedLength,
                      int originalLength, String comment) throws IOException {
        if (linkType < 0 || interfaceId != 0) {
            throw new IllegalArgumentException("interface " + interfaceId + " was not declared");
        }
        sink.reserve(16 + capturedLength);
        ByteBuffer b = sink.buffer;
        b.putInt((int) (timeNanos / 1_000_000_000L)).putInt((int) (timeNanos % 1_000_000_000L));
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
