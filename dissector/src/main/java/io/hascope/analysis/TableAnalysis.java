package io.hascope.analysis;

import static io.hascope.analysis.FindingLog.seconds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Both DPUs' tables as the sync traffic builds them (analysis.md §4), and what is judged by comparing them: a
 * request's messages applied to its sender's own entries when it is sent and to the receiver's copies when the
 * receiver gets it, the divergence of an owner's entry from its copy, the zombie watch on a copy its owner closed
 * (§5), and the exposure of ESTABLISHED entries the peer does not hold as they are (§6). Keeps time by the capture's
 * clock, moved on by the analysis before each frame.
 */
final class TableAnalysis {
    private static final int OWN = ConnectionStore.OWN;
    private static final int COPY = ConnectionStore.COPY;
    private static final int CONN_NONE = 0;
    private static final int ESTABLISHED = 3;
    private static final int CLOSED = 6;
    private static final int RESET = 7;
    private static final int STANDALONE = 3;

    private final AnalysisConfig config;
    private final FindingLog log;
    private final Dpus dpus;
    /** Distinct connections any message spoke of: the denominator of bytes per connection. */
    final DistinctCounter connectionsSeen = new DistinctCounter();
    /** Per zombie: from when it counts (past the grace), until when, and its lifetime. */
    final List<long[]> zombieIntervals = new ArrayList<>();
    /** The number of exposed entries integrated over time, for the mean exposure. */
    double exposureIntegral;
    private int exposed;
    private long exposureSince = Long.MIN_VALUE;
    private long now;
    /** When copies past the HA timeout are next looked for (see ageCopies); never while no owner refreshes. */
    private long nextAging = Long.MAX_VALUE;

    /**
     * A copy the HA timeout aged out at deadline while its owner still held the connection on the wire (the copy's last
     * refresh at refreshed, in copyFrame; the owner's last word on it in ownFrame), waiting for the owner to be heard;
     * exposedFrom: since when its owner's entry counts as exposed, if it does.
     */
    record AgedCopy(ConnectionStore store, Connection key, long refreshed, long deadline, long copyFrame,
                    long ownFrame, long exposedFrom) {
    }

    /** The stores whose copies' channel holds a restart tie, and their held-back ends ({@link TieWatch}). */
    private final List<ConnectionStore> watchedTies = new ArrayList<>();

    /** Copies aged out and not yet judged (see judgeAged), over all owners. */
    private int agedUnjudged;

    /** A peer entry whose owner closed the connection: since when, and the frame that closed it. */
    record ZombieCandidate(DpuState peer, Connection key, long since, long frame, boolean madeAgain) {
    }

    TableAnalysis(AnalysisConfig config, FindingLog log, Dpus dpus) {
        this.config = config;
        this.log = log;
        this.dpus = dpus;
    }

    /**
     * The capture's clock moved on to time, at frame: the exposure integral takes the time since it last moved, and
     * copies whose HA timeout has passed age out when a look for them is due.
     */
    void advance(long time, long frame) {
        accumulateExposure(time);
        now = time;
        if (time >= nextAging) {
            ageCopies(frame);
        }
    }

    /** The first frame's time: the exposure integral starts here. */
    void start(long time) {
        exposureSince = time;
    }

    /** Exposed entries times the time since the clock last moved, into the integral (also at the end). */
    void accumulateExposure(long time) {
        if (exposureSince != Long.MIN_VALUE) {
            exposureIntegral += (double) exposed * (time - exposureSince);
        }
        exposureSince = time;
    }

    /**
     * The owner's own table: what it reports about the connections it owns. A request that went out before (a resend
     * after a reply its sender never got or got late, which by §2 is a new request) says nothing new of the owner's
     * state and does not make the entry again after its DELETE. repeatsByOpaque tells it at no cost for a request
     * with an opaque; sentBefore, a search of the newest requests, is asked only for an update of a connection the
     * table no longer holds that does not open it, which is rare (every new connection would pay for it otherwise).
     * Past the window, an update over rUDP at a version no higher than the one the owner closed the connection at
     * was built before the close ({@link CloseMarks}).
     */
    void applyToOwn(PendingRequest r, long frame, java.util.function.Predicate<PendingRequest> repeatsByOpaque,
                    java.util.function.Predicate<PendingRequest> sentBefore) {
        ConnectionStore st = r.store;
        SaidMessages said = r.said;
        int repeatsKnown = -1;
        int searched = -1;
        for (int i = 0; i < said.size(); i++) {
            if (!said.hasKey(i)) {
                if (said.type(i) == 4) {
                    r.from.sendingRound = said.snapshotPhase(i) == 1;
                }
                continue;
            }
            if (said.op(i) == 4 && !r.from.sendingRound) {
                refreshSent(r.from);
            }
            int rec = st.find(said, i);
            // the distinct counts take a connection when it first comes (a record exists only for one already seen)
            if (rec < 0) {
                connectionsSeen.add(said.fingerprint(i));
            } else if (r.from.refreshes) {
                rec = ageIfDue(st, rec, frame);
            }
            boolean mine = st.has(rec, OWN);
            if (mine && said.version(i) > 0 && said.version(i) < st.version(rec, OWN)) {
                // an older version than the owner's entry: a request built before (resent after a reply the sender
                // never got), or a segment the endpoint sent again (a handshake ACK after the FINs, whose flags would
                // close a CLOSING entry), says what the owner held then, not what it holds
                said.recordAtSend(i, rec);
                continue;
            }
            int state = said.state(i) == -2 ? carriedState(st, rec, OWN, mine, said, i) : said.state(i);
            boolean closes = said.op(i) == 3 || state == CLOSED || state == RESET;
            if (!mine) {
                r.from.ownedEver.add(said.fingerprint(i));
            }
            if (closes) {
                if (mine) {
                    ownerChanging(st, rec, said, i);
                    st.closedOwn.closed(said.fingerprint(i), said.version(i));
                    if (st.exposed(rec)) {
                        exposed--;
                    }
                    if (st.divergence(rec) != 0) {
                        reportDivergence(st, rec, now, false); // the owner closed it: they agree it is gone
                    }
                    st.remove(rec, OWN);
                    zombieWatch(st, rec, frame, false);
                }
            } else if (!mine) {
                boolean creates = said.op(i) == 1 || state == 1 || state == 8; // CREATE, SYN_SENT, ACTIVE
                if (repeatsKnown < 0) {
                    repeatsKnown = repeatsByOpaque.test(r) ? 1 : 0;
                }
                // built before the owner closed it (a resend that waited behind a full rUDP window past the matching
                // window): says nothing of what the owner holds now. Only over rUDP, where requests can wait that
                // long: elsewhere an update of the same endpoints opened again, its create missed, starts at low
                // versions too, and is the owner's news
                boolean beforeClose = !creates && r.dataChannel != null
                        && st.closedOwn.closedSince(said.fingerprint(i), said.version(i));
                if (repeatsKnown == 0 && !creates && !beforeClose && searched < 0) {
                    searched = sentBefore.test(r) ? 1 : 0;
                }
                if (repeatsKnown == 1 || beforeClose || !creates && searched == 1) {
                    said.recordAtSend(i, rec);
                    continue;
                }
                ownerChanging(st, rec, said, i);
                if (rec < 0) {
                    rec = st.add(said, i);
                }
                st.install(rec, OWN, said.reversed(i), state < 0 ? CONN_NONE : state, said.version(i), frame, now);
            } else {
                ownerChanging(st, rec, said, i);
                st.update(rec, OWN, state, said.version(i), frame, now);
            }
            if (rec >= 0) {
                compare(st, rec, frame);
                if (st.releaseIfEmpty(rec)) {
                    rec = -1;
                }
            }
            said.recordAtSend(i, rec); // its reply finds the record without a lookup
        }
    }

    /**
     * The receiver's copy, by the rules of spec §4, for a request it got (seenArriving: a tap saw it arrive; again:
     * it got it before, and a copy it still holds as the request left it has not changed). deliveredAt: when it most
     * likely reached the receiver, no later than now; a zombie it ends is timed to then (a receiver's ACK can prove a
     * delivery well after it).
     */
    void applyToPeer(PendingRequest r, long frame, boolean seenArriving, boolean again, long deliveredAt) {
        applyToPeer(r, frame, seenArriving, again, deliveredAt, null, -1, -1);
    }

    /** The same, for a request known taken in DATA number takenIn (of its rUDP channel), one of those it rode. */
    void applyToPeer(PendingRequest r, long frame, boolean seenArriving, boolean again, long deliveredAt,
                     int takenIn) {
        applyToPeer(r, frame, seenArriving, again, deliveredAt, null, -1, takenIn);
    }

    /**
     * The same; on trust (one tap, rUDP) when onTrust is not null: DATA number seq of channel onTrust carried the
     * request, and each copy it changes is kept as it was before until the receiver's ACK passes that DATA
     * ({@link TrustedCopies}). takenIn: the DATA it is known taken in, or -1.
     */
    void applyToPeer(PendingRequest r, long frame, boolean seenArriving, boolean again, long deliveredAt,
                     TransportChannel onTrust, int seq, int takenIn) {
        // the latest DATA it could have been taken in, unless the one it was is known
        int takenBy = takenIn >= 0 ? takenIn : r.dataSeq;
        DpuState receiver = r.to;
        ConnectionStore st = r.store;
        SaidMessages said = r.said;
        for (int i = 0; i < said.size(); i++) {
            if (said.type(i) == 4) {
                snapshotMark(receiver, said, i, frame);
                continue;
            }
            if (!said.hasKey(i)) {
                continue;
            }
            int rec = st.findAgain(said.recordAtSend(i), said, i);
            if (rec >= 0 && r.from.refreshes) {
                rec = ageIfDue(st, rec, frame);
            }
            if (st.tie != null && st.tie.holdsAny()) {
                copyTakenWhileTied(st, rec, said, i, Math.min(deliveredAt, now));
            }
            long before = onTrust != null && rec >= 0 ? st.word(rec, COPY) : 0;
            long beforeFrame = onTrust != null && rec >= 0 ? st.frame(rec, COPY) : 0;
            boolean inRound = receiver.roundInProgress >= 0;
            if (inRound) {
                if (said.op(i) == 4) {
                    receiver.refreshesInRound++;
                }
                if (st.has(rec, COPY)) {
                    st.seenInRound(rec, true);
                }
            }
            boolean held = st.has(rec, COPY);
            long version = said.version(i);
            if (again && held && st.version(rec, COPY) == version) {
                st.refreshed(rec, now); // the same change taken twice: it refreshes the copy, nothing else moves
                continue;
            }
            if (held && st.version(rec, COPY) > version) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("held_version", st.version(rec, COPY));
                d.put("message_version", version);
                Connection c = said.connection(i);
                log.add(FindingType.VERSION_REGRESSION, frame, now, receiver.address, r.from.address, c,
                        "version " + version + " of " + c + " arrived after version " + st.version(rec, COPY)
                                + " and was ignored", d);
                continue;
            }
            int state = said.state(i) == -2 ? carriedState(st, rec, COPY, held, said, i) : said.state(i);
            if (said.op(i) == 3 || state == CLOSED || state == RESET) {
                if (held) {
                    zombieEnd(st, rec, Gone.REMOVED, Math.min(deliveredAt, now));
                    st.remove(rec, COPY);
                }
                if (r.dataChannel != null) {
                    // also with no copy held: the request that makes it may be shown taken only later (a restart
                    // read from an ACK that the receiver's reply then undoes), though it came in an earlier DATA
                    st.copyRemovedIn(said.fingerprint(i), r.firstDataSeq >= 0 ? r.firstDataSeq : r.dataSeq);
                }
            } else {
                if (!held && r.dataChannel != null && st.copyRemovedAfter(said.fingerprint(i), takenBy)) {
                    // over rUDP every DATA it rode came before the one its copy went with: the receiver took it
                    // before the removal, though only its reply or an ACK shows it now (CloseMarks)
                    continue;
                }
                if (!held) {
                    receiver.installedEver.add(said.fingerprint(i));
                    if (rec < 0) {
                        rec = st.add(said, i);
                    }
                    st.install(rec, COPY, said.reversed(i), state < 0 ? CONN_NONE : state, version, frame, now);
                    if (inRound) {
                        st.seenInRound(rec, true);
                    }
                    if (!st.has(rec, OWN) && seenArriving) {
                        // made again after its owner closed it (a resend or a copy of an older update arriving
                        // after the DELETE): a zombie from its arrival (which a receiver's ACK can prove well after
                        // it), unless it goes within the grace. Only as a tap at the receiver shows arrivals: one tap
                        // orders deliveries by their replies and ACKs, which may put an older update after the DELETE
                        // that in fact came first
                        zombieWatch(st, rec, frame, true, Math.min(deliveredAt, now));
                    }
                } else {
                    st.update(rec, COPY, state, version, frame, now);
                }
            }
            if (rec >= 0) {
                // a copy an ACK proved delivered caught up when it arrived, not when the ACK came (a KEEPALIVE later)
                compare(st, rec, frame, Math.min(deliveredAt, now));
                if (onTrust != null) {
                    onTrust.trusted().add(onTrust, seq, now, rec, before, beforeFrame, st.hash(rec));
                }
                st.releaseIfEmpty(rec);
            }
        }
    }

    private void snapshotMark(DpuState receiver, SaidMessages said, int i, long frame) {
        if (said.snapshotPhase(i) == 1) {
            receiver.roundInProgress = said.snapshotRound(i);
            receiver.refreshesInRound = 0;
            for (ConnectionStore st : receiver.receiving) {
                for (int rec = st.nextWithCopy(0); rec >= 0; rec = st.nextWithCopy(rec + 1)) {
                    st.seenInRound(rec, false);
                }
            }
        } else if (said.snapshotPhase(i) == 2) {
            if (receiver.roundInProgress == said.snapshotRound(i)
                    && receiver.refreshesInRound == said.snapshotCount(i)) {
                for (ConnectionStore st : receiver.receiving) {
                    for (int rec = st.nextWithCopy(0); rec >= 0; rec = st.nextWithCopy(rec + 1)) {
                        if (!st.seenInRound(rec)) { // stale: the complete round omitted it
                            zombieEnd(st, rec, Gone.BY_SNAPSHOT, now);
                            st.remove(rec, COPY);
                            compare(st, rec, frame);
                            st.releaseIfEmpty(rec);
                        }
                    }
                }
            }
            receiver.roundInProgress = -1;
        }
    }

    /**
     * The state a carried packet (PACKET_UPDATE, DASH) leaves an entry in. The same version as the entry holds is the
     * same change seen again (the endpoint retransmitted the packet): the state stays, or a resent FIN would count as
     * the other side's. A sender whose versions stay 0 gets every packet applied.
     */
    private static int carriedState(ConnectionStore st, int rec, int half, boolean present, SaidMessages said, int i) {
        if (present && said.version(i) != 0 && st.version(rec, half) == said.version(i)) {
            return st.state(rec, half);
        }
        return impliedState(present ? st.state(rec, half) : CONN_NONE, said.tcpFlags(i), said.protocol(i));
    }

    /** The state a carried packet's TCP flags take the connection to (spec §3.5). */
    private static int impliedState(int state, int flags, int protocol) {
        if (protocol != 6 || flags < 0) {
            return 8; // ACTIVE
        }
        boolean syn = (flags & 0x02) != 0;
        boolean ack = (flags & 0x10) != 0;
        if ((flags & 0x04) != 0) {
            return RESET;
        }
        if (syn) {
            return ack ? 2 : 1;
        }
        if ((flags & 0x01) != 0) {
            return state == 4 || state == 5 ? 5 : 4;
        }
        boolean handshaking = state == CONN_NONE || state == 1 || state == 2; // §3.5: its ACK (or data) completes it
        if (ack) {
            return handshaking ? ESTABLISHED : state == 5 ? CLOSED : state;
        }
        return handshaking ? ESTABLISHED : state;
    }

    // ------------------------------------------------------------------------------------------ divergence, zombies

    /**
     * Compares the owner's entry with the peer's copy of one record and tracks how long they differ; keeps the
     * exposure count (an ESTABLISHED entry whose copy is missing or older) on the way.
     */
    private void compare(ConnectionStore st, int rec, long frame) {
        compare(st, rec, frame, now);
    }

    /** The same, for a change that took effect at {@code at} (no later than now). */
    private void compare(ConnectionStore st, int rec, long frame, long at) {
        compare(st, rec, frame, at, now);
    }

    /** The same, a divergence that ends taken to end at {@code at}, and one that starts to start at startAt. */
    private void compare(ConnectionStore st, int rec, long frame, long at, long startAt) {
        long own = st.word(rec, OWN);
        if (!ConnectionStore.present(own)) {
            return; // an owner's entry that goes gives its exposure back and settles its divergence as it goes
        }
        long copy = st.word(rec, COPY);
        boolean held = ConnectionStore.present(copy);
        boolean isExposed = ConnectionStore.state(own) == ESTABLISHED
                && (!held || ConnectionStore.version(copy) < ConnectionStore.version(own));
        if (isExposed != ConnectionStore.exposed(own)) {
            exposed += isExposed ? 1 : -1;
            st.exposed(rec, isExposed);
        }
        if (st.owner.gone || st.receiver.gone) {
            return; // a failed, silent DPU's table is gone until it is heard again: nothing to diverge from
        }
        int kind = !held ? ConnectionStore.MISSING_ON_PEER
                : ConnectionStore.state(copy) != ConnectionStore.state(own) ? ConnectionStore.STATE_MISMATCH
                : ConnectionStore.version(copy) != ConnectionStore.version(own) ? ConnectionStore.VERSION_MISMATCH : 0;
        if (kind == 0) {
            if (ConnectionStore.divergence(own) != 0) {
                reportDivergence(st, rec, Math.max(at, st.divergenceSince(rec)), false);
                st.agree(rec);
            }
        } else if (ConnectionStore.divergence(own) == 0) {
            st.diverge(rec, kind, startAt, frame);
        }
    }

    private static final String[] DIVERGENCE_KINDS = {"", "missing_on_peer", "state_mismatch", "version_mismatch"};

    /** Reports the divergence of a record's owner entry (still present) as it ends, or at the end. */
    private void reportDivergence(ConnectionStore st, int rec, long until, boolean atEnd) {
        long since = st.divergenceSince(rec);
        long duration = until - since;
        if (duration <= config.divergenceGrace && !atEnd) {
            return;
        }
        String kind = DIVERGENCE_KINDS[st.divergence(rec)];
        Connection connection = st.connection(rec, OWN);
        if (!atEnd && tied(st)) {
            st.tie.hold(new TieWatch.HeldDivergence(st.key(rec).fingerprint(), connection, kind,
                    st.divergenceFrame(rec), since, until));
            return;
        }
        logDivergence(st, kind, connection, st.divergenceFrame(rec), since, until, atEnd);
    }

    private void logDivergence(ConnectionStore st, String kind, Connection connection, long firstFrame, long since,
                               long until, boolean atEnd) {
        long duration = until - since;
        String owner = st.owner.address;
        String peer = st.receiver.address;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("kind", kind);
        detail.put("first_frame", firstFrame);
        detail.put("duration_s", duration / 1e9);
        detail.put("at_end", atEnd);
        log.add(FindingType.DIVERGENCE, firstFrame, since, owner, peer, connection,
                kind.replace('_', ' ') + " for " + connection + ": " + owner + " and " + peer + " disagree for "
                        + seconds(duration) + " s" + (atEnd ? " (still at the end)" : ""), detail);
    }

    /**
     * A failed DPU holds no table until it is heard again (a reading of analysis.md §5: its copies are gone, not
     * diverging or undead). What was already wrong before it failed is reported up to its last packet; the rest ends.
     */
    void settleWatchesOf(DpuState failed) {
        DpuState peer = dpus.peerOf(failed);
        for (DpuState owner : peer == null ? List.of(failed) : List.of(failed, peer)) {
            for (ConnectionStore st : owner.owning) {
                for (int rec = st.nextDiverging(0); rec >= 0; rec = st.nextDiverging(rec + 1)) {
                    reportDivergence(st, rec, Math.max(st.divergenceSince(rec), failed.lastSeen), false);
                    st.agree(rec);
                }
            }
        }
        for (ConnectionStore st : failed.receiving) {
            for (int rec = st.nextZombieWatch(0); rec >= 0; rec = st.nextZombieWatch(rec + 1)) {
                if (failed.lastSeen - st.zombieSince(rec) > config.zombieGrace) {
                    reportZombie(zombieOf(st, rec), failed.lastSeen, "delete_lost", Gone.REMOVED);
                }
                st.unwatchZombie(rec);
            }
        }
    }

    /**
     * The owner closed the connection, or a late copy made the peer's entry again after that (madeAgain): the copy,
     * if any, is watched from now on.
     */
    private void zombieWatch(ConnectionStore st, int rec, long frame, boolean madeAgain) {
        zombieWatch(st, rec, frame, madeAgain, now);
    }

    private void zombieWatch(ConnectionStore st, int rec, long frame, boolean madeAgain, long since) {
        if (!st.receiver.gone && st.has(rec, COPY)) {
            st.watchZombie(rec, since, frame, madeAgain);
        }
    }

    /** How a zombie's copy went, or that it was still there at the end. */
    private enum Gone {
        REMOVED, BY_SNAPSHOT, AGED_OUT, NOT_AT_THE_END
    }

    /** The copy goes (call before removing it): a watched one that lived past the grace was a zombie. */
    private void zombieEnd(ConnectionStore st, int rec, Gone how, long at) {
        if (st.zombie(rec)) {
            st.unwatchZombie(rec);
            if (at - st.zombieSince(rec) > config.zombieGrace) {
                if (how == Gone.REMOVED && tied(st)) {
                    st.tie.hold(new TieWatch.HeldZombie(st.key(rec).fingerprint(), zombieOf(st, rec),
                            "delete_lost", at));
                    return;
                }
                reportZombie(zombieOf(st, rec), at, how == Gone.BY_SNAPSHOT ? "stale_after_snapshot" : "delete_lost",
                        how);
            }
        }
    }

    private static ZombieCandidate zombieOf(ConnectionStore st, int rec) {
        return new ZombieCandidate(st.receiver, st.key(rec), st.zombieSince(rec), st.zombieFrame(rec),
                st.zombieMadeAgain(rec));
    }

    private void reportZombie(ZombieCandidate z, long until, String cause, Gone how) {
        boolean atEnd = how == Gone.NOT_AT_THE_END;
        DpuState peer = z.peer();
        Connection key = z.key();
        long lifetime = until - z.since();
        zombieIntervals.add(new long[] {z.since() + config.zombieGrace, until, lifetime});
        DpuState owner = dpus.peerOf(peer);
        String why = z.madeAgain() ? "made_again" : cause;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cause", why);
        d.put("lifetime_s", lifetime / 1e9);
        d.put("present_at_end", atEnd);
        String lives = (atEnd ? "the entry lives on at " : "the entry lived on at ") + peer.address + " for "
                + seconds(lifetime) + " s" + (atEnd ? " (still there at the end)"
                : how == Gone.AGED_OUT ? ", until the HA timeout aged it out" : "");
        String reason = switch (why) {
            case "made_again" -> key + " was made again by a late copy of an update after its owner closed it; "
                    + lives;
            case "not_refreshed" -> key + " was no longer refreshed by its owner, which kept sending; " + lives;
            case "stale_after_snapshot" -> key + ", closed by its owner, went only with a complete snapshot round; "
                    + lives;
            default -> "DELETE of " + key + " was never acknowledged; " + lives;
        };
        log.add(FindingType.ZOMBIE, z.frame(), z.since(), peer.address, owner == null ? "" : owner.address, key,
                reason, d);
    }

    // ------------------------------------------------------------------------------------------ restart ties

    /**
     * The channel that brings the store's copies holds a restart tie from now on (TieWatch): the owner's changes are
     * logged and the ends of its divergences and zombies held back until the tie is settled.
     */
    void watchTie(ConnectionStore st) {
        if (st.tie == null) {
            st.tie = new TieWatch();
            watchedTies.add(st);
        }
    }

    /** Whether an end on this store waits for its channel's tie: one is watched and still open. */
    private boolean tied(ConnectionStore st) {
        if (st.tie == null) {
            return false;
        }
        TransportChannel ch = st.owner.channelTo.get(st.receiver);
        return ch != null && ch.consumedOnArrival.tieOpen(now, RequestWindow.span(config));
    }

    /** Message i changes the owner's entry of record rec (-1: none yet): logged while a tie is watched. */
    private void ownerChanging(ConnectionStore st, int rec, SaidMessages said, int i) {
        if (st.tie != null) {
            st.tie.ownerChanged(said.fingerprint(i), now, rec >= 0 ? st.word(rec, OWN) : 0);
        }
    }

    /** Message i of a request the receiver took at `at` (record rec, or -1), against the ends held back. */
    private void copyTakenWhileTied(ConnectionStore st, int rec, SaidMessages said, int i, long at) {
        boolean carried = said.state(i) == -2;
        // a carried packet's state follows from its flags and the copy's state then, which is not known: its flags
        // tell a close (RST, FIN) all the same, and the comparison takes its version alone
        int state = carried ? carriedState(st, rec, COPY, st.has(rec, COPY), said, i) : said.state(i);
        boolean closes = said.op(i) == 3 || state == CLOSED || state == RESET;
        st.tie.copyTaken(said.fingerprint(i), at, !closes, carried || state < 0 ? -1 : state, said.version(i),
                rec >= 0 ? st.word(rec, OWN) : 0);
    }

    /**
     * Reports what each watched store held back once its tie is settled (or at the end: all of it), with the ends
     * the settlement gave them; called as the clock moves on.
     */
    void releaseHeldBack(boolean atEnd) {
        for (int k = watchedTies.size() - 1; k >= 0; k--) {
            ConnectionStore st = watchedTies.get(k);
            if (!atEnd && tied(st)) {
                continue;
            }
            TieWatch tie = st.tie;
            st.tie = null;
            watchedTies.remove(k);
            for (TieWatch.HeldDivergence d : tie.divergences) {
                if (d.until - d.since > config.divergenceGrace) {
                    logDivergence(st, d.kind, d.connection, d.firstFrame, d.since, d.until, false);
                }
            }
            for (TieWatch.HeldZombie z : tie.zombies) {
                if (z.until - z.zombie.since() > config.zombieGrace) {
                    reportZombie(z.zombie, z.until, z.cause, Gone.REMOVED);
                }
            }
        }
    }

    boolean watchingTies() {
        return !watchedTies.isEmpty();
    }

    /** Settles what only the end decides: copies past the HA timeout, then divergences and zombies still there. */
    void finish(long lastTime, long lastFrame) {
        releaseHeldBack(true);
        ageCopies(lastFrame);
        judgeAged(true);
        for (DpuState d : dpus.byAddress.values()) {
            for (ConnectionStore st : d.owning) {
                for (int rec = st.nextDiverging(0); rec >= 0; rec = st.nextDiverging(rec + 1)) {
                    reportDivergence(st, rec, lastTime, true);
                    st.agree(rec);
                }
            }
            for (ConnectionStore st : d.receiving) {
                for (int rec = st.nextZombieWatch(0); rec >= 0; rec = st.nextZombieWatch(rec + 1)) {
                    if (lastTime - st.zombieSince(rec) > config.zombieGrace) {
                        reportZombie(zombieOf(st, rec), lastTime, "delete_lost", Gone.NOT_AT_THE_END);
                    }
                    st.unwatchZombie(rec);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ aging (HA timeout)

    /**
     * Brings the aging of copies up to now (the tables "as of" a frame, and the end): a look through every copy of an
     * owner that refreshes. Between looks each copy is aged as soon as a message touches it (ageIfDue), so what a
     * later look finds is what the exact moment would have.
     */
    void ageCopies(long frame) {
        if (nextAging == Long.MAX_VALUE) {
            return; // no owner refreshes: nothing ages (SONiC's standby never ages flows)
        }
        long earliest = Long.MAX_VALUE;
        for (DpuState owner : dpus.byAddress.values()) {
            if (!owner.refreshes) {
                continue;
            }
            for (ConnectionStore st : owner.owning) {
                for (int rec = st.nextWithCopy(0); rec >= 0; rec = st.nextWithCopy(rec + 1)) {
                    long deadline = st.refreshed(rec) + config.haTimeout;
                    if (now > deadline && !st.owner.gone && !st.receiver.gone) {
                        ageOut(st, rec, frame);
                        st.releaseIfEmpty(rec);
                    } else {
                        earliest = Math.min(earliest, deadline);
                    }
                }
            }
        }
        // the earliest deadline left, but not looking more often than 64 times an HA timeout: a run of copies aging
        // one by one would otherwise cost a look through the whole table each (the ages themselves stay exact)
        long step = Math.max(config.haTimeout / 64, 1);
        nextAging = Math.max(earliest == Long.MAX_VALUE ? now + config.haTimeout : earliest, now + step);
    }

    /** A REFRESH outside any snapshot round: its owner follows Xsight v1's refresh discipline. */
    private void refreshSent(DpuState owner) {
        if (!owner.refreshes) {
            owner.refreshes = true;
            nextAging = now;
        }
        if (now - owner.lastRefresh > config.haTimeout) {
            owner.refreshingSince = now; // refreshing again after a pause (standalone, or a window a cut link stuck)
        }
        owner.lastRefresh = now;
    }

    /** The record of a copy whose HA timeout may have passed: aged out if it has; the record, or -1 once freed. */
    private int ageIfDue(ConnectionStore st, int rec, long frame) {
        if (!st.has(rec, COPY) || now <= st.refreshed(rec) + config.haTimeout || st.owner.gone
                || st.receiver.gone) {
            return rec;
        }
        ageOut(st, rec, frame);
        return st.releaseIfEmpty(rec) ? -1 : rec;
    }

    /**
     * Xsight v1's receiver ages out a copy its owner (one that refreshes its entries) has not refreshed within the HA
     * timeout: at its last refresh plus the timeout, which ends a zombie watch on it. An owner whose later word on the
     * connection never reached the copy held it then: the copy is missing from then on. Either may have closed it
     * unseen since (while standalone, say): judged once it has refreshed others long enough (judgeAged).
     */
    private void ageOut(ConnectionStore st, int rec, long frame) {
        long refreshed = st.refreshed(rec);
        long at = refreshed + config.haTimeout;
        AgedCopy unjudged = null;
        if (st.zombie(rec)) {
            zombieEnd(st, rec, Gone.AGED_OUT, at);
        } else if (st.has(rec, OWN)) {
            unjudged = new AgedCopy(st, st.key(rec), refreshed, at, st.frame(rec, COPY), st.frame(rec, OWN),
                    st.exposed(rec) ? at : now);
        }
        st.remove(rec, COPY);
        compare(st, rec, frame, at, at);
        if (unjudged != null) {
            st.owner.agedUnjudged.add(unjudged);
            agedUnjudged++;
        }
    }

    /**
     * Judges the aged copies of owners that have refreshed others for another HA timeout since the copy's timeout
     * passed (call as each frame begins, so that the frame that was heard has said all it says): one whose owner still
     * said nothing of the connection, is not standalone and has not failed meanwhile (analysis.md §5: "while the owner
     * still sends"), and whose peer has not failed either, has let it go (judgeNotRefreshed). end: the capture ended,
     * and owners that had not refreshed that long prove nothing.
     */
    void judgeAged(boolean end) {
        if (agedUnjudged == 0) {
            return;
        }
        for (DpuState owner : dpus.all()) {
            List<AgedCopy> aged = owner.agedUnjudged;
            for (int i = 0; i < aged.size(); i++) {
                AgedCopy a = aged.get(i);
                DpuState holder = a.store().receiver;
                // refreshing others without a pause for a whole timeout since the deadline, and since it last took up
                // refreshing (after standalone, say: a refresh skipped then is sent once it refreshes again); over
                // rUDP, whose window can hold a refresh back for as long as the link is cut, also once the peer has
                // acknowledged every DATA since the deadline, when nothing built before it can still wait
                TransportChannel rudp = owner.channelTo.get(holder);
                boolean ready = owner.lastRefresh - Math.max(a.deadline(), owner.refreshingSince) > config.haTimeout
                        && (rudp == null || rudp.clearedAt > a.deadline());
                if (!ready && !owner.failed && !end) {
                    continue;
                }
                aged.remove(i--);
                agedUnjudged--;
                if (ready && !owner.failed && owner.role != STANDALONE && !holder.failed && !holder.gone) {
                    judgeNotRefreshed(a);
                }
            }
        }
    }

    /**
     * An owner silent on a connection for longer than the HA timeout while it refreshed others no longer holds it: its
     * entry goes, and what differed ends when the copy aged out. If the copy had had the owner's last word, it outlived
     * the connection: a not_refreshed zombie. If not, the copy was behind when it aged out, before anything showed the
     * owner had let the connection go: no zombie can be told.
     */
    private void judgeNotRefreshed(AgedCopy a) {
        ConnectionStore st = a.store();
        int rec = st.find(a.key());
        if (rec < 0 || !st.has(rec, OWN) || st.frame(rec, OWN) != a.ownFrame() || st.has(rec, COPY)) {
            return; // the owner spoke of it again, or a late word of it reached the peer: it still held it
        }
        if (a.ownFrame() <= a.copyFrame()) {
            reportZombie(new ZombieCandidate(st.receiver, a.key(), a.refreshed(), a.copyFrame(), false), a.deadline(),
                    "not_refreshed", Gone.AGED_OUT);
        }
        if (st.exposed(rec)) {
            exposed--;
            exposureIntegral -= (double) (now - a.exposedFrom()); // it was gone by then: not exposed while judged
        }
        if (st.divergence(rec) != 0) {
            reportDivergence(st, rec, a.deadline(), false); // what differed before the copy aged out
            st.agree(rec);
        }
        st.remove(rec, OWN);
        st.releaseIfEmpty(rec);
    }
}
