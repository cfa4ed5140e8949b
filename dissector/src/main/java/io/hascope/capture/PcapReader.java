package io.hascope.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/** Classic libpcap files: all four magics (µs and ns resolution, either byte order). */
public final class PcapReader implements CaptureReader {
    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int MAGIC_NANOS = 0xa1b23c4d;
    /** Wireshark's limit for one record (WTAP_MAX_PACKET_SIZE_STANDARD); larger means a corrupt header. */
    static final int MAX_RECORD = 262_144;
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private final ByteSource source;
    private final boolean swapped;
    private final boolean nanos;
    private final InterfaceInfo iface;
    private long position = FILE_HEADER;
    private long count;
    private CaptureProblem problem;

    PcapReader(ByteSource source) throws IOException {
        this.source = source;
        if (!source.ensure(0, FILE_HEADER)) {
            throw new CaptureFormatException(source.name(), 0, "pcap file header is cut short");
        }
        ByteBuffer b = source.buffer();
        int at = source.index(0);
        int magic = b.getInt(at);
        swapped = magic == Integer.reverseBytes(MAGIC_MICROS) || magic == Integer.reverseBytes(MAGIC_NANOS);
        int native0 = swapped ? Integer.reverseBytes(magic) : magic;
        if (native0 != MAGIC_MICROS && native0 != MAGIC_NANOS) {
            throw new CaptureFormatException(source.name(), 0, "not a pcap file");
        }
        nanos = native0 == MAGIC_NANOS;
        int snap = u32(b, at + 16);
        int linkTypeField = u32(b, at + 20);
        // the upper bits carry FCS information (LINKTYPE_... + FCS length); the type is the low 16 bits
        int linkType = linkTypeField & 0xffff;
        iface = new InterfaceInfo(0, linkType, snap, null, null, nanos ? 1_000_000_000L : 1_000_000L, 0);
    }

    private int u32(ByteBuffer b, int at) {
        int v = b.getInt(at);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        if (problem != null) {
            return false;
        }
        if (!source.ensure(position, RECORD_HEADER)) {
            long left = source.available(position);
            if (left > 0) {
                problem = new CaptureProblem(source.name(), position,
                        "the last record header is cut short (" + left + " of 16 bytes)");
            }
            return false;
        }
        ByteBuffer b = source.buffer();
        int at = source.index(position);
        long seconds = u32(b, at) & 0xffffffffL;
        long fraction = u32(b, at + 4) & 0xffffffffL;
        int captured = u32(b, at + 8);
        int original = u32(b, at + 12);
        if (captured < 0 || captured > MAX_RECORD) {
            problem = new CaptureProblem(source.name(), position, "record " + (count + 1) + " claims "
                    + Integer.toUnsignedString(captured) + " captured bytes, more than the maximum of " + MAX_RECORD);
            return false;
        }
        long data = position + RECORD_HEADER;
        if (!source.ensure(data, captured)) {
            problem = new CaptureProblem(source.name(), position, "record " + (count + 1) + " is cut short ("
                    + source.available(data) + " of " + captured + " bytes)");
            return false;
        }
        int pseudo = LinkType.pseudoHeaderLength(iface.linkType());
        if (captured < pseudo) {
            problem = new CaptureProblem(source.name(), position, "record " + (count + 1) + " has " + captured
                    + " bytes, too few for its " + pseudo + "-byte " + LinkType.name(iface.linkType()) + " pseudo-header");
            return false;
        }
        frame.buffer = source.buffer();
        frame.offset = source.index(data) + pseudo;
        frame.capturedLength = captured - pseudo;
        frame.originalLength = Integer.compareUnsigned(original, pseudo) >= 0 ? original - pseudo : 0;
        frame.timeNanos = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000L);
        frame.timestampOutOfRange = fraction >= (nanos ? 1_000_000_000L : 1_000_000L);
        frame.interfaceId = 0;
        frame.interfaceDeclared = false;
        frame.interfaceName = null;
        frame.linkType = iface.linkType();
        frame.number = ++count;
        frame.fileOffset = position;
        frame.comment = null;
        frame.pseudoHeaderLength = pseudo;
        position = data + captured;
        return true;
    }

    @Override
    public CaptureProblem problem() {
        return problem;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return List.of(iface);
    }

    @Override
    public String format() {
        return nanos ? "pcap (ns)" : "pcap";
    }

    @Override
    public List<String> fileComments() {
        return List.of();
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
