package io.hascope.decode;

import static io.hascope.decode.Bytes.u16;

import io.hascope.field.ExpertKind;
import io.hascope.field.FieldSink;
import io.hascope.field.IpFields;

/** UDP, and the dispatch of its payload by port or, failing that, by heuristics (spec §1, §6). */
final class UdpDecoder {
    private final Dissection d;
    private final DissectorConfig config;
    private final HasyncDecoder hasync;
    private final DashDecoder dash;

    UdpDecoder(Dissection d, DissectorConfig config, HasyncDecoder hasync, DashDecoder dash) {
        this.d = d;
        this.config = config;
        this.hasync = hasync;
        this.dash = dash;
    }

    void decode(int at, int end, boolean firstFragment) {
        FieldSink f = d.fields;
        f.open(IpFields.UDP, at, 8);
        if (!d.need(at, 8, end, ExpertKind.UDP_SHORT, "UDP header")) {
            f.close(-1);
            return;
        }
        int src = u16(d.b, at);
        int dst = u16(d.b, at + 2);
        int length = u16(d.b, at + 4);
        f.uint(IpFields.UDP_SRCPORT, at, 2, src);
        f.uint(IpFields.UDP_DSTPORT, at + 2, 2, dst);
        f.uint(IpFields.UDP_LENGTH, at + 4, 2, length);
        f.uint(IpFields.UDP_CHECKSUM, at + 6, 2, u16(d.b, at + 6));
        d.srcPort = src;
        d.dstPort = dst;
        int payloadEnd = end;
        if (length < 8) {
            d.expert(ExpertKind.UDP_BAD_LENGTH, at + 4, 2, "UDP length " + length + " is below the 8-byte header");
        } else if (at + length <= end) {
            payloadEnd = at + length;
        } else if (!d.snaplenClipped && !firstFragment) {
            d.expert(ExpertKind.UDP_BAD_LENGTH, at + 4, 2, "UDP length " + length + " runs past the IP payload ("
                    + (end - at) + " bytes)");
        }
        f.close(-1);
        if (firstFragment || !d.decodeSyncLayers) {
            return;
        }
        int payload = at + 8;
        boolean hasyncPort = config.isHasyncPort(src) || config.isHasyncPort(dst);
        boolean dpPort = !hasyncPort && (config.isDpPort(src) || config.isDpPort(dst));
        if ((hasyncPort || dpPort) && payload >= payloadEnd) {
            if (!d.snaplenClipped) {
                d.expert(ExpertKind.UDP_EMPTY, at, 8, "empty datagram on " + (hasyncPort ? "hasync" : "DP channel")
                        + " port " + (hasyncPort ? (config.isHasyncPort(dst) ? dst : src)
                        : (config.isDpPort(dst) ? dst : src)));
            } else {
                d.snaplen(payload);
            }
            return;
        }
        if (hasyncPort) {
            hasync.decodeDatagram(payload, payloadEnd);
        } else if (dpPort) {
            dash.decodeDatagram(payload, payloadEnd, true);
        } else if (config.heuristics()) {
            if (hasync.looksLikeHasync(payload, payloadEnd)) {
                hasync.decodeDatagram(payload, payloadEnd);
            } else if (dash.looksLikeDash(payload, payloadEnd)) {
                dash.decodeDatagram(payload, payloadEnd, false);
            }
        }
    }
}
