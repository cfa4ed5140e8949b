package io.hascope.analysis;

import io.hascope.field.AnalysisFields;
import io.hascope.field.Field;
import io.hascope.field.FieldSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the first pass learned about single frames (decode -2): the analysis fields to add to each frame's tree in
 * the second pass. Held for the frames that have any, as tshark's first pass holds its per-frame state.
 */
public final class FrameAnnotations implements Analyzer.Pairing, FrameNotes {
    /** A field's value: a number, or text when text is not null. */
    private record Note(Field field, long value, String text) {
    }

    private final Map<Long, List<Note>> notes = new HashMap<>();
    private java.util.function.LongConsumer noted;

    /**
     * Told the frame each time a note is added to it, as the analysis goes (a live capture's filter judges that
     * frame again).
     */
    public FrameAnnotations onNote(java.util.function.LongConsumer listener) {
        this.noted = listener;
        return this;
    }

    @Override
    public void paired(long requestFrame, long replyFrame, long replyNanos) {
        note(requestFrame, AnalysisFields.REPLY_IN, replyFrame);
        note(replyFrame, AnalysisFields.REPLY_TO, requestFrame);
        note(replyFrame, AnalysisFields.REPLY_TIME, replyNanos);
    }

    /**
     * After the first pass: every finding becomes its frame's finding and reason, and those that say something of a
     * single frame its tcp.analysis-like field too. Malformed frames are not repeated: their expert items say it.
     */
    public void addFindings(List<Finding> findings) {
        for (Finding f : findings) {
            addFinding(f);
        }
    }

    /** One finding, as {@link #addFindings} takes each (a live capture's, as the analysis makes it). */
    public void addFinding(Finding f) {
        if (f.type() != FindingType.MALFORMED) {
            note(f.frame(), AnalysisFields.FINDING, f.type().ordinal() + 1);
            note(f.frame(), AnalysisFields.FINDING_REASON, f.reason());
        }
        switch (f.type()) {
            case LOST_REPLY -> {
                if (!has(f.frame(), AnalysisFields.LOST_REPLY)) {
                    note(f.frame(), AnalysisFields.LOST_REPLY, 1); // one per request, not per message
                }
            }
            case RESEND -> note(f.frame(), AnalysisFields.RETRANSMISSION, number(f, "request"));
            case DUPLICATE_REPLY -> note(f.frame(), AnalysisFields.DUPLICATE_REPLY, number(f, "first_reply"));
            case TRANSPORT_GAP -> note(f.frame(), AnalysisFields.RUDP_GAP, number(f, "missing"));
            case TRANSPORT_RETRANSMISSION -> note(f.frame(), AnalysisFields.RUDP_RETRANSMISSION, number(f, "seq"));
            default -> {
            }
        }
    }

    /** Second pass: adds the frame's analysis fields to its tree. */
    @Override
    public void addTo(long frame, FieldSink tree) {
        List<Note> list = notes.get(frame);
        if (list != null) {
            for (Note n : list) {
                if (n.text() == null) {
                    tree.generated(n.field(), n.value());
                } else {
                    tree.text(n.field(), -1, 0, n.text()); // generated, as the numbers are
                }
            }
        }
    }

    @Override
    public long value(long frame, Field field) {
        List<Note> list = notes.get(frame);
        if (list != null) {
            for (Note n : list) {
                if (n.field() == field) {
                    return n.value();
                }
            }
        }
        return -1;
    }

    /** Lets go of the notes of the frames before this one (a live capture keeps only its latest frames'). */
    public void forgetBefore(long frame) {
        notes.keySet().removeIf(n -> n < frame);
    }

    /** Frames that have notes. */
    public int frames() {
        return notes.size();
    }

    private boolean has(long frame, Field field) {
        List<Note> list = notes.get(frame);
        return list != null && list.stream().anyMatch(n -> n.field() == field);
    }

    private void note(long frame, Field field, long value) {
        add(frame, new Note(field, value, null));
    }

    private void note(long frame, Field field, String text) {
        add(frame, new Note(field, 0, text));
    }

    private void add(long frame, Note note) {
        notes.computeIfAbsent(frame, k -> new ArrayList<>(2)).add(note);
        if (noted != null) {
            noted.accept(frame);
        }
    }

    private static long number(Finding f, String key) {
        Object v = f.detail().get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }
}
