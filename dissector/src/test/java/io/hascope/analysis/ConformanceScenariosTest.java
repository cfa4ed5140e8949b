package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hascope.SharedFiles;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.decode.DissectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario in shared/conformance/scenarios yields exactly the finding counts and figures of its
 * .expected.json ("other_counts": 0 means every type not listed is zero).
 */
class ConformanceScenariosTest {
    static Stream<String> scenarios() throws Exception {
        try (Stream<Path> s = Files.list(SharedFiles.resolve("conformance/scenarios"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void countsAndFiguresAreExactlyThoseExpected(String name) throws Exception {
        Path dir = SharedFiles.resolve("conformance/scenarios");
        AnalysisResult result;
        try (CaptureReader r = Captures.open(dir.resolve(name + ".pcap").toString())) {
            Analyzer analyzer = new Analyzer(new AnalysisConfig());
            CaptureAnalysis.run(r, DissectorConfig.defaults(), analyzer, Long.MAX_VALUE, Long.MAX_VALUE);
            result = analyzer.result(name);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Double> figures = new LinkedHashMap<>();
        boolean othersZero = false;
        try (JsonParser j = new JsonFactory().createParser(dir.resolve(name + ".expected.json").toFile())) {
            j.nextToken();
            while (j.nextToken() == JsonToken.FIELD_NAME) {
                String section = j.getCurrentName();
                j.nextToken();
                if (section.equals("other_counts")) {
                    othersZero = j.getLongValue() == 0;
                    continue;
                }
                while (j.nextToken() == JsonToken.FIELD_NAME) {
                    String key = j.getCurrentName();
                    j.nextToken();
                    if (section.equals("counts")) {
                        counts.put(key, j.getLongValue());
                    } else {
                        figures.put(key, j.getDoubleValue());
                    }
                }
            }
        }
        Map<String, Long> actual = result.counts();
        for (Map.Entry<String, Long> e : actual.entrySet()) {
            Long expected = counts.get(e.getKey());
            if (expected != null || othersZero) {
                assertEquals(expected == null ? 0L : expected, e.getValue(), name + ": " + e.getKey() + " in "
                        + result.findings());
            }
        }
        for (Map.Entry<String, Double> e : figures.entrySet()) {
            String[] path = e.getKey().split("\\.");
            Map<String, Object> section = path[0].equals("holds") ? result.holds() : result.scorecard();
            Object v = section.get(path[1]);
            assertEquals(e.getValue(), ((Number) v).doubleValue(), 1e-9, name + ": " + e.getKey());
        }
    }
}
