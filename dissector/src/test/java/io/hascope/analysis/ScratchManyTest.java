package io.hascope.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchManyTest {
    @Test
    void run() throws Exception {
        String p = System.getProperty("list");
        if (p == null) return;
        int agree = 0, n = 0;
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(Path.of(p))) {
            String one = line.split(" ")[0];
            boolean resends = line.endsWith(" true");
            n++;
            try {
                var truth = new ObjectMapper().readTree(Path.of(one + ".truth.json").toFile());
                TruthCheck.assertAgrees(Files.readAllBytes(Path.of(one + ".pcapng")), truth, resends);
                out.append("AGREES ").append(one).append('\n');
                agree++;
            } catch (Throwable e) {
                String m = String.valueOf(e.getMessage());
                out.append("DIFFERS ").append(one).append(' ').append(m, 0, Math.min(300, m.length())).append('\n');
            }
        }
        Files.writeString(Path.of(System.getProperty("out")), out + "" + agree + " of " + n + " agree\n");
    }
}
