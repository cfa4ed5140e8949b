package io.hascope.field;

import static io.hascope.field.Field.of;
import static io.hascope.field.Field.uint;

/** The frame pseudo-protocol: what the capture file says about each frame. */
public final class FrameFields {
    public static final Field FRAME = Field.protocol("frame", "Frame", "Capture metadata of one frame");
    public static final Field NUMBER = of("frame.number", "Frame Number", FieldType.FRAMENUM,
            "Position of the frame in the capture, from 1");
    public static final Field TIME_EPOCH = of("frame.time_epoch", "Epoch Arrival Time", FieldType.TIME_ABS,
            "Capture time as seconds since 1970-01-01 UTC");
    public static final Field TIME_RELATIVE = of("frame.time_relative", "Time since reference or first frame",
            FieldType.TIME_REL, "Seconds since the first frame of the capture");
    public static final Field LEN = uint("frame.len", "Frame Length", "Bytes of the frame on the wire");
    public static final Field CAP_LEN = uint("frame.cap_len", "Capture Length",
            "Bytes of the frame held in the capture (less than frame.len when cut by the snaplen)");
    public static final Field INTERFACE_ID = uint("frame.interface_id", "Interface id",
            "pcapng interface the frame was captured on (absent for pcap, which declares none)");
    public static final Field INTERFACE_NAME = of("frame.interface_name", "Interface name", FieldType.STRING,
            "Name the capture gave the frame's interface (pcapng if_name; a tap at each DPU's port)");
    public static final Field LINK_TYPE = Field.enumerated("frame.link_type", "Link type", ValueNames.of(
            0, "BSD loopback", 1, "Ethernet", 101, "Raw IP", 108, "OpenBSD loopback", 113, "Linux cooked (SLL)",
            228, "Raw IPv4", 229, "Raw IPv6", 276, "Linux cooked v2 (SLL2)"), "LINKTYPE_ value of the interface");
    public static final Field COMMENT = of("frame.comment", "Comment", FieldType.STRING, "pcapng packet comment");

    private FrameFields() {
    }

    static void load() {
    }
}
