package io.hascope.analysis;

/**
 * The holds of analysis.md §3 as their outcomes become known: how many opened and how each ended, the reply times of
 * those answered, the most in flight at once, and the listener told of each (the GUI's Holds view). A release one
 * tap took on trust over rUDP can be taken back when its replier turns out to have failed before the requester took
 * the reply (TrustedReplies): the hold then expired, and its reply time and its end in flight are undone.
 */
final class HoldLedger {
    /** How many matching windows the sweep of holds in flight may wait, at most, on holds not yet settled. */
    static final int MOST_WINDOWS = 10;
    final InFlightPeak inFlight = new InFlightPeak();
    final DurationHistogram replyTimes = new DurationHistogram();
    long opened;
    long released;
    long late;
    long expired;
    long openAtEnd;
    /** Whether a release was taken on trust: one can then be taken back until its replier is judged gone. */
    private boolean releasedOnTrust;
    private Analyzer.Holds listener;

    void tell(Analyzer.Holds listener) {
        this.listener = listener;
    }

    /** Request r, sent at its time, holds packets (holds of them; none opens nothing). */
    void opened(PendingRequest r, int holds) {
        opened += holds;
        if (holds > 0) {
            inFlight.start(r.time, holds);
        }
    }

    /**
     * The reply in frame, at time, to request r from requester to replier, which held packets: released when it came
     * within the reply timeout of the latest send (inTime), late otherwise.
     */
    void answered(PendingRequest r, int holds, long frame, long time, boolean inTime) {
        long sinceFirst = time - r.time;
        replyTimes.record(sinceFirst);
        inFlight.end(time, holds);
        if (inTime) {
            released += holds;
        } else {
            late += holds;
        }
        if (listener != null) {
            listener.hold(r.frame, r.time, r.from.address, r.to.address, holds, r.firstConnection(), frame, sinceFirst,
                    r.resends, inTime ? "released" : "late", time);
        }
    }

    /** The release just counted by answered() was taken on trust, and may be taken back. */
    void onTrust() {
        releasedOnTrust = true;
    }

    /** Request r, which held packets, had no reply: still open at the end of the capture, or expired, both at end. */
    void unanswered(PendingRequest r, int holds, boolean open, long end) {
        inFlight.end(end, holds);
        if (open) {
            openAtEnd += holds;
        } else {
            expired += holds;
        }
        if (listener != null && holds > 0) {
            listener.hold(r.frame, r.time, r.from.address, r.to.address, holds, r.firstConnection(), -1, -1,
                    r.resends, open ? "open" : "expired", end);
        }
    }

    /** A release taken on trust whose reply was never taken: the holds expired at expiredAt instead. */
    void takenBack(TrustedReplies.Release r, long expiredAt) {
        released -= r.holds;
        expired += r.holds;
        replyTimes.remove(r.replyTime);
        inFlight.reopen(r.left, expiredAt, r.holds);
        if (listener != null) {
            listener.hold(r.requestFrame, r.requestTime, r.requester.address, r.replier.address, r.holds,
                    r.said.firstNamed(), -1, -1, r.resends, "expired", expiredAt);
        }
    }

    /**
     * Sweeps the holds in flight that no event still to come can precede: those a matching window old, or where a
     * release may be taken back, a failover silence older still; and none later than the earliest a hold not yet
     * settled could end (earliestEnd: one held in the window behind a request resent again and again, or waiting for
     * its DATA's fate). That wait is not bounded (a receiver that failed never acknowledges), so the sweep stays at
     * most MOST_WINDOWS matching windows behind: a hold ending older than that counts in flight until the sweep's
     * edge, and memory stays the events of a bounded span.
     */
    void settle(long now, long matchingWindow, long failoverSilence, long earliestEnd) {
        long lag = matchingWindow + (releasedOnTrust ? failoverSilence : 0);
        inFlight.settle(Math.max(Math.min(now - lag, earliestEnd), now - lag - MOST_WINDOWS * matchingWindow));
    }
}
