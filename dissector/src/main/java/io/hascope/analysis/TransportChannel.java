package io.hascope.analysis;

import java.util.HashMap;
import java.util.Map;

/**
 * One direction of the reliable transport as the capture shows it: which DATA numbers were seen, the number the
 * receiver expects next (go-back-N: only that one is consumed), and the NACKs asked for each number.
 */
final class TransportChannel {
    private static final int SEQ_SPACE = 1 << 24;
    /**
     * The last {@value #RECENT} DATA numbers seen (seq + 1 per slot, 0 empty): a retransmission comes back within the
     * sender's window, and a bitmap of the whole 24-bit space would cost 2 MiB per channel.
     */
    static final int RECENT = 4096;
    private int[] recent;
    int highest = -1;
    /** The receiver's next number as judged from the DATA seen leaving (one tap), and as seen arriving (two). */
    final InOrder consumedAsSent = new InOrder(false);
    final InOrder consumedOnArrival = new InOrder(true);
    final Map<Integer, Integer> nacks = new HashMap<>();
    boolean brokenReported;
    long lastData = Long.MIN_VALUE;
    /** The receiver's latest ACK for this channel's DATA (its next expected number), or -1. */
    int acknowledgedTo = -1;
    /** When the receiver's latest header (and so its latest ACK, moved or not) was seen. */
    long acknowledgedAt = Long.MIN_VALUE;
    /** The other direction between the same two DPUs, which carries the replies to this one's requests. */
    TransportChannel reverse;
    /**
     * The last time the receiver had acknowledged every DATA seen (Long.MIN_VALUE: never): then nothing the sender
     * had built waited in its window or behind it.
     */
    long clearedAt = Long.MIN_VALUE;
    /** The last transport frame of any type (DATA, KEEPALIVE, NACK) from this channel's sender. */
    long lastHeard = Long.MIN_VALUE;

    /**
     * Gaps waiting for the other tap (named taps): DATA numbers the sender's tap skipped may still be seen arriving,
     * and are then its own loss. Oldest first; null until one waits.
     */
    java.util.ArrayDeque<WaitingGap> waitingGaps;

    /** A gap of DATA numbers [expected, seq) first seen at frame; missing counts those not seen arriving since. */
    static final class WaitingGap {
        final long frame;
        final long time;
        final int expected;
        final int seq;
        int missing;

        WaitingGap(long frame, long time, int expected, int seq) {
            this.frame = frame;
            this.time = time;
            this.expected = expected;
            this.seq = seq;
            this.missing = distance(expected, seq);
        }
    }

    private int lastNacked = -1;
    private long lastNackAt;

    /** A NACK for number seq at time: the time since the receiver's previous NACK for it (its NACK timeout), or -1. */
    long nackInterval(int seq, long time) {
        long interval = seq == lastNacked ? time - lastNackAt : -1;
        lastNacked = seq;
        lastNackAt = time;
        return interval;
    }

    /**
     * The receiver's ACK, from a header of its own: kept when it moves forward. Returns the ACK it moved forward from
     * (the DATA numbers [that, next) are newly acknowledged), or -1.
     */
    int acknowledge(int next, long time) {
        acknowledgedAt = time;
        if (acknowledgedTo < 0 || ahead(next, acknowledgedTo)) {
            int from = acknowledgedTo;
            acknowledgedTo = next;
            return from;
        }
        return -1;
    }

    /**
     * Requests with Q by the DATA number that carried them, for the last {@value #RECENT} numbers: the receiver's ACK
     * past the number shows it has the request, though its reply may wait behind DATA of its own. Null until one.
     */
    private PendingRequest[] awaitingReply;

    void awaitsReply(int seq, PendingRequest r) {
        if (awaitingReply == null) {
            awaitingReply = new PendingRequest[RECENT];
        }
        awaitingReply[seq & (RECENT - 1)] = r;
    }

    /** The request DATA number seq carried, if still kept, taken out; else null. */
    PendingRequest takeAwaitingReply(int seq) {
        if (awaitingReply == null) {
            return null;
        }
        int slot = seq & (RECENT - 1);
        PendingRequest r = awaitingReply[slot];
        awaitingReply[slot] = null;
        // a slot may hold an older number's request, or a pooled request since reused; a request its sender resent
        // rides each DATA that carried it, and the receiver that took any of them has it
        return r != null && r.dataChannel == this && r.rode(seq) ? r : null;
    }

    private void forgetAwaitingReplies(int from, int to) {
        for (int k = 0, seq = from; k < RECENT && seq != to; k++, seq = next(seq)) {
            takeAwaitingReply(seq);
        }
    }

    /** Copies one tap took on trust from this channel's DATA; null until one. */
    private TrustedCopies trusted;

    TrustedCopies trusted() {
        if (trusted == null) {
            trusted = new TrustedCopies();
        }
        return trusted;
    }

    /** The copies taken on trust, or null when none was. */
    TrustedCopies trustedIfAny() {
        return trusted;
    }

    /** Holds one tap released on trust by replies in this channel's DATA; null until one. */
    private TrustedReplies trustedReplies;

    TrustedReplies trustedReplies() {
        if (trustedReplies == null) {
            trustedReplies = new TrustedReplies();
        }
        return trustedReplies;
    }

    /** The releases taken on trust, or null when none was. */
    TrustedReplies trustedRepliesIfAny() {
        return trustedReplies;
    }

    /** Whether the receiver has acknowledged DATA number seq (its ACK is past it). */
    boolean acknowledges(int seq) {
        return acknowledgedTo >= 0 && ahead(acknowledgedTo, seq);
    }

    /** Whether DATA number a comes after b, in the 24-bit space that wraps (at most half of it ahead). */
    static boolean ahead(int a, int b) {
        int distance = distance(b, a);
        return distance != 0 && distance < SEQ_SPACE / 2;
    }

    /** How many DATA numbers from `from` on to `to`, around the 24-bit space. */
    static int distance(int from, int to) {
        return Math.floorMod(to - from, SEQ_SPACE);
    }

    /** DATA number seq was seen leaving: the highest so far, around the 24-bit space. */
    void sawLeaving(int seq) {
        if (highest < 0 || ahead(seq, highest)) {
            highest = seq;
        }
    }

    /** The highest DATA number whose request has been answered, or -1: see {@link #answeredAfter}. */
    private int answeredUpTo = -1;

    /** A request that rode DATA number seq was answered. */
    void answered(int seq) {
        if (answeredUpTo < 0 || ahead(seq, answeredUpTo)) {
            answeredUpTo = seq;
        }
    }

    /**
     * Whether a request of a later DATA than seq has been answered. The receiver takes DATA in order and queues its
     * replies in that order, and the requester takes the receiver's DATA in order: so the reply to the request of
     * seq, if any was sent, came before that one and has been seen.
     */
    boolean answeredAfter(int seq) {
        return answeredUpTo >= 0 && ahead(answeredUpTo, seq);
    }

    /**
     * The receiver's ACK: waiting gaps it passes, none of whose numbers it asked for again (NACK), were received, so
     * the capture missed them; true when it settles one that way.
     */
    boolean acknowledgedWithoutNack(int ack) {
        boolean settled = false;
        for (WaitingGap g : waitingGaps) {
            if (g.missing > 0 && Math.floorMod(ack - g.seq, SEQ_SPACE) < SEQ_SPACE / 2 && !nackedWithin(g)) {
                g.missing = 0;
                settled = true;
            }
        }
        return settled;
    }

    private boolean nackedWithin(WaitingGap g) {
        if (distance(g.expected, g.seq) > RECENT) {
            return true; // too wide to be the capture's loss alone: judged as a gap
        }
        for (int n = g.expected; n != g.seq; n = next(n)) {
            if (nacks.containsKey(n)) {
                return true;
            }
        }
        return false;
    }

    /** DATA number seq, below the highest and not seen before, was seen after all: it fills a waiting gap. */
    void filled(int seq) {
        if (waitingGaps == null) {
            return;
        }
        for (WaitingGap g : waitingGaps) {
            if (distance(g.expected, seq) < distance(g.expected, g.seq)) {
                g.missing--;
                return;
            }
        }
    }

    /**
     * The frame each of the last {@value #RECENT} DATA numbers last left in, when, and the number itself (seq + 1; 0:
     * none seen leave), so that a slot reused by a later number does not answer for an earlier one.
     */
    private long[] departedIn;
    private long[] departedAt;
    private int[] departedSeq;
    /**
     * The matching keys of a reply a DATA number carried while its consumption was still unseen (two taps: until it
     * arrives in order; one tap: a DATA that left out of order): the receiver's ACK may show it consumed after all.
     * Flags 0: none kept for that departure.
     */
    private long[] replyOpaqueHash;
    private long[] replyContentKey;
    /** The ACK the reply's DATA carried as it last left: the replier's count of the requester's DATA then. */
    private int[] replyAck;
    private byte[] replyFlags;
    private static final byte CARRIES_REPLY = 1;
    private static final byte REPLY_HAS_OPAQUE = 2;
    private static final byte REPLY_TRUNCATED = 4;
    /** The one-way time of the last DATA seen both leaving and arriving (two taps); 0 until then. */
    long latency;

    void departed(int seq, long frame, long time) {
        if (departedIn == null) {
            departedIn = new long[RECENT];
            departedAt = new long[RECENT];
            departedSeq = new int[RECENT];
        }
        int slot = seq & (RECENT - 1);
        departedIn[slot] = frame;
        departedAt[slot] = time;
        departedSeq[slot] = seq + 1;
        if (replyFlags != null) {
            replyFlags[slot] = 0;
        }
    }

    /**
     * DATA number seq, seen leaving, was seen arriving in frame at time: the channel's one-way time now (not from a
     * frame seen only arriving, whose departure is the arrival itself).
     */
    void arrived(int seq, long frame, long time) {
        long departure = departureOf(seq);
        if (departure >= 0 && departure != frame) {
            latency = Math.max(0, time - departedAt[seq & (RECENT - 1)]);
        }
    }

    /** The frame DATA number seq last left in, or -1 (not seen leave, or too long ago). */
    long departureOf(int seq) {
        return departedIn == null || departedSeq[seq & (RECENT - 1)] != seq + 1 ? -1 : departedIn[seq & (RECENT - 1)];
    }

    /** When DATA number seq last left (valid when {@link #departureOf} finds it). */
    long departureTime(int seq) {
        return departedAt[seq & (RECENT - 1)];
    }

    /** The DATA number seq, which just left, carries a reply with these matching keys. */
    void carriesReply(int seq, long opaqueHash, long contentKey, boolean hasOpaque, boolean truncated, int ack) {
        if (replyFlags == null) {
            replyOpaqueHash = new long[RECENT];
            replyContentKey = new long[RECENT];
            replyAck = new int[RECENT];
            replyFlags = new byte[RECENT];
        }
        int slot = seq & (RECENT - 1);
        replyOpaqueHash[slot] = opaqueHash;
        replyContentKey[slot] = contentKey;
        replyAck[slot] = ack;
        replyFlags[slot] = (byte) (CARRIES_REPLY | (hasOpaque ? REPLY_HAS_OPAQUE : 0)
                | (truncated ? REPLY_TRUNCATED : 0));
    }

    /** Whether DATA number seq's last departure carried a reply kept by {@link #carriesReply}. */
    boolean carriedReply(int seq) {
        return replyFlags != null && departureOf(seq) >= 0 && replyFlags[seq & (RECENT - 1)] != 0;
    }

    long replyOpaqueHash(int seq) {
        return replyOpaqueHash[seq & (RECENT - 1)];
    }

    int replyAck(int seq) {
        return replyAck[seq & (RECENT - 1)];
    }

    long replyContentKey(int seq) {
        return replyContentKey[seq & (RECENT - 1)];
    }

    boolean replyHasOpaque(int seq) {
        return (replyFlags[seq & (RECENT - 1)] & REPLY_HAS_OPAQUE) != 0;
    }

    boolean replyTruncated(int seq) {
        return (replyFlags[seq & (RECENT - 1)] & REPLY_TRUNCATED) != 0;
    }

    /** The DATA number after seq, around the 24-bit number space. */
    static int next(int seq) {
        return (seq + 1) % SEQ_SPACE;
    }

    boolean seen(int seq) {
        return recent != null && recent[seq & (RECENT - 1)] == seq + 1;
    }

    void markSeen(int seq) {
        if (recent == null) {
            recent = new int[RECENT];
        }
        recent[seq & (RECENT - 1)] = seq + 1;
    }

    /**
     * A go-back-N receiver's next expected DATA number: it consumes that one and drops any other until the sender
     * sends it again. A capture that starts mid-stream takes the first number it sees as the start.
     */
    final class InOrder {
        private int expected = -1;
        /** When the receiver, having given up on its next number, takes whatever comes next; MAX_VALUE: no restart. */
        private long restartAt = Long.MAX_VALUE;
        private long lastHeard = Long.MIN_VALUE;
        /**
         * Judged from DATA seen arriving at the receiver's tap, which also sees the receiver's own headers leave in
         * the order it sends them: its next ACK says whether a restart read here really happened.
         */
        private final boolean byArrival;
        /**
         * A restart the timers allow (the number expected before it, and the first DATA that came after), until the
         * receiver's next ACK says whether it happened; -1: none. The receiver checks its timers when it checks them,
         * so the moment it gives up is known only to within its check's period. Meanwhile nothing is taken: the ACK
         * tells what was.
         */
        private int restartedFrom = -1;
        private int restartedAt = -1;
        private long restartedTime;
        /** While a restart waits for its ACK: the number after the run seen arriving in order from restartedAt. */
        private int restartedRunTo;
        /**
         * A restart the receiver's ACK fits, read as one, that its replies may still refute for a matching window
         * ([doubtedFrom, doubtedAt): the numbers read as given up), from when; -1: none.
         */
        private int doubtedFrom = -1;
        private int doubtedAt;
        private long doubtedSince;
        /**
         * While a restart waits for its ACK, the old numbers' run: the number after those that arrived one after the
         * other from the one given up, with no other number below the restart's between (so that a receiver still
         * waiting took each as it came, and one that gave up meanwhile took it too, as the next to come); frozen at
         * the first such other arrival, where a receiver that had given up would have started afresh. Kept with the
         * doubt as doubtedRunTo.
         */
        private int oldRunTo;
        private boolean oldRunGoing;
        private int doubtedRunTo;

        InOrder(boolean byArrival) {
            this.byArrival = byArrival;
        }

        /**
         * The receiver asked for number `missing` as often as it will (Max Nack repeats): unless it comes, the
         * channel is broken at `at`, and a receiver that starts again takes whatever comes next (hasync-v1.md §2
         * ends at "broken"; this is the one restart that keeps the channel going without a reset of the numbers).
         */
        void givingUp(int missing, long at) {
            if (missing == expected) {
                restartAt = Math.min(restartAt, at); // a receiver already broken by silence stays so
            }
        }

        /**
         * The sender's first DATA seen: the receiver expects it, unless it was seen to take another first. Without
         * this the first DATA seen arriving would set the count, and a later one that overtook the earlier ones (lost
         * and resent) would make them look taken out of order.
         */
        void startAt(int seq) {
            if (expected < 0) {
                expected = seq;
            }
        }

        /**
         * A frame of any type from the sender reached the receiver at time. After a silence past the idle timeout
         * the receiver broke the channel (hasync-v1.md §2: "a silent peer past the idle timeout is broken too") and
         * starts again as after giving up: it takes whatever DATA comes next.
         */
        void heard(long time, long idleTimeout) {
            if (lastHeard != Long.MIN_VALUE && time - lastHeard > idleTimeout) {
                restartAt = Math.min(restartAt, lastHeard + idleTimeout);
            }
            lastHeard = Math.max(lastHeard, time);
        }

        /** DATA number seq reached the receiver at time: true when it consumes it. */
        boolean take(int seq, long time) {
            boolean restarting = expected >= 0 && seq != expected && time >= restartAt;
            if (restarting && byArrival && restartedFrom < 0) {
                restartedFrom = expected;
                restartedAt = seq;
                restartedTime = time;
                restartedRunTo = next(seq);
                oldRunTo = expected;
                oldRunGoing = true;
                return false; // taken or not, as the receiver's next ACK says
            }
            if (restartedFrom >= 0) {
                if (seq == restartedRunTo) {
                    restartedRunTo = next(seq);
                }
                if (oldRunGoing && seq == oldRunTo) {
                    oldRunTo = next(seq);
                } else if (seq != restartedAt && !ahead(seq, restartedAt)) {
                    // a receiver that gave up meanwhile may have started afresh here. Not at the restart's number
                    // or past it: there it would have dropped every old number after, which a reply shows taken
                    oldRunGoing = false;
                }
                return false;
            }
            if (restarting) {
                forgetAwaitingReplies(expected, seq); // given up: an ACK past them is no proof they arrived
            }
            if (expected < 0 || restarting) {
                expected = seq;
            }
            if (seq == expected) {
                restartAt = Long.MAX_VALUE;
                expected = next(seq);
                return true;
            }
            return false;
        }

        /**
         * The capture ended while a restart waited for the receiver's next ACK: the timers decide, as they do where
         * only the sender's tap is seen (a restart they allow happened; the cut-tie sweep of
         * docs/analysis-accuracy.md measured that reading right where the ACK came). Returns the numbers the receiver
         * took unseen, [restartedAt, the end of the run that arrived in order after it), as {from, to}; null when no
         * restart waited.
         */
        int[] settleRestartAtEnd() {
            if (restartedFrom < 0) {
                return null;
            }
            int[] took = {restartedAt, restartedRunTo};
            forgetAwaitingReplies(restartedFrom, restartedAt);
            restartedFrom = -1;
            restartAt = Long.MAX_VALUE;
            expected = restartedRunTo;
            return took;
        }

        /** Whether DATA reached the receiver after its timers allowed a restart, and its next ACK has yet to tell. */
        boolean restartPending() {
            return restartedFrom >= 0;
        }

        /** Whether the channel holds a restart tie at now: one waiting for its ACK, or read and still in doubt. */
        boolean tieOpen(long now, long span) {
            return restartedFrom >= 0 || restartInDoubt(now, span);
        }

        /**
         * Whether a restart read from the receiver's ACK may still be refuted by its replies at now: for a matching
         * window (span) after that ACK, unless a reply settled it before.
         */
        boolean restartInDoubt(long now, long span) {
            if (doubtedFrom >= 0 && now - doubtedSince > span) {
                doubtedFrom = -1;
            }
            return doubtedFrom >= 0;
        }

        /**
         * The receiver took a request that rode this channel's DATA numbers first to last (its reply shows it). If
         * they are all among the numbers the restart in doubt read as given up, within the old numbers' run, the run
         * was taken up to there, in order, after all (a restart at its first DATA would have dropped them, and none
         * could start within the run): returns the run's numbers below the restart's as {from, to}, and the restart
         * is undone. Else null. A reply to a later number does not end the doubt: a request resent in a later DATA
         * may have been answered for both, the old number's reply first.
         */
        int[] answered(int first, int last) {
            if (doubtedFrom < 0) {
                return null;
            }
            boolean fromOn = first == doubtedFrom || ahead(first, doubtedFrom);
            if (fromOn && ahead(doubtedAt, last) && ahead(doubtedRunTo, last)) {
                int[] taken = {doubtedFrom, ahead(doubtedRunTo, doubtedAt) ? doubtedAt : doubtedRunTo};
                doubtedFrom = -1;
                return taken;
            }
            return null;
        }

        /**
         * The receiver acknowledged up to {@code next} (its next expected number): what it consumed is consumed, even
         * where a tap missed the DATA that carried it. Without this, one DATA a tap missed would hold every later one
         * back as out of order for good, since the receiver, which has it, never asks for it again. Returns the first
         * number it had not seen taken (the numbers up to next were consumed unseen), or -1. The header is a NACK or
         * not, sent at time.
         */
        int acknowledged(int next, boolean nack, long time) {
            if (restartedFrom >= 0) {
                int from = restartedFrom;
                boolean restarted = ahead(next, restartedAt);
                boolean tookOld = ahead(next, from);
                // a header other than a NACK sent the instant the DATA arrived, with the old ACK, may have left before
                // it was taken (a DATA the ACK it carried let go), and says nothing; a NACK answers it
                if (restarted || tookOld || next == from && (nack || time != restartedTime)) {
                    restartedFrom = -1;
                    restartAt = Long.MAX_VALUE;
                    expected = next;
                    if (restarted) {
                        // it took what came from restartedAt on, consumed unseen; an ACK past the numbers it gave up
                        // is no proof they arrived
                        forgetAwaitingReplies(from, restartedAt);
                        doubtedFrom = from;
                        doubtedAt = restartedAt;
                        doubtedSince = time;
                        doubtedRunTo = oldRunTo;
                        return restartedAt;
                    }
                    return tookOld ? from : -1; // it never restarted, and took the old numbers up to next
                }
            }
            if (expected >= 0 && ahead(next, expected)) {
                int skippedFrom = expected;
                expected = next;
                return skippedFrom;
            }
            return -1;
        }
    }
}
