package io.hascope.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the CLI in-process and captures what it prints and returns. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        return runWithInput(null, args);
    }

    static synchronized CliRun runWithInput(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        Main.redirectStdout(out);
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        if (stdin != null) {
            System.setIn(stdin);
        }
        try {
            int code = Main.run(args);
            return new CliRun(code, out.toString(), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
            System.setIn(oldIn);
            Main.redirectStdout(null);
        }
    }

    /**
     * Runs the CLI in-process for what it prints on System.out: help, and the bench commands, write there rather
     * than to Main.stdout (which {@link #run} captures as {@code out}).
     */
    static synchronized CliRun runForSystemOut(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            CliRun r = run(args);
            return new CliRun(r.exitCode(), bytes.toString(StandardCharsets.UTF_8), r.err());
        } finally {
            System.setOut(old);
        }
    }

    /** samples/NAME at the repository root, found from wherever the tests run. */
    static Path sample(String name) {
        return above("samples/" + name);
    }

    /** shared/RELATIVE beside the repository. */
    static Path shared(String relative) {
        return above("shared/" + relative);
    }

    private static Path above(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    String[] lines() {
        return out.isEmpty() ? new String[0] : out.split("\n");
    }
}
