package io.hascope.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests on a real link: each gets a fresh pair of network namespaces joined by a veth pair, and a folder. Where
 * that cannot be (not root, no iproute2 or tcpreplay, no libpcap, namespaces refused), they skip and say why.
 */
abstract class WithNetnsPair {
    private static String unavailable;

    @TempDir
    Path dir;

    NetnsPair link;

    @BeforeAll
    static void canCapture() {
        unavailable = NetnsPair.unavailable();
    }

    @BeforeEach
    void link() throws Exception {
        Assumptions.assumeTrue(unavailable == null, () -> "skipped, no live capture here: " + unavailable);
        link = NetnsPair.create();
    }

    @AfterEach
    void unlink() {
        if (link != null) {
            link.close();
        }
    }
}
