package io.hascope.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchRunTest {
    @Test
    void run() throws Exception {
        String p = System.getProperty("run");
        if (p == null) return;
        for (String one : p.split(",")) {
            var truth = new ObjectMapper().readTree(Path.of(one + ".truth.json").toFile());
            TruthCheck.assertAgrees(Files.readAllBytes(Path.of(one + ".pcapng")), truth, one.contains("resend"));
            System.out.println("AGREES " + one);
        }
    }
}
