package io.hascope.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several captures written as one, as mergecap writes them: frames in time order (ties in the order the files were
 * given), each file's interfaces kept apart and all declared before the first frame (a reader that names taps by
 * interface looks once, before its first frame), an interface its file left unnamed (every pcap's) named after the
 * file, so that a tap at each DPU's port saved as a file each becomes one two-tap capture whose taps can be named.
 */
public final class CaptureMerge {
    /** What was written: frames, and why a capture stopped early (null: every one was read to its end). */
    public record Result(long frames, CaptureProblem problem) {
    }

    private CaptureMerge() {
    }

    /**
     * Writes the frames of readers, named by names (their files: "-" is standard input), to writer. A writer that
     * cannot hold a frame (pcap: a second link type) throws IllegalArgumentException; the caller closes or aborts it.
     */
    public static Result merge(List<CaptureReader> readers, List<String> names, CaptureWriter writer)
            throws IOException {
        MergingReader merged = new MergingReader(readers);
        FrameCopier copier = new FrameCopier(new NamedByFile(merged, readers, names), writer);
        copier.declareAll();
        Frame frame = new Frame();
        long frames = 0;
        while (merged.next(frame)) {
            copier.copy(frame, frame.comment());
            frames++;
        }
        return new Result(frames, merged.problem());
    }

    /** The merged interfaces, each one its file left unnamed named after that file. */
    private static final class NamedByFile extends ForwardingCaptureReader {
        private final List<CaptureReader> files;
        private final List<String> names;

        NamedByFile(MergingReader merged, List<CaptureReader> files, List<String> names) {
            super(merged);
            this.files = files;
            this.names = names;
        }

        @Override
        public boolean next(Frame frame) throws IOException {
            return inner.next(frame);
        }

        @Override
        public List<InterfaceInfo> interfaces() {
            List<InterfaceInfo> out = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                List<InterfaceInfo> own = files.get(i).interfaces();
                String file = names.get(i).equals("-") ? "stdin" : Path.of(names.get(i)).getFileName().toString();
                if (own.isEmpty()) { // a file of no interface still holds a number in the merge (MergingReader)
                    out.add(new InterfaceInfo(out.size(), LinkType.ETHERNET, 262144, file, null, 1_000_000_000L, 0));
                }
                for (InterfaceInfo f : own) {
                    String name = f.name() != null ? f.name() : own.size() == 1 ? file : file + "#" + f.id();
                    out.add(new InterfaceInfo(out.size(), f.linkType(), f.snapLength(), name, f.description(),
                            f.unitsPerSecond(), f.offsetSeconds()));
                }
            }
            return out;
        }
    }
}
