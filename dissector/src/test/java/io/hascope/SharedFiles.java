package io.hascope;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's shared/ folder (beside the repository root) from wherever the tests run. */
public final class SharedFiles {
    private SharedFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("hascope.shared");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared");
            if (Files.isRegularFile(candidate.resolve("spec/hasync-v1.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/ (with spec/hasync-v1.md) not found above " + Path.of("").toAbsolutePath()
                + "; set -Dhascope.shared=PATH");
    }

    /** The repository's samples/ folder. */
    public static Path samples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("samples/README.md"))) {
                return p.resolve("samples");
            }
        }
        throw new IllegalStateException("samples/ not found above " + Path.of("").toAbsolutePath());
    }

    /** The tcpdump project's 830 test captures (peer-captures/), in name order. */
    public static java.util.List<Path> peerCaptures() throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = Files.list(resolve("peer-captures/tcpdump-tests"))) {
            return s.sorted().toList();
        }
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
