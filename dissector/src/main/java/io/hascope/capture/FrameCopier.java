package io.hascope.capture;

import java.io.IOException;
import java.util.List;

/**
 * Writes frames a reader read to a writer, record for record: each frame's interface is declared as the reader
 * listed it (in the reader's order, so frames keep their interface numbers), and each record is written whole, its
 * pseudo-header included, with the comment given.
 */
public final class FrameCopier {
    private final CaptureReader reader;
    private final CaptureWriter out;
    private int declared;

    public FrameCopier(CaptureReader reader, CaptureWriter out) {
        this.reader = reader;
        this.out = out;
    }

    /** Writes frame (read by this copier's reader) with comment (null: none). */
    public void copy(Frame frame, String comment) throws IOException {
        while (declared <= frame.interfaceId()) {
            List<InterfaceInfo> known = reader.interfaces();
            InterfaceInfo i = declared < known.size() ? known.get(declared) : null;
            out.addInterface(i == null ? frame.linkType() : i.linkType(), i == null ? 262144 : i.snapLength(),
                    i == null ? null : i.name());
            declared++;
        }
        out.write(frame, frame.interfaceId(), comment);
    }
}
