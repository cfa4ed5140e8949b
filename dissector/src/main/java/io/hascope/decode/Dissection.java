package io.hascope.decode;

import io.hascope.capture.FrameBytes;
import io.hascope.event.EventSlots;
import io.hascope.event.SyncEventSink;
import io.hascope.field.ExpertKind;
import io.hascope.field.FieldSink;
import java.nio.ByteBuffer;

/** The state of dissecting one frame, shared by the layer decoders and reused from frame to frame. */
final class Dissection {
    /** The frame's bytes, for reading; {@link #buffer} is the same memory, handed to the tree and the events. */
    final FrameBytes b = new FrameBytes();
    ByteBuffer buffer;
    int frameStart;
    int capEnd;
    int originalLength;
    long frameNumber;
    long timeNanos;
    /** Where the decoders put fields: the caller's sink, or nowhere when it keeps only expert info. */
    FieldSink fields;
    /** Where expert info goes: always the caller's sink. */
    private FieldSink experts;
    SyncEventSink events;
    final EventSlots slots = new EventSlots();

    int ipVersion;
    int ipSrcAt;
    int ipDstAt;
    int ipAddrLength;
    int srcPort;
    int dstPort;
    /** A declared length (IP, UDP) reached past the captured bytes of a frame the snaplen cut. */
    boolean snaplenClipped;
    private boolean snaplenReported;
    int expertCount;
    int worstSeverity;
    /** Whether anything downstream wants the sync layers decoded (fields or events). */
    boolean decodeSyncLayers;
    /** Whether fields beyond expert info are recorded (false where only events and findings matter). */
    boolean recordsFields;

    void begin(ByteBuffer buffer, int start, int capturedLength, int originalLength, long number, long time,
               FieldSink fields, SyncEventSink events) {
        this.buffer = buffer;
        this.b.wrap(buffer);
        this.frameStart = start;
        this.capEnd = start + capturedLength;
        this.originalLength = originalLength;
        this.frameNumber = number;
        this.timeNanos = time;
        this.events = events;
        this.decodeSyncLayers = events != SyncEventSink.NONE || fields.wantsSyncLayers();
        this.recordsFields = fields.wantsFields();
        this.experts = fields;
        this.fields = recordsFields ? fields : FieldSink.NONE; // the fields it would drop are not even offered
        ipVersion = 0;
        ipSrcAt = 0;
        ipDstAt = 0;
        ipAddrLength = 0;
        srcPort = -1;
        dstPort = -1;
        snaplenClipped = false;
        snaplenReported = false;
        expertCount = 0;
        worstSeverity = 0;
    }

    /** The outer IP addresses of this frame into an event's source and destination (cleared when not IP). */
    void readAddresses(io.hascope.event.IpAddress source, io.hascope.event.IpAddress destination) {
        if (ipAddrLength > 0) {
            source.read(b, ipSrcAt, ipAddrLength);
            destination.read(b, ipDstAt, ipAddrLength);
        } else {
            source.clear();
            destination.clear();
        }
    }

    boolean cutBySnaplen() {
        return capEnd - frameStart < originalLength;
    }

    void expert(ExpertKind kind, int at, int length, String message) {
        expertCount++;
        worstSeverity = Math.max(worstSeverity, kind.severity().level());
        int start = Math.max(frameStart, Math.min(at, capEnd));
        int len = Math.max(0, Math.min(length, capEnd - start));
        experts.expert(kind, start, len, start - frameStart, message);
    }

    /**
     * True when [at, at+length) lies within limit. Otherwise files the finding: "cut by the snaplen" when the
     * missing bytes were on the wire but not captured, else kind with "what … needs N bytes, M remain".
     */
    boolean need(int at, int length, int limit, ExpertKind kind, String what) {
        if (length >= 0 && at + length <= limit && at + length >= at) {
            return true;
        }
        if ((snaplenClipped || limit >= capEnd) && cutBySnaplen()) {
            snaplen(at);
        } else {
            expert(kind, at, limit - at, what + " needs " + length + " bytes at offset " + (at - frameStart)
                    + " but " + Math.max(0, limit - at) + " remain");
        }
        return false;
    }

    /** As {@link #need(int, int, int, ExpertKind, String)} for part of message index (0-based): names it lazily. */
    boolean needInMessage(int at, int length, int limit, ExpertKind kind, String part, int index) {
        if (length >= 0 && at + length <= limit && at + length >= at) {
            return true;
        }
        return need(at, length, limit, kind, part + " of message " + (index + 1));
    }

    void snaplen(int at) {
        if (!snaplenReported) {
            snaplenReported = true;
            expert(ExpertKind.SNAPLEN_CUT, at, 0, "frame cut by the snaplen: " + (capEnd - frameStart) + " of "
                    + originalLength + " bytes captured, decoding stops at offset " + (at - frameStart));
        }
    }
}
