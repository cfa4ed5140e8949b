package io.hascope.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The GUI's access to a frame by number: re-read through the index, every frame is what the first pass saw. */
class FrameIndexTest {
    private static void assertIndexRereadsEveryFrame(Path file) throws IOException {
        List<byte[]> seen = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        FrameIndex index;
        try (CaptureReader reader = Captures.open(file.toString())) {
            FrameIndex.Recording r = FrameIndex.recording(file, reader);
            Frame f = new Frame();
            while (r.next(f)) {
                seen.add(f.copyBytes());
                times.add(f.timeNanos());
            }
            index = r.index();
        } catch (CaptureFormatException e) {
            return; // not a capture at all: nothing to index
        }
        try (index) {
            assertEquals(seen.size(), index.size(), file.toString());
            Frame f = new Frame();
            for (int n = seen.size(); n >= 1; n--) { // backwards: every read is a jump
                index.read(n, f);
                assertEquals(n, f.number());
                assertEquals(times.get(n - 1), f.timeNanos());
                assertArrayEquals(seen.get(n - 1), f.copyBytes(), file + " frame " + n);
            }
        }
    }

    @Test
    void everyFrameOfEveryPeerCaptureIsFoundAgainByItsNumber() throws Exception {
        int files = 0;
        for (Path p : SharedFiles.peerCaptures()) {
            assertIndexRereadsEveryFrame(p);
            files++;
        }
        assertTrue(files >= 830, files + " files");
    }

    @Test
    void everySampleToo() throws Exception {
        try (Stream<Path> s = Files.list(SharedFiles.samples())) {
            for (Path p : s.filter(p -> p.toString().endsWith(".pcapng")).sorted().toList()) {
                assertIndexRereadsEveryFrame(p);
            }
        }
    }
}
