package io.hascope.capture;

import java.nio.ByteBuffer;

/**
 * A flyweight view of one captured frame: its bytes stay where the reader found them (a mapped window or a
 * stream buffer) and this object is reused for the next frame. Valid until the reader's next call to next().
 */
public final class Frame {
    ByteBuffer buffer;
    int offset;
    int capturedLength;
    int originalLength;
    long timeNanos;
    int interfaceId;
    boolean interfaceDeclared;
    /** The name the capture gave the frame's interface (pcapng if_name), or null. */
    String interfaceName;
    int linkType;
    long number;
    long fileOffset;
    boolean timestampOutOfRange;
    String comment;
    int pseudoHeaderLength;

    public ByteBuffer buffer() {
        return buffer;
    }

    /** Index of the frame's first byte within {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    public int capturedLength() {
        return capturedLength;
    }

    public int originalLength() {
        return originalLength;
    }

    /** Capture time in nanoseconds since the Unix epoch. */
    public long timeNanos() {
        return timeNanos;
    }

    public int interfaceId() {
        return interfaceId;
    }

    /** Whether the file declares interfaces (pcapng); a pcap file has one implicit interface and no id. */
    public boolean interfaceDeclared() {
        return interfaceDeclared;
    }

    /** The name the capture gave the frame's interface (pcapng if_name), or null when it gave none. */
    public String interfaceName() {
        return interfaceName;
    }

    public int linkType() {
        return linkType;
    }

    /** 1-based position in the capture. */
    public long number() {
        return number;
    }

    /** Offset of the frame's record in the capture file (for indexes and error messages). */
    public long fileOffset() {
        return fileOffset;
    }

    /** The record's sub-second field was out of range (≥ 10^6 µs or 10^9 ns); the time was carried into seconds. */
    public boolean timestampOutOfRange() {
        return timestampOutOfRange;
    }

    /**
     * Bytes of the record just before the frame's first that are no part of it, which the reader left out (SunATM's
     * pseudo-header: {@link LinkType#pseudoHeaderLength}); 0 where it left nothing out or holds only the frame.
     */
    public int pseudoHeaderLength() {
        return pseudoHeaderLength;
    }

    /** The pcapng packet comment, or null. */
    public String comment() {
        return comment;
    }

    public byte[] copyBytes() {
        byte[] out = new byte[capturedLength];
        buffer.get(offset, out, 0, capturedLength);
        return out;
    }

    /** A frame of its own, bytes copied: for the few a reader must keep past its next call to next(). */
    public Frame detached() {
        return new Frame().viewOf(this).viewBytes(ByteBuffer.wrap(copyBytes()), 0);
    }

    /** Points this view at the frame other views, every attribute included. */
    public Frame viewOf(Frame other) {
        buffer = other.buffer;
        offset = other.offset;
        capturedLength = other.capturedLength;
        originalLength = other.originalLength;
        timeNanos = other.timeNanos;
        interfaceId = other.interfaceId;
        interfaceDeclared = other.interfaceDeclared;
        interfaceName = other.interfaceName;
        linkType = other.linkType;
        number = other.number;
        fileOffset = other.fileOffset;
        timestampOutOfRange = other.timestampOutOfRange;
        comment = other.comment;
        pseudoHeaderLength = other.pseudoHeaderLength;
        return this;
    }

    private Frame viewBytes(ByteBuffer bytes, int at) {
        buffer = bytes;
        offset = at;
        pseudoHeaderLength = 0; // a copy holds the frame's own bytes only
        return this;
    }

    /** Points this view at bytes held elsewhere (encoders, the DPU model, tests). */
    public Frame set(ByteBuffer buffer, int offset, int capturedLength, int originalLength, long timeNanos,
                     int linkType, long number) {
        this.buffer = buffer;
        this.offset = offset;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.timeNanos = timeNanos;
        this.linkType = linkType;
        this.number = number;
        this.interfaceId = 0;
        this.interfaceDeclared = false;
        this.interfaceName = null;
        this.fileOffset = -1;
        this.timestampOutOfRange = false;
        this.comment = null;
        this.pseudoHeaderLength = 0;
        return this;
    }

    /** Says which capture interface the frame was seen on (after {@link #set}, which says interface 0). */
    public Frame onInterface(int interfaceId) {
        this.interfaceId = interfaceId;
        this.interfaceName = null;
        return this;
    }

    /** Says which of the interfaces a pcapng file declares the frame was captured on (a live capture's file). */
    public Frame declaredOn(int interfaceId) {
        this.interfaceId = interfaceId;
        this.interfaceDeclared = true;
        this.interfaceName = null;
        return this;
    }

    /** Says the name of the frame's interface (null: none), as a reader that knows the capture's interfaces does. */
    public Frame named(String interfaceName) {
        this.interfaceName = interfaceName;
        return this;
    }

    public static Frame of(byte[] bytes, int linkType) {
        return new Frame().set(ByteBuffer.wrap(bytes), 0, bytes.length, bytes.length, 0, linkType, 1);
    }
}
