package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.capture.PcapngWriter;
import io.hascope.encode.FrameEncoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The look ahead before two taps are recognised: it says from which frame both taps were capturing, and hands on
 * exactly the frames the capture holds, in order, whatever it read ahead.
 */
class TapLookaheadTest {
    private static final byte[] A = {(byte) 192, 0, 2, 1};
    private static final byte[] B = {(byte) 192, 0, 2, 2};
    private static final long MS = 1_000_000L;

    /** Frames {ms, interface, from A (1) or B (0), payload byte}, each a UDP datagram of one distinct byte. */
    private static byte[] capture(int interfaces, int[]... frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PcapngWriter w = new PcapngWriter(bytes, "TapLookaheadTest");
        for (int i = 0; i < interfaces; i++) {
            w.addInterface(1, 262144, "tap-" + i);
        }
        for (int[] f : frames) {
            byte[] frame = FrameEncoder.udpFrame(f[2] == 1 ? A : B, f[2] == 1 ? B : A, 7400, 7400,
                    new byte[] {(byte) f[3]});
            w.write(f[1], f[0] * MS, ByteBuffer.wrap(frame), 0, frame.length, frame.length,
                    f[3] == 7 ? "seventh" : null);
        }
        w.close();
        return bytes.toByteArray();
    }

    private static CaptureReader open(byte[] capture) throws IOException {
        return Captures.open(new ByteArrayInputStream(capture), "lookahead");
    }

    /** Every frame as read: number, interface, time, comment and bytes. */
    private static List<String> frames(CaptureReader r) throws IOException {
        List<String> out = new ArrayList<>();
        Frame f = new Frame();
        while (r.next(f)) {
            out.add(f.number() + "/" + f.interfaceId() + "/" + f.timeNanos() + "/" + f.comment() + "/"
                    + f.fileOffset() + "/" + Arrays.toString(f.copyBytes()));
        }
        return out;
    }

    @Test
    void bothTapsCountFromTheLaterOfTheFirstFramesTheTwoInterfacesOfTheFirstArrivalShow() throws IOException {
        // B's tap shows a frame at 2 ms, A's a departure at 1 ms that is lost, then at 5 ms A's datagram 3 leaves
        // and arrives at 6 ms: both taps were capturing from frame 2, B's first
        byte[] capture = capture(2, new int[] {1, 0, 1, 1}, new int[] {2, 1, 0, 2}, new int[] {5, 0, 1, 3},
                new int[] {6, 1, 1, 3}, new int[] {9, 0, 1, 7});
        try (CaptureReader plain = open(capture); TapLookahead ahead = new TapLookahead(open(capture))) {
            List<String> read = frames(ahead);
            assertEquals(2, ahead.bothTapsFrom());
            assertEquals(frames(plain), read, "every frame handed on as read, attributes and bytes included");
            assertEquals(5, read.size());
        }
    }

    @Test
    void withNoArrivalWithinASecondNothingIsRecognisedAndEveryFrameStillComes() throws IOException {
        byte[] capture = capture(2, new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 2}, new int[] {1500, 0, 1, 3},
                new int[] {1501, 1, 1, 3});
        try (CaptureReader plain = open(capture); TapLookahead ahead = new TapLookahead(open(capture))) {
            assertEquals(frames(plain), frames(ahead));
            assertEquals(Long.MAX_VALUE, ahead.bothTapsFrom(), "the arrival came past the look ahead");
        }
    }

    @Test
    void oneInterfaceIsHandedOnWithoutReadingAhead() throws IOException {
        byte[] capture = capture(1, new int[] {0, 0, 1, 1}, new int[] {1, 0, 1, 1}, new int[] {2, 0, 0, 2});
        try (CaptureReader plain = open(capture); TapLookahead ahead = new TapLookahead(open(capture))) {
            assertEquals(frames(plain), frames(ahead));
            assertEquals(Long.MAX_VALUE, ahead.bothTapsFrom());
        }
    }

    @Test
    void aCaptureCutShortWhileReadingAheadStillHandsOnItsFramesAndThenSaysWhy() throws IOException {
        byte[] whole = capture(2, new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 2}, new int[] {2, 0, 1, 3});
        byte[] cut = Arrays.copyOf(whole, whole.length - 10);
        try (CaptureReader plain = open(cut); TapLookahead ahead = new TapLookahead(open(cut))) {
            List<String> expected = frames(plain);
            assertEquals(expected, frames(ahead));
            assertEquals(2, expected.size());
            assertNotNull(ahead.problem(), "the cut is reported once the frames before it are handed on");
            assertEquals(plain.problem().toString(), ahead.problem().toString());
        }
    }

    @Test
    void anEmptyCaptureReadsAsEmpty() throws IOException {
        byte[] capture = capture(2);
        try (TapLookahead ahead = new TapLookahead(open(capture))) {
            assertFalse(ahead.next(new Frame()));
        }
    }
}
