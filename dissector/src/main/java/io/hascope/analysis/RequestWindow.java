package io.hascope.analysis;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The requests a reply or a resend can still reach, oldest first (analysis.md §2): each stays a matching window after
 * its last send, so that a late reply, a resend or a second reply is recognised. Over rUDP an unanswered request may
 * outlive its window: its DATA may not be delivered yet, however late, or its reply may queue behind the receiver's
 * own DATA; such requests wait apart until the two channels' ACKs tell that no reply can come. The window says when
 * a request leaves; what leaving means (an expiry, a request recycled) is its owner's.
 */
final class RequestWindow {
    /** At most this many requests wait past their window for their DATA; beyond it the oldest is settled. */
    private static final int AWAITING_LIMIT = 1 << 16;

    /** What becomes of a request that leaves. */
    interface Leaving {
        /** It left unanswered, or answered a window ago: its outcome is settled now. */
        void settle(PendingRequest r);

        /** It left after an earlier settlement (finalized, or answered): only its memory is given back. */
        void recycle(PendingRequest r);
    }

    private final AnalysisConfig config;
    private final Leaving leaving;
    private final Deque<PendingRequest> window = new ArrayDeque<>();
    /** Over rUDP, requests past their window whose DATA's fate is not yet known. Oldest first. */
    private final Deque<PendingRequest> awaitingData = new ArrayDeque<>();
    private long awaitingSettled = Long.MIN_VALUE;
    /** The earliest a hold of a request awaiting its DATA's fate can end: its latest send plus the reply timeout. */
    private long awaitingEarliestEnd = Long.MAX_VALUE;
    /**
     * Every request held, in the window or past it, by its matching keys: what a reply, a resend or a repeat is
     * looked for in (the waiting ones, the answered ones, any), reading only those with its key.
     */
    private final RequestsByKey held = new RequestsByKey();
    /** Requests added so far: a request's order, and (the window letting go oldest first) its place from the end. */
    private long added;

    RequestWindow(AnalysisConfig config, Leaving leaving) {
        this.config = config;
        this.leaving = leaving;
    }

    /** How long a request stays matchable after its last send: late replies and resends are seen within it. */
    static long span(AnalysisConfig config) {
        return Math.max(config.failoverSilence, 10 * config.replyTimeout);
    }

    void add(PendingRequest r) {
        r.order = ++added;
        held.add(r);
        window.add(r);
    }

    /** The oldest request held whose rule-1 key is key (RequestsByKey.keyOf), or null; nextByKey leads on. */
    PendingRequest oldestWithKey(long key) {
        return held.oldestWithKey(key);
    }

    /**
     * The oldest request held that a reply with these keys may answer (analysis.md §2: by its opaque, or else by its
     * content, without the bodies when it was truncated), or null; {@link #nextForReply} leads to younger ones. Among
     * them may be requests of other pairs, and of other keys hashed alike: the caller still asks MatchingKeys.answers.
     */
    PendingRequest firstForReply(boolean hasOpaque, boolean truncated, long opaqueHash, long key) {
        return hasOpaque ? held.oldestWithKey(opaqueHash)
                : truncated ? held.oldestWithHeader(key) : held.oldestWithKey(key);
    }

    /** The next request after r in the chain {@link #firstForReply} began with the same reply's keys. */
    static PendingRequest nextForReply(PendingRequest r, boolean hasOpaque, boolean truncated) {
        return !hasOpaque && truncated ? RequestsByKey.nextByHeader(r) : RequestsByKey.nextByKey(r);
    }

    /** r leaves: it is no longer found by its keys. */
    private void forget(PendingRequest r) {
        held.remove(r);
    }

    /** The requests still in the window, oldest first (not those waiting past it for their DATA). */
    Iterable<PendingRequest> inWindow() {
        return window;
    }

    /** The clock moved on to now: requests past their window leave, or wait apart for their DATA's fate. */
    void advance(long now) {
        long span = span(config);
        // answered requests stay for the window so that a second reply is recognised as a duplicate
        while (!window.isEmpty() && ((window.peekFirst().finalized && !window.peekFirst().answered())
                || now - window.peekFirst().lastSend > span)) {
            PendingRequest r = window.pollFirst();
            if (awaitsItsData(r)) {
                r.awaiting = true;
                awaitingData.addLast(r);
                awaitingEarliestEnd = Math.min(awaitingEarliestEnd, r.lastSend + config.replyTimeout);
                continue;
            }
            forget(r);
            leaving.settle(r);
        }
        // not now - awaitingSettled: from its first value, Long.MIN_VALUE, that overflows (nothing settled till the end)
        if (!awaitingData.isEmpty() && now - AnalysisConfig.MS >= awaitingSettled) {
            settleAwaitingData(now, span);
        }
    }

    /**
     * The earliest a hold not yet settled can end. A request resent stays in the window and holds later ones back:
     * none can end before its first send plus the reply timeout, as none still waiting for its DATA can before the
     * earliest of their latest sends plus the reply timeout.
     */
    long earliestEnd() {
        long windowEarliestEnd = window.isEmpty() ? Long.MAX_VALUE : window.peekFirst().time + config.replyTimeout;
        return Math.min(windowEarliestEnd, awaitingEarliestEnd);
    }

    /**
     * Unanswered over rUDP: its DATA may not have been delivered yet, or its reply may queue behind DATA of the
     * receiver's own still waiting for the requester's ACK, so it may still be answered, however late; the two
     * channels' ACKs tell when it no longer can be (settleAwaitingData).
     */
    private static boolean awaitsItsData(PendingRequest r) {
        return r.dataChannel != null && r.waitsForReply();
    }

    /**
     * Requests waiting for their DATA leave once answered, or once no reply can still come: once the receiver has
     * taken the DATA (its ACK passes it) and a request of a later DATA has been answered (replies come in the order
     * their requests were taken), or, while none is, a matching window after none of the receiver's DATA is in flight
     * (go-back-N delivers what is, however late: after a cut link a backlog may take seconds to drain).
     */
    private void settleAwaitingData(long now, long span) {
        awaitingSettled = now;
        long earliestEnd = Long.MAX_VALUE;
        for (Iterator<PendingRequest> it = awaitingData.iterator(); it.hasNext(); ) {
            PendingRequest r = it.next();
            // answered, it stays a matching window so that a second reply (to a resend) is a duplicate, not an orphan
            if (r.answered() ? now - r.replyTime > span : r.finalized) {
                it.remove();
                forget(r);
                if (r.applied) {
                    leaving.recycle(r);
                }
                continue;
            }
            if (r.answered()) {
                continue;
            }
            earliestEnd = Math.min(earliestEnd, r.lastSend + config.replyTimeout);
            TransportChannel replies = r.dataChannel.reverse;
            if (replies != null && replies.consumedOnArrival.restartInDoubt(now, span)) {
                continue; // its reply may ride the numbers a restart read as given up, which a reply may yet show taken
            }
            if (!r.dataChannel.acknowledges(r.dataSeq)) {
                continue; // the receiver may not have it yet: go-back-N delivers it however late
            }
            if (r.dataChannel.answeredAfter(r.dataSeq)) {
                // and once the requester has what the receiver had sent by then: a receiver that restarted may have
                // answered out of order, and the ACK that shows it took the request may ride with the reply
                if (r.passedBy < 0) {
                    r.passedBy = Math.max(replies.highest, 0);
                }
                if (replies.highest < 0 || replies.acknowledges(r.passedBy)) {
                    it.remove();
                    forget(r);
                    leaving.settle(r);
                }
                continue;
            }
            if (replies.highest >= 0 && !replies.acknowledges(replies.highest)) {
                r.receiverIdleSince = -1;
                continue;
            }
            if (r.receiverIdleSince < 0) {
                r.receiverIdleSince = now;
            }
            if (now - r.receiverIdleSince > span) {
                it.remove();
                forget(r);
                leaving.settle(r);
            }
        }
        while (awaitingData.size() > AWAITING_LIMIT) {
            PendingRequest r = awaitingData.pollFirst();
            forget(r);
            leaving.settle(r);
        }
        awaitingEarliestEnd = earliestEnd; // of some settled just now too: a little early, never late
    }

    /**
     * The request r repeats (analysis.md §2's keys), looking at no more than the newest limit requests of the window,
     * newest first, then at those past it, oldest first. Only the requests with r's key are looked at: a request's
     * place from the window's end is the number added after it, as the window lets go of its oldest first.
     */
    PendingRequest recent(PendingRequest r, int limit) {
        PendingRequest newestInWindow = null;
        PendingRequest oldestPast = null;
        for (PendingRequest q = held.oldestWithKey(RequestsByKey.keyOf(r)); q != null; q = RequestsByKey.nextByKey(q)) {
            if (q.from != r.from || q.to != r.to || !MatchingKeys.sameRequest(q, r)) {
                continue;
            }
            if (!q.awaiting) {
                if (added - q.order < limit && (newestInWindow == null || q.order > newestInWindow.order)) {
                    newestInWindow = q;
                }
            } else if (oldestPast == null || q.order < oldestPast.order) {
                oldestPast = q;
            }
        }
        return newestInWindow != null ? newestInWindow : oldestPast;
    }

    /**
     * The answered request a reply answers again: the newest in the window, else the oldest of those answered only
     * after their window (over rUDP, late); null when none. Only requests with the reply's key are looked at.
     */
    PendingRequest answeredAgain(DpuState sender, DpuState replier, boolean hasOpaque, boolean truncated,
                                 long opaqueHash, long key) {
        PendingRequest newestInWindow = null;
        PendingRequest oldestPast = null;
        for (PendingRequest r = firstForReply(hasOpaque, truncated, opaqueHash, key); r != null;
                r = nextForReply(r, hasOpaque, truncated)) {
            if (r.from != sender || r.to != replier || !r.answered()
                    || !MatchingKeys.answers(hasOpaque, truncated, opaqueHash, key, r)) {
                continue;
            }
            if (!r.awaiting) {
                if (newestInWindow == null || r.order > newestInWindow.order) {
                    newestInWindow = r;
                }
            } else if (oldestPast == null || r.order < oldestPast.order) {
                oldestPast = r;
            }
        }
        return newestInWindow != null ? newestInWindow : oldestPast;
    }

    /** Every request still held, in the window and past it, taken out oldest first (the end of the capture). */
    PendingRequest pollAny() {
        PendingRequest r = !window.isEmpty() ? window.pollFirst() : awaitingData.pollFirst();
        if (r != null) {
            forget(r);
        }
        return r;
    }
}
