package io.hascope.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * hascope as a separate process, for what cannot run in the test's JVM: capture inside a network namespace, and
 * signals. SIGINT is reset to its default first, since a shell that runs the build in the background ignores it
 * and the JVM would inherit that.
 */
final class HascopeProcess {
    private final Process process;
    private final Path out;
    private final Path err;

    private HascopeProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts hascope with these arguments, inside the namespace when ns is not null. */
    static HascopeProcess start(Path dir, String ns, List<String> jvmOptions, String... args) throws IOException {
        List<String> c = new ArrayList<>();
        if (ns != null) {
            c.addAll(List.of("ip", "netns", "exec", ns));
        }
        c.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", "--"));
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.add("-Xmx512m");
        c.addAll(jvmOptions);
        c.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        c.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(c).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new HascopeProcess(p, out, err);
    }

    /** Waits until standard error says the capture is open (or the process ended). */
    HascopeProcess awaitCapturing() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (err().contains("hascope: capturing on") || err().contains("hascope: replaying")) {
                return this;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("hascope did not start capturing: " + err());
    }

    int waitFor(long seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("hascope did not finish in " + seconds + " s; stderr: " + err());
        }
        return process.exitValue();
    }

    /** What the process reads as its standard input. */
    java.io.OutputStream stdin() {
        return process.getOutputStream();
    }

    boolean alive() {
        return process.isAlive();
    }

    void signal(String name) throws IOException {
        NetnsPair.sh("kill", "-" + name, Long.toString(process.pid()));
    }

    String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }
}
