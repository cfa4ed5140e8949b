package io.hascope.decode;

import io.hascope.capture.Frame;
import io.hascope.capture.LinkType;
import io.hascope.event.SyncEventSink;
import io.hascope.field.FieldSink;
import io.hascope.field.FieldTree;
import io.hascope.field.FrameFields;

/**
 * Decodes frames layer by layer into a {@link FieldSink} (the tree, or nothing) and a {@link SyncEventSink}
 * (normalized sync events). One instance per capture, single-threaded, reused for every frame; it never throws
 * on frame content: whatever a frame holds becomes fields and expert findings.
 */
public final class Dissector {
    private final Dissection d = new Dissection();
    private final LinkDecoder link;
    private long timeReference = Long.MIN_VALUE;

    public Dissector(DissectorConfig config) {
        HasyncDecoder hasync = new HasyncDecoder(d);
        DashDecoder dash = new DashDecoder(d);
        UdpDecoder udp = new UdpDecoder(d, config, hasync, dash);
        IpDecoder ip = new IpDecoder(d, udp);
        this.link = new LinkDecoder(d, ip, dash);
    }

    /** Sets the time frame.time_relative counts from; by default the first frame dissected. */
    public void setTimeReference(long nanos) {
        this.timeReference = nanos;
    }

    /** The frame pseudo-protocol: what the capture file says of the frame. */
    private void frameLayer(Frame frame, FieldSink fields) {
        fields.open(FrameFields.FRAME, frame.offset(), frame.capturedLength());
        fields.generated(FrameFields.NUMBER, frame.number());
        fields.generated(FrameFields.TIME_EPOCH, frame.timeNanos());
        fields.generated(FrameFields.TIME_RELATIVE, frame.timeNanos() - timeReference);
        fields.generated(FrameFields.LEN, frame.originalLength());
        fields.generated(FrameFields.CAP_LEN, frame.capturedLength());
        if (frame.interfaceDeclared()) {
            fields.generated(FrameFields.INTERFACE_ID, frame.interfaceId());
        }
        if (frame.interfaceName() != null) {
            fields.text(FrameFields.INTERFACE_NAME, -1, 0, frame.interfaceName());
        }
        fields.generated(FrameFields.LINK_TYPE, frame.linkType());
        if (frame.comment() != null) {
            fields.text(FrameFields.COMMENT, -1, 0, frame.comment());
        }
        fields.close(-1);
    }

    public void dissect(Frame frame, FieldSink fields, SyncEventSink events) {
        if (timeReference == Long.MIN_VALUE) {
            timeReference = frame.timeNanos();
        }
        if (fields instanceof FieldTree tree) {
            tree.reset(frame.buffer(), frame.offset());
        }
        d.begin(frame.buffer(), frame.offset(), frame.capturedLength(), frame.originalLength(), frame.number(),
                frame.timeNanos(), fields, events);
        frameLayer(frame, fields);
        events.onFrame(frame.number(), frame.timeNanos(), frame.originalLength());
        if (frame.timestampOutOfRange()) {
            d.expert(io.hascope.field.ExpertKind.TIMESTAMP_OUT_OF_RANGE, frame.offset(), 0, "the record's sub-second "
                    + "field is out of range; the excess was carried into the seconds");
        }
        try {
            link.decode(frame.linkType());
        } catch (RuntimeException bug) {
            // A decoder bug must not end the run: the frame keeps what was decoded and says what went wrong.
            d.expert(io.hascope.field.ExpertKind.DISSECTOR_BUG, d.frameStart, 0,
                    "dissector failure (" + bug + "); please report this frame");
        }
        if (fields instanceof FieldTree tree) {
            tree.closeAll();
        }
    }

    /** Findings filed for the frame last dissected. */
    public int expertCount() {
        return d.expertCount;
    }

    /** Worst severity level (1 chat … 4 error) for the frame last dissected, 0 when clean. */
    public int worstSeverity() {
        return d.worstSeverity;
    }

    public static boolean dissectsLinkType(int linkType) {
        return switch (linkType) {
            case LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.RAW, LinkType.IPV4,
                    LinkType.IPV6, LinkType.NULL, LinkType.LOOP -> true;
            default -> false;
        };
    }
}
