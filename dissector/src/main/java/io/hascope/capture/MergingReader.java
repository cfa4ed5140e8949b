package io.hascope.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Several captures read as one, in time order (ties in the order the files were given), frames numbered anew.
 * Each file keeps its own buffer, so the frame handed out stays valid until the next call, as with one reader.
 */
public final class MergingReader implements CaptureReader {
    private final List<CaptureReader> readers;
    private final List<Frame> heads = new ArrayList<>();
    private final boolean[] live;
    private long count;
    private CaptureProblem problem;

    public MergingReader(List<CaptureReader> readers) throws IOException {
        this.readers = readers;
        this.live = new boolean[readers.size()];
        for (int i = 0; i < readers.size(); i++) {
            Frame f = new Frame();
            heads.add(f);
            live[i] = readers.get(i).next(f);
        }
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        advancePending();
        int best = -1;
        for (int i = 0; i < readers.size(); i++) {
            if (live[i] && (best < 0 || heads.get(i).timeNanos < heads.get(best).timeNanos)) {
                best = i;
            }
        }
        if (best < 0) {
            for (CaptureReader r : readers) {
                if (problem == null && r.problem() != null) {
                    problem = r.problem();
                }
            }
            return false;
        }
        Frame h = heads.get(best);
        frame.buffer = h.buffer;
        frame.offset = h.offset;
        frame.capturedLength = h.capturedLength;
        frame.originalLength = h.originalLength;
        frame.timeNanos = h.timeNanos;
        frame.interfaceId = interfacesBefore(best) + h.interfaceId; // as interfaces() lists them
        frame.interfaceDeclared = h.interfaceDeclared;
        frame.interfaceName = h.interfaceName;
        frame.linkType = h.linkType;
        frame.number = ++count;
        frame.fileOffset = h.fileOffset;
        frame.timestampOutOfRange = h.timestampOutOfRange;
        frame.comment = h.comment;
        frame.pseudoHeaderLength = h.pseudoHeaderLength;
        // the head's bytes stay valid: its reader only moves on at the next call, after the caller is done
        pending = best;
        return true;
    }

    private int pending = -1;

    /**
     * Interfaces of the files before file i: each file's interface numbers follow the previous files', so frames of
     * two files (one tap each) never share an interface number.
     */
    private int interfacesBefore(int i) {
        int n = 0;
        for (int j = 0; j < i; j++) {
            n += Math.max(1, readers.get(j).interfaces().size());
        }
        return n;
    }

    /** The interface numbers frames of file i carry, as known so far (a pcap file's one interface included). */
    public int[] interfacesOf(int i) {
        int first = interfacesBefore(i);
        int n = Math.max(1, readers.get(i).interfaces().size());
        int[] ids = new int[n];
        for (int k = 0; k < n; k++) {
            ids[k] = first + k;
        }
        return ids;
    }

    /** Advances the reader whose frame was handed out last (called at the start of the next read). */
    private void advancePending() throws IOException {
        if (pending >= 0) {
            live[pending] = readers.get(pending).next(heads.get(pending));
            pending = -1;
        }
    }

    @Override
    public CaptureProblem problem() {
        return problem;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        List<InterfaceInfo> all = new ArrayList<>();
        for (CaptureReader r : readers) {
            all.addAll(r.interfaces());
        }
        return all;
    }

    @Override
    public String format() {
        return "merged";
    }

    @Override
    public List<String> fileComments() {
        return List.of();
    }

    @Override
    public String name() {
        return String.join(" + ", readers.stream().map(CaptureReader::name).toList());
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (CaptureReader r : readers) {
            try {
                r.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
