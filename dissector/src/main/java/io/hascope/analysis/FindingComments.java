package io.hascope.analysis;

import io.hascope.capture.CaptureReader;
import io.hascope.capture.CaptureWriter;
import io.hascope.capture.Frame;
import io.hascope.capture.FrameCopier;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A capture written again with each finding as a comment on the frame that proves it (pcapng's opt_comment, which
 * Wireshark shows as frame.comment), so the findings travel with the frames: {@code frame.comment contains
 * "lost_reply"} finds them there. Every frame is copied as read, its own comment kept before the findings'. The
 * reader must number frames as the analysis did (the same files, in the same order).
 */
public final class FindingComments {
    private FindingComments() {
    }

    /** One line per finding: "hascope warn lost_reply: CREATE of … was never acknowledged by 192.0.2.2". */
    static String line(Finding f) {
        return "hascope " + f.severity().label() + " " + f.type().label() + ": " + f.reason();
    }

    /**
     * Copies frames 1 to lastFrame of reader to out, each finding a comment on its frame, and returns how many frames
     * it wrote.
     */
    public static long copy(CaptureReader reader, List<Finding> findings, long lastFrame, CaptureWriter out)
            throws IOException {
        Map<Long, String> comments = new HashMap<>();
        for (Finding f : findings) {
            comments.merge(f.frame(), line(f), (a, b) -> a + "\n" + b);
        }
        Frame frame = new Frame();
        FrameCopier copier = new FrameCopier(reader, out);
        long written = 0;
        while (written < lastFrame && reader.next(frame)) {
            String own = frame.comment();
            String found = comments.get(frame.number());
            copier.copy(frame, found == null ? own : own == null ? found : own + "\n" + found);
            written++;
        }
        return written;
    }
}
