package io.hascope.cli;

import io.hascope.capture.CaptureFormatException;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Standard input kept in a temporary file for a command that reads its capture twice (decode's second pass, which
 * a pipe cannot give twice): read to its end first, then opened as often as needed, under the name standard input
 * has when read once. The file goes when this is closed (or with the JVM, should it end first).
 */
final class SpooledInput implements AutoCloseable {
    static final String NAME = "(standard input)";
    private final Path file;
    /** The name the capture goes by when read once: standard input's, or the named pipe's. */
    private final String name;

    private SpooledInput(Path file, String name) {
        this.file = file;
        this.name = name;
    }

    /**
     * An empty temporary file for the -r capture named so ("-" for standard input, or a named pipe), made before
     * anything is read, so that a command stopped meanwhile can remove it.
     */
    static SpooledInput create(String capture) throws IOException {
        Path file = Files.createTempFile("hascope-stdin-", ".capture");
        file.toFile().deleteOnExit();
        return new SpooledInput(file, capture.equals("-") ? NAME : capture);
    }

    /** Reads the pipe the -r capture names ("-": standard input) to its end into the file. */
    SpooledInput keep(String capture) throws IOException {
        if (capture.equals("-")) {
            return keep(System.in);
        }
        try (InputStream in = Files.newInputStream(Path.of(capture))) {
            return keep(in);
        }
    }

    /** Whether a -r capture can be read only once, as a pipe gives it: standard input, or a named pipe (a FIFO, a
     * shell's process substitution {@code <(zcat f.pcapng.gz)}). */
    static boolean isPipe(String capture) {
        if (capture.equals("-")) {
            return true;
        }
        try {
            Path p = Path.of(capture);
            return Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** Reads in to its end into the file; a disk that cannot hold it is said in one sentence. */
    SpooledInput keep(InputStream in) throws IOException {
        try {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw new IOException((name.equals(NAME) ? "standard input" : name) + " could not be kept in "
                    + file.getParent() + " for the second pass (" + e.getMessage() + ")", e);
        }
        return this;
    }

    /** The capture, from its first frame. */
    CaptureReader open() throws Main.UnreadableCapture {
        try {
            return Captures.open(file, name);
        } catch (CaptureFormatException e) {
            throw new Main.UnreadableCapture(e.getMessage());
        } catch (IOException e) {
            throw new Main.UnreadableCapture(name + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }

    /**
     * For a command reading standard input that a second Ctrl-C stops at once (no exit hook runs then): what kept
     * may hold goes all the same, and the command says it stopped, with what else it leaves (null: nothing).
     */
    static void stoppedAtOnce(SpooledInput kept, String leftBehind) {
        if (kept != null) {
            kept.file.toFile().delete();
        }
        System.err.println("hascope: stopped at once" + (leftBehind == null ? "" : "; " + leftBehind));
    }
}
