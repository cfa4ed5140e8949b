package io.hascope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model samples in samples/ are exactly what their recipes produce (determinism), each is small, decodes
 * without a single finding, and its truth accounts for every frame.
 */
class SampleSetTest {
    @TempDir
    Path dir;

    static Path samples() {
        return io.hascope.SharedFiles.samples();
    }

    @Test
    void everySampleIsWhatItsRecipeWritesAndDecodesCleanly() throws Exception {
        for (SampleSet.Sample s : SampleSet.all()) {
            ModelRun run = SampleSet.write(s, dir, samples());
            for (String suffix : new String[] {".pcapng", ".truth.json"}) {
                Path committed = samples().resolve(s.name() + suffix);
                assertTrue(Files.exists(committed), "committed: " + committed
                        + " (regenerate with ./hascope generate samples -w samples)");
                assertArrayEquals(Files.readAllBytes(dir.resolve(s.name() + suffix)), Files.readAllBytes(committed),
                        s.name() + suffix + " differs from its recipe; regenerate with ./hascope generate samples -w samples");
                assertTrue(Files.size(committed) < 2_000_000, s.name() + suffix + " is small");
            }
            long accounted = run.m.requests.stream().mapToLong(r -> r.frames.size() + r.replyFrames.size()).sum();
            assertEquals(run.frames(), accounted + run.transportFrames() + run.arrivalFrames(), s.name());
            if (s.customer() == null) {
                assertEquals(0, ModelHarness.run(s.config()).experts(), s.name() + " decodes without a finding");
            }
        }
    }
}
