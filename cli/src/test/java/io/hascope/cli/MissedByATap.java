package io.hascope.cli;

import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.capture.PcapngWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A two-tap capture (interface 0 at 192.0.2.1's port, 1 at 192.0.2.2's) as it would be had 192.0.2.1's mirror port
 * missed every 20th frame it sends of those that arrive at the other tap. Only packets sent once byte for byte: of the
 * same bytes sent twice, no tap can tell which copy arrived.
 */
final class MissedByATap {
    private MissedByATap() {
    }

    /** Writes the thinned capture, both interfaces in one file; returns how many frames A's tap missed. */
    static int write(String twoTapCapture, Path out) throws Exception {
        Set<String> arrivedAtB = new HashSet<>();
        Map<String, Integer> sendsByA = new HashMap<>();
        try (CaptureReader in = Captures.open(twoTapCapture)) {
            Frame f = new Frame();
            while (in.next(f)) {
                if (f.interfaceId() == 1) {
                    arrivedAtB.add(ipPacket(f));
                } else if (sentByA(f)) {
                    sendsByA.merge(ipPacket(f), 1, Integer::sum);
                }
            }
        }
        arrivedAtB.removeIf(p -> sendsByA.getOrDefault(p, 0) != 1);
        int missed = 0;
        try (CaptureReader in = Captures.open(twoTapCapture); PcapngWriter w = new PcapngWriter(out, "test")) {
            w.addInterface(1, 262144, "tap-dpu-a");
            w.addInterface(1, 262144, "tap-dpu-b");
            Frame f = new Frame();
            int candidates = 0;
            while (in.next(f)) {
                if (f.interfaceId() == 0 && sentByA(f) && arrivedAtB.contains(ipPacket(f)) && ++candidates % 20 == 0) {
                    missed++;
                    continue;
                }
                w.write(f.interfaceId(), f.timeNanos(), f.buffer(), f.offset(), f.capturedLength(), f.originalLength(),
                        null);
            }
        }
        return missed;
    }

    /** Sent by 192.0.2.1 (its tap also sees the frames arriving from its peer). */
    private static boolean sentByA(Frame f) {
        return f.buffer().get(f.offset() + 14 + 15) == 1;
    }

    /** The frame's bytes from the IP header on (Ethernet frames): the same at both taps. */
    private static String ipPacket(Frame f) {
        byte[] b = f.copyBytes();
        return Arrays.toString(Arrays.copyOfRange(b, 14, b.length));
    }
}
