package io.hascope.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * One store's divergences and zombies whose end is held back while the rUDP channel that feeds its copies holds a
 * restart tie (two taps: a receiver that by its timers had given up on a DATA number, read to restart until its ACK
 * or its replies tell): the old numbers may yet be shown taken, at their arrival, and a request among them may have
 * ended the divergence or the zombie earlier than the later copy that ended it as read (one-way seed 8068, run
 * a3d855ec: nine divergences ended 120 ms after the truth ends them; cut-tie seed 8511, run 728b3551: a zombie the
 * DELETE's first copy ended within the grace). A finding, once reported, is not taken back, so these wait until the
 * tie is settled (the receiver's next header, then a matching window at most) and are reported with the end the
 * settlement gives them.
 * <p>
 * To judge whether an old request, taken at T, made the copy agree with its owner, the owner's entry as of T is
 * needed: the store's owner changes are logged from the moment the tie opens (the old numbers arrive after that).
 * Only while a tie is watched; nothing of this is made otherwise.
 */
final class TieWatch {
    /** Owner changes logged at most: past it, divergences keep the end they had (zombies need no owner history). */
    private static final int MAX_OWNER_CHANGES = 1 << 18;

    /** Per connection (by fingerprint), its owner's changes: {count, time, word before, time, word before, ...}. */
    private final java.util.Map<Long, long[]> ownerChanges = new java.util.HashMap<>();
    private int ownerChangeCount;
    private boolean ownerHistoryComplete = true;

    /** A divergence that ended (until) while the tie was open, with what reporting it needs. */
    static final class HeldDivergence {
        final long fingerprint;
        final Connection connection;
        final String kind;
        final long firstFrame;
        final long since;
        long until;

        HeldDivergence(long fingerprint, Connection connection, String kind, long firstFrame, long since, long until) {
            this.fingerprint = fingerprint;
            this.connection = connection;
            this.kind = kind;
            this.firstFrame = firstFrame;
            this.since = since;
            this.until = until;
        }
    }

    /** A zombie whose copy went (until) while the tie was open. */
    static final class HeldZombie {
        final long fingerprint;
        final TableAnalysis.ZombieCandidate zombie;
        final String cause;
        long until;

        HeldZombie(long fingerprint, TableAnalysis.ZombieCandidate zombie, String cause, long until) {
            this.fingerprint = fingerprint;
            this.zombie = zombie;
            this.cause = cause;
            this.until = until;
        }
    }

    /** In the order they ended, to report; and by connection, for the requests shown taken meanwhile. */
    final List<HeldDivergence> divergences = new ArrayList<>();
    final List<HeldZombie> zombies = new ArrayList<>();
    private final java.util.Map<Long, List<Object>> heldByConnection = new java.util.HashMap<>();

    void hold(HeldDivergence d) {
        divergences.add(d);
        heldByConnection.computeIfAbsent(d.fingerprint, k -> new ArrayList<>(1)).add(d);
    }

    void hold(HeldZombie z) {
        zombies.add(z);
        heldByConnection.computeIfAbsent(z.fingerprint, k -> new ArrayList<>(1)).add(z);
    }

    /** The owner's entry of the connection with this fingerprint was `before` until now. */
    void ownerChanged(long fingerprint, long now, long before) {
        if (ownerChangeCount == MAX_OWNER_CHANGES) {
            ownerHistoryComplete = false;
            return;
        }
        ownerChangeCount++;
        long[] changes = ownerChanges.get(fingerprint);
        if (changes == null) {
            changes = new long[5];
            ownerChanges.put(fingerprint, changes);
        } else if (1 + 2 * (int) changes[0] == changes.length) {
            changes = java.util.Arrays.copyOf(changes, 2 * changes.length - 1);
            ownerChanges.put(fingerprint, changes);
        }
        int at = 1 + 2 * (int) changes[0]++;
        changes[at] = now;
        changes[at + 1] = before;
    }

    /**
     * The owner's entry word of the connection as of time: what its first change after then found, or current if it
     * has not changed since. The log runs from the tie's opening, so time must be no earlier than that.
     */
    long ownerAt(long fingerprint, long time, long current) {
        long[] changes = ownerChanges.get(fingerprint);
        for (int k = 0; changes != null && k < changes[0]; k++) {
            if (changes[1 + 2 * k] > time) {
                return changes[2 + 2 * k];
            }
        }
        return current;
    }

    boolean holdsAny() {
        return !divergences.isEmpty() || !zombies.isEmpty();
    }

    /**
     * A request the receiver is now known to have taken at time `at` left the connection's copy as `copyPresent`,
     * `copyState` (-1: derived from a carried packet, not compared) and `copyVersion`, its owner's entry being
     * `owner` now (`at` is no earlier than the tie's opening): a held divergence that this ended earlier ends here,
     * if the owner's entry as of then agreed, and a held zombie whose copy this removed went here.
     */
    void copyTaken(long fingerprint, long at, boolean copyPresent, int copyState, long copyVersion, long owner) {
        List<Object> held = heldByConnection.get(fingerprint);
        if (held == null) {
            return;
        }
        Boolean agree = null; // judged once, and only for a divergence
        for (Object h : held) {
            if (h instanceof HeldZombie z) {
                if (!copyPresent && at > z.zombie.since() && at < z.until) {
                    z.until = at;
                }
            } else if (h instanceof HeldDivergence d && ownerHistoryComplete && at > d.since && at < d.until) {
                if (agree == null) {
                    long then = ownerAt(fingerprint, at, owner);
                    agree = ConnectionStore.present(then) == copyPresent && (!copyPresent
                            || ConnectionStore.version(then) == copyVersion
                            && (copyState < 0 || ConnectionStore.state(then) == copyState));
                }
                if (agree) {
                    d.until = at;
                }
            }
        }
    }
}
