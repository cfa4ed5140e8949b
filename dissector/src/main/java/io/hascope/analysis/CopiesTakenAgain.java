package io.hascope.analysis;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Two taps, plain UDP, requests without an opaque (DASH's, and hasync's under rule 2): a request the network
 * delivered twice is taken twice by its replier, which answers each copy it takes. The second reply seen leaving the
 * replier then answers no copy waiting there; it is the taken-again request's second reply, not the answer to an
 * identical request that never arrived (sweep seed 2132, run cf49baf6: of two identical requests one arrived twice and
 * the other was lost, and its second ACK had been given to the lost one). Kept here: each repeat arrival of such a
 * request until a reply of its content leaves (or a matching window passes), and each reply that left for one until
 * it arrives. Nothing is kept while no request arrives twice.
 */
final class CopiesTakenAgain {
    /** A request's copy a replier took again: its rule-2 keys, its pair, the frame it left in, and when. */
    private record Taken(long fullHash, long headerHash, DpuState requester, DpuState replier, long departure,
                         long time) {
    }

    private final ArrayDeque<Taken> taken = new ArrayDeque<>();
    /**
     * {departure frame, time, the copy's departure frame} of the replies that left for a copy taken again, until
     * they arrive.
     */
    private final ArrayDeque<long[]> secondReplies = new ArrayDeque<>();

    /**
     * The replier took again the copy that left in frame departure, of a request with these rule-2 keys
     * (MatchingKeys.requestHashes).
     */
    void takenAgain(long fullHash, long headerHash, DpuState requester, DpuState replier, long departure, long time) {
        taken.add(new Taken(fullHash, headerHash, requester, replier, departure, time));
    }

    /**
     * A reply left the replier answering no waiting copy it had taken: if it answers a copy it took again (the
     * oldest with its key), that copy is spent and the reply noted as a second reply; returns whether it was.
     */
    boolean leftFor(long contentKey, boolean truncated, DpuState requester, DpuState replier, long replyFrame,
                    long time) {
        for (Iterator<Taken> it = taken.iterator(); it.hasNext(); ) {
            Taken t = it.next();
            if (t.requester == requester && t.replier == replier
                    && (truncated ? t.headerHash : t.fullHash) == contentKey) {
                it.remove();
                secondReplies.add(new long[] {replyFrame, time, t.departure});
                return true;
            }
        }
        return false;
    }

    /**
     * If the reply that left in this frame was a second reply, the frame its copy taken again had left in; else -1.
     * Told once: a reply arrives once (the network's copies of it are not replies).
     */
    long secondReplyTo(long replyFrame) {
        for (Iterator<long[]> it = secondReplies.iterator(); it.hasNext(); ) {
            long[] r = it.next();
            if (r[0] == replyFrame) {
                it.remove();
                return r[2];
            }
        }
        return -1;
    }

    /** Forgets what happened before time: a reply that late is not this copy's, and a reply that late never arrived. */
    void forgetBefore(long time) {
        while (!taken.isEmpty() && taken.peekFirst().time < time) {
            taken.pollFirst();
        }
        while (!secondReplies.isEmpty() && secondReplies.peekFirst()[1] < time) {
            secondReplies.pollFirst();
        }
    }
}
