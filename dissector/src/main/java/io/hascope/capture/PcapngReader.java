package io.hascope.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng: sections in either byte order, any number of interfaces each with its own link type, if_tsresol and
 * if_tsoffset; enhanced, simple and obsolete packet blocks; every other block type is skipped.
 */
public final class PcapngReader implements CaptureReader {
    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 1;
    static final int PB = 2;
    static final int SPB = 3;
    static final int EPB = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int OPT_END = 0;
    private static final int OPT_COMMENT = 1;
    private static final int IF_NAME = 2;
    private static final int IF_DESCRIPTION = 3;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;

    private final ByteSource source;
    private final List<InterfaceInfo> interfaces = new ArrayList<>();
    private final List<InterfaceInfo> allInterfaces = new ArrayList<>();
    private final List<String> fileComments = new ArrayList<>();
    private boolean swapped;
    private long position;
    private long count;
    private CaptureProblem problem;

    PcapngReader(ByteSource source) throws IOException {
        this.source = source;
        if (!source.ensure(0, 12) || !readSectionHeader(0)) {
            throw new CaptureFormatException(source.name(), 0,
                    problem != null ? problem.reason() : "pcapng section header is cut short");
        }
    }

    private int u32(ByteBuffer b, int at) {
        int v = b.getInt(at);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    private int u16(ByteBuffer b, int at) {
        short v = b.getShort(at);
        return (swapped ? Short.reverseBytes(v) : v) & 0xffff;
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        while (problem == null) {
            if (!source.ensure(position, 8)) {
                long left = source.available(position);
                if (left > 0) {
                    fail(position, "the last block header is cut short (" + left + " of 8 bytes)");
                }
                return false;
            }
            ByteBuffer b = source.buffer();
            int at = source.index(position);
            int type = b.getInt(at);
            if (type == SHB) {
                if (!readSectionHeader(position)) {
                    return false;
                }
                continue;
            }
            type = swapped ? Integer.reverseBytes(type) : type;
            int length = u32(b, at + 4);
            if ((length < 12 && length >= 0) || (length & 3) != 0) {
                fail(position, "block of type " + Integer.toUnsignedString(type) + " has an invalid length "
                        + Integer.toUnsignedString(length));
                return false;
            }
            long blockEnd = position + Integer.toUnsignedLong(length);
            if (type != IDB && type != EPB && type != SPB && type != PB) {
                // name resolution, statistics, decryption secrets, custom blocks: skipped without mapping them
                if (!source.skipTo(blockEnd)) {
                    fail(position, "block of type " + Integer.toUnsignedString(type) + " is cut short");
                    return false;
                }
                position = blockEnd;
                continue;
            }
            if (length < 0 || !source.ensure(position, length)) {
                fail(position, "block " + Integer.toUnsignedString(type) + " is cut short ("
                        + source.available(position) + " of " + Integer.toUnsignedString(length) + " bytes)");
                return false;
            }
            b = source.buffer();
            at = source.index(position);
            long blockStart = position;
            position += length;
            boolean isFrame = false;
            switch (type) {
                case IDB -> readInterface(b, at, length, blockStart);
                case EPB -> isFrame = readEnhanced(frame, b, at, length, blockStart);
                case SPB -> isFrame = readSimple(frame, b, at, length, blockStart);
                default -> isFrame = readObsolete(frame, b, at, length, blockStart);
            }
            if (isFrame) {
                return true;
            }
        }
        return false;
    }

    private boolean readSectionHeader(long at0) throws IOException {
        if (!source.ensure(at0, 12)) {
            fail(at0, "section header block is cut short");
            return false;
        }
        ByteBuffer b = source.buffer();
        int at = source.index(at0);
        int magic = b.getInt(at + 8);
        if (magic == BYTE_ORDER_MAGIC) {
            swapped = false;
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            swapped = true;
        } else {
            fail(at0, "section header has no valid byte-order magic");
            return false;
        }
        int length = u32(b, at + 4);
        if (length < 28 || (length & 3) != 0) {
            fail(at0, "section header has an invalid length " + Integer.toUnsignedString(length));
            return false;
        }
        if (!source.ensure(at0, length)) {
            fail(at0, "section header block is cut short");
            return false;
        }
        b = source.buffer();
        at = source.index(at0);
        readOptions(b, at + 24, at + length - 4, (code, vAt, vLen) -> {
            if (code == OPT_COMMENT) {
                fileComments.add(string(source.buffer(), vAt, vLen));
            }
        });
        interfaces.clear();
        position = at0 + length;
        return true;
    }

    private void readInterface(ByteBuffer b, int at, int length, long blockStart) {
        if (length < 20) {
            fail(blockStart, "interface description block is too short");
            return;
        }
        int linkType = u16(b, at + 8);
        int snap = u32(b, at + 12);
        String[] names = new String[2];
        long[] resolution = {1_000_000L};
        long[] offset = {0};
        readOptions(b, at + 16, at + length - 4, (code, vAt, vLen) -> {
            switch (code) {
                case IF_NAME -> names[0] = string(b, vAt, vLen);
                case IF_DESCRIPTION -> names[1] = string(b, vAt, vLen);
                case IF_TSRESOL -> {
                    if (vLen >= 1) {
                        resolution[0] = unitsPerSecond(b.get(vAt));
                    }
                }
                case IF_TSOFFSET -> {
                    if (vLen >= 8) {
                        long v = b.getLong(vAt);
                        offset[0] = swapped ? Long.reverseBytes(v) : v;
                    }
                }
                default -> {
                }
            }
        });
        InterfaceInfo info = new InterfaceInfo(interfaces.size(), linkType, snap, names[0], names[1],
                resolution[0], offset[0]);
        interfaces.add(info);
        allInterfaces.add(info);
    }

    /** if_tsresol: high bit clear means 10^-v seconds, set means 2^-v. Unrepresentable values keep µs. */
    static long unitsPerSecond(byte tsresol) {
        int v = tsresol & 0x7f;
        if ((tsresol & 0x80) == 0) {
            return v <= 18 ? pow10(v) : 1_000_000L;
        }
        return v <= 62 ? 1L << v : 1_000_000L;
    }

    private static long pow10(int v) {
        long r = 1;
        for (int i = 0; i < v; i++) {
            r *= 10;
        }
        return r;
    }

    private InterfaceInfo interfaceFor(long id, long blockStart) {
        if (id < 0 || id >= interfaces.size()) {
            fail(blockStart, "packet block names interface " + id + " but the section has "
                    + interfaces.size());
            return null;
        }
        return interfaces.get((int) id);
    }

    private boolean readEnhanced(Frame frame, ByteBuffer b, int at, int length, long blockStart) {
        if (length < 32) {
            fail(blockStart, "enhanced packet block is too short");
            return false;
        }
        InterfaceInfo iface = interfaceFor(u32(b, at + 8) & 0xffffffffL, blockStart);
        if (iface == null) {
            return false;
        }
        long ts = ((u32(b, at + 12) & 0xffffffffL) << 32) | (u32(b, at + 16) & 0xffffffffL);
        int captured = u32(b, at + 20);
        int original = u32(b, at + 24);
        return fillFrame(frame, b, at, length, blockStart, iface, ts, captured, original, 28);
    }

    private boolean readObsolete(Frame frame, ByteBuffer b, int at, int length, long blockStart) {
        if (length < 32) {
            fail(blockStart, "packet block is too short");
            return false;
        }
        InterfaceInfo iface = interfaceFor(u16(b, at + 8), blockStart);
        if (iface == null) {
            return false;
        }
        long ts = ((u32(b, at + 12) & 0xffffffffL) << 32) | (u32(b, at + 16) & 0xffffffffL);
        int captured = u32(b, at + 20);
        int original = u32(b, at + 24);
        return fillFrame(frame, b, at, length, blockStart, iface, ts, captured, original, 28);
    }

    private boolean fillFrame(Frame frame, ByteBuffer b, int at, int length, long blockStart, InterfaceInfo iface,
                              long ts, int captured, int original, int dataAt) {
        int room = length - dataAt - 4;
        if (captured < 0 || captured > room || captured > PcapReader.MAX_RECORD) {
            fail(blockStart, "packet block claims " + Integer.toUnsignedString(captured)
                    + " captured bytes but holds " + room);
            return false;
        }
        int pseudo = LinkType.pseudoHeaderLength(iface.linkType());
        if (captured < pseudo) {
            fail(blockStart, "packet block has " + captured + " bytes, too few for its " + pseudo + "-byte "
                    + LinkType.name(iface.linkType()) + " pseudo-header");
            return false;
        }
        frame.buffer = b;
        frame.offset = at + dataAt + pseudo;
        frame.capturedLength = captured - pseudo;
        frame.originalLength = Integer.compareUnsigned(original, pseudo) >= 0 ? original - pseudo : 0;
        frame.timeNanos = iface.toNanos(ts);
        frame.timestampOutOfRange = false;
        frame.interfaceId = iface.id();
        frame.interfaceDeclared = true;
        frame.interfaceName = iface.name();
        frame.linkType = iface.linkType();
        frame.number = ++count;
        frame.fileOffset = blockStart;
        frame.comment = null;
        frame.pseudoHeaderLength = pseudo;
        int optionsAt = at + dataAt + ((captured + 3) & ~3);
        if (optionsAt + 4 <= at + length - 4) {
            // options are rare on packet blocks: only then pay for the walk
            String[] comment = {null};
            readOptions(b, optionsAt, at + length - 4, (code, vAt, vLen) -> {
                if (code == OPT_COMMENT) {
                    String text = string(b, vAt, vLen);
                    comment[0] = comment[0] == null ? text : comment[0] + "; " + text;
                }
            });
            frame.comment = comment[0];
        }
        return true;
    }

    private boolean readSimple(Frame frame, ByteBuffer b, int at, int length, long blockStart) {
        if (length < 16) {
            fail(blockStart, "simple packet block is too short");
            return false;
        }
        InterfaceInfo iface = interfaceFor(0, blockStart);
        if (iface == null) {
            return false;
        }
        int original = u32(b, at + 8);
        int room = length - 16;
        int captured = (int) Math.min(Integer.toUnsignedLong(original), room);
        if (iface.snapLength() > 0) {
            captured = Math.min(captured, iface.snapLength());
        }
        frame.buffer = b;
        frame.offset = at + 12;
        frame.pseudoHeaderLength = 0; // a simple packet block's bytes are all given as the frame
        frame.capturedLength = captured;
        frame.originalLength = original;
        frame.timeNanos = 0;
        frame.timestampOutOfRange = false;
        frame.interfaceId = 0;
        frame.interfaceDeclared = true;
        frame.interfaceName = iface.name();
        frame.linkType = iface.linkType();
        frame.number = ++count;
        frame.fileOffset = blockStart;
        frame.comment = null;
        return true;
    }

    private interface OptionVisitor {
        void option(int code, int valueAt, int valueLength);
    }

    /** Walks options until opt_endofopt or the end; malformed option lists simply end the walk. */
    private void readOptions(ByteBuffer b, int at, int end, OptionVisitor visitor) {
        while (at + 4 <= end) {
            int code = u16(b, at);
            int len = u16(b, at + 2);
            if (code == OPT_END || at + 4 + len > end) {
                return;
            }
            visitor.option(code, at + 4, len);
            at += 4 + ((len + 3) & ~3);
        }
    }

    private static String string(ByteBuffer b, int at, int len) {
        byte[] raw = new byte[len];
        b.get(at, raw, 0, len);
        int n = len;
        while (n > 0 && raw[n - 1] == 0) {
            n--;
        }
        return new String(raw, 0, n, StandardCharsets.UTF_8);
    }

    private void fail(long offset, String reason) {
        if (problem == null) {
            problem = new CaptureProblem(source.name(), offset, reason);
        }
    }

    @Override
    public CaptureProblem problem() {
        return problem;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return List.copyOf(allInterfaces);
    }

    @Override
    public String format() {
        return "pcapng";
    }

    @Override
    public List<String> fileComments() {
        return List.copyOf(fileComments);
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
