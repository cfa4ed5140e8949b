package io.hascope.capture;

import java.io.IOException;
import java.util.List;

/**
 * Writes frames a reader read to a writer, record for record: each frame's interface is declared as the reader
 * listed it (in the reader's order, so frames keep their interface numbers), and each record is written whole, its
 * pseudo-header included, with the comment given.
 */
public final class FrameCopier {
    private final java.util.function.Supplier<List<InterfaceInfo>> interfaces;
    private final CaptureWriter out;
    private int declared;

    /** Frames as reader reads them (its interfaces are asked for as frames name them: pcapng declares them late). */
    public FrameCopier(CaptureReader reader, CaptureWriter out) {
        this.interfaces = reader::interfaces;
        this.out = out;
    }

    /** Frames of a capture whose interfaces are known (a viewer's index), re-read by number. */
    public FrameCopier(List<InterfaceInfo> interfaces, CaptureWriter out) {
        this.interfaces = () -> interfaces;
        this.out = out;
    }

    /**
     * Declares every interface known now, before any frame: a reader of the copy that looks at its interfaces once,
     * before its first frame (taps named by interface), then finds them all.
     */
    public void declareAll() throws IOException {
        List<InterfaceInfo> known = interfaces.get();
        while (declared < known.size()) {
            InterfaceInfo i = known.get(declared);
            out.addInterface(i.linkType(), i.snapLength(), i.name());
            declared++;
        }
    }

    /** Writes frame (read by this copier's reader) with comment (null: none). */
    public void copy(Frame frame, String comment) throws IOException {
        while (declared <= frame.interfaceId()) {
            List<InterfaceInfo> known = interfaces.get();
            InterfaceInfo i = declared < known.size() ? known.get(declared) : null;
            out.addInterface(i == null ? frame.linkType() : i.linkType(), i == null ? 262144 : i.snapLength(),
                    i == null ? null : i.name());
            declared++;
        }
        out.write(frame, frame.interfaceId(), comment);
    }
}
