package io.hascope.live;

import io.hascope.analysis.Analyzer;
import io.hascope.analysis.Finding;
import io.hascope.analysis.FrameAnnotations;
import io.hascope.analysis.FrameNotes;
import io.hascope.field.Field;
import io.hascope.field.FieldSink;

/**
 * The analysis fields of a live capture's latest frames, as its analysis learns them (a reply's reply_to, the
 * request's reply_in, each finding on its frame), for a viewer that shows them while capturing. Written by the
 * analysis thread, read by the viewer's; the notes of frames more than {@code kept} behind the newest are let go,
 * so a capture of hours holds a bounded number (the file's second pass has them all once the capture stops).
 */
public final class RecentNotes implements FrameNotes, Analyzer.Pairing {
    private final FrameAnnotations notes = new FrameAnnotations();
    private final long kept;
    private long newest;
    private long oldestKept;

    public RecentNotes(long kept) {
        this.kept = Math.max(1, kept);
    }

    @Override
    public synchronized void paired(long requestFrame, long replyFrame, long replyNanos) {
        notes.paired(requestFrame, replyFrame, replyNanos);
        noted(replyFrame);
    }

    public synchronized void addFinding(Finding f) {
        notes.addFinding(f);
        noted(f.frame());
    }

    @Override
    public synchronized void addTo(long frame, FieldSink tree) {
        notes.addTo(frame, tree);
    }

    @Override
    public synchronized long value(long frame, Field field) {
        return notes.value(frame, field);
    }

    /** The first frame whose notes are kept (those before were let go). */
    public synchronized long oldestKept() {
        return oldestKept;
    }

    /** Frames that have notes now. */
    public synchronized int frames() {
        return notes.frames();
    }

    /** Past twice the frames kept, those before the last {@code kept} go, so that each is let go once. */
    private void noted(long frame) {
        newest = Math.max(newest, frame);
        if (newest - oldestKept > 2 * kept) {
            oldestKept = newest - kept;
            notes.forgetBefore(oldestKept);
        }
    }
}
