package io.hascope.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** pcapng in the machine's byte order with nanosecond timestamps (if_tsresol = 9), one section. */
public final class PcapngWriter implements CaptureWriter {
    private static final int MAX_FRAME = PcapReader.MAX_RECORD;
    private final OutputSink sink;
    private int interfaces;
    private long lastFrameOffset = -1;

    public PcapngWriter(OutputStream out, String application) throws IOException {
        this.sink = new OutputSink(out, ByteOrder.nativeOrder());
        writeSectionHeader(application);
    }

    public PcapngWriter(Path file, String application) throws IOException {
        this.sink = new OutputSink(file, ByteOrder.nativeOrder());
        writeSectionHeader(application);
    }

    private void writeSectionHeader(String application) throws IOException {
        byte[] app = application == null ? new byte[0] : application.getBytes(StandardCharsets.UTF_8);
        int optLen = app.length == 0 ? 0 : 4 + pad(app.length) + 4;
        int length = 28 + optLen;
        sink.reserve(length);
        ByteBuffer b = sink.buffer;
        b.putInt(PcapngReader.SHB).putInt(length).putInt(PcapngReader.BYTE_ORDER_MAGIC);
        b.putShort((short) 1).putShort((short) 0).putLong(-1L);
        if (app.length > 0) {
            option(b, 4, app); // shb_userappl
            b.putInt(0);
        }
        b.putInt(length);
    }

    @Override
    public int addInterface(int linkType, int snapLength, String name) throws IOException {
        byte[] n = name == null ? new byte[0] : name.getBytes(StandardCharsets.UTF_8);
        int optLen = 8 + (n.length == 0 ? 0 : 4 + pad(n.length)) + 4;
        int length = 20 + optLen;
        sink.reserve(length);
        ByteBuffer b = sink.buffer;
        b.putInt(PcapngReader.IDB).putInt(length).putShort((short) linkType).putShort((short) 0).putInt(snapLength);
        if (n.length > 0) {
            option(b, 2, n);
        }
        b.putShort((short) 9).putShort((short) 1).put((byte) 9).put((byte) 0).putShort((short) 0);
        b.putInt(0);
        b.putInt(length);
        return interfaces++;
    }

    @Override
    public void write(int interfaceId, long timeNanos, ByteBuffer bytes, int offset, int capturedLength,
                      int originalLength, String comment) throws IOException {
        if (interfaceId < 0 || interfaceId >= interfaces) {
            throw new IllegalArgumentException("interface " + interfaceId + " was not declared");
        }
        if (capturedLength > MAX_FRAME) {
            throw new IllegalArgumentException("frame of " + capturedLength + " bytes exceeds " + MAX_FRAME);
        }
        byte[] c = comment == null ? null : comment.getBytes(StandardCharsets.UTF_8);
        int optLen = c == null ? 0 : 4 + pad(c.length) + 4;
        int length = 32 + pad(capturedLength) + optLen;
        sink.reserve(length);
        lastFrameOffset = sink.position();
        ByteBuffer b = sink.buffer;
        b.putInt(PcapngReader.EPB).putInt(length).putInt(interfaceId);
        b.putInt((int) (timeNanos >>> 32)).putInt((int) timeNanos);
        b.putInt(capturedLength).putInt(originalLength);
        b.put(b.position(), bytes, offset, capturedLength);
        b.position(b.position() + capturedLength);
        for (int i = capturedLength; i < pad(capturedLength); i++) {
            b.put((byte) 0);
        }
        if (c != null) {
            option(b, 1, c);
            b.putInt(0);
        }
        b.putInt(length);
        sink.frameWritten();
    }

    private static void option(ByteBuffer b, int code, byte[] value) {
        b.putShort((short) code).putShort((short) value.length).put(value);
        for (int i = value.length; i < pad(value.length); i++) {
            b.put((byte) 0);
        }
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    @Override
    public void flush() throws IOException {
        sink.flush();
    }

    @Override
    public java.nio.file.Path fileBeingWritten() {
        return sink.partialFile();
    }

    @Override
    public long lastFrameOffset() {
        return lastFrameOffset;
    }

    @Override
    public long salvage() {
        return sink.salvage();
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
