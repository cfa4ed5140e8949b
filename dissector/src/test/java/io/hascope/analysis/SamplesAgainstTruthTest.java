package io.hascope.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bundled model capture against the truth file written beside it, by {@link TruthCheck}. */
class SamplesAgainstTruthTest {
    private static final Path SAMPLES = Path.of("..", "samples");

    static Stream<String> samples() throws Exception {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".truth.json"))
                    .map(n -> n.substring(0, n.length() - ".truth.json".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theAnalysisOfEachSampleIsItsTruthWhereverTheCaptureSawEveryFate(String sample) throws Exception {
        JsonNode truth = new ObjectMapper().readTree(SAMPLES.resolve(sample + ".truth.json").toFile());
        TruthCheck.assertAgrees(Files.readAllBytes(SAMPLES.resolve(sample + ".pcapng")), truth,
                sample.contains("resend"));
    }
}
