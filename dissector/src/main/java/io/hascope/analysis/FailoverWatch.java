package io.hascope.analysis;

import static io.hascope.analysis.FindingLog.seconds;

import io.hascope.field.HasyncFields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DPUs through failures (analysis.md §5 failover): a DPU has failed when it falls silent past the failover silence
 * while its peer goes on sending, or when its peer gives it up (a rise of term, a turn to STANDALONE). At each
 * failover it counts the failed DPU's ESTABLISHED connections and reports those the survivor holds no ESTABLISHED
 * copy of; a failed DPU that stays silent is gone, and its tables' watches are settled.
 */
final class FailoverWatch {
    private static final int OWN = ConnectionStore.OWN;
    private static final int COPY = ConnectionStore.COPY;
    private static final int ESTABLISHED = 3;
    private static final int STANDALONE = 3;

    private final AnalysisConfig config;
    private final FindingLog log;
    private final Dpus dpus;
    private final TableAnalysis tables;
    private final java.util.function.BiConsumer<DpuState, DpuState> repliesOfTheFailed;
    long brokenByFailover;
    long establishedAtFailovers;

    /**
     * repliesOfTheFailed: told of a failed DPU (first) once it is gone, silent past the failover silence, and its
     * survivor, so that the holds its replies released on trust are settled (TrustedReplies).
     */
    FailoverWatch(AnalysisConfig config, FindingLog log, Dpus dpus, TableAnalysis tables,
                  java.util.function.BiConsumer<DpuState, DpuState> repliesOfTheFailed) {
        this.config = config;
        this.log = log;
        this.dpus = dpus;
        this.tables = tables;
        this.repliesOfTheFailed = repliesOfTheFailed;
    }

    /** A DPU sent a frame at now: alive, and if it had failed, a later silence is a new failover. */
    void heard(DpuState d, long now, long frame) {
        if (d.failed) {
            d.failed = false;
            d.gone = false;
        }
        d.lastSeen = now;
        d.lastFrame = frame;
    }

    /** A DPU silent past the failover silence while its peer goes on sending has failed (analysis.md §5). */
    void checkSilence(long now) {
        for (DpuState d : dpus.all()) {
            DpuState peer = dpus.peerOf(d);
            if (!d.failed && peer != null && d.lastSeen != Long.MIN_VALUE && now - d.lastSeen > config.failoverSilence
                    && peer.lastSeen > d.lastSeen + config.failoverSilence) {
                failover(d, peer, "fell silent for " + seconds(now - d.lastSeen) + " s while " + peer.address
                        + " went on sending", true);
            }
            if (d.failed && !d.gone && now - d.lastSeen > config.failoverSilence) {
                // failed and silent: gone, not partitioned (a DPU given up while it still sends keeps its table)
                d.gone = true;
                tables.settleWatchesOf(d);
                if (peer != null) {
                    repliesOfTheFailed.accept(d, peer); // at its silent failover, or given up first and silent since
                }
            }
        }
    }

    /**
     * silent: the failed DPU fell silent, and sends nothing more (a DATA it never sent again stays untaken for good);
     * one given up by its peer may still send, and its DATA be taken after all.
     */
    private void failover(DpuState failed, DpuState survivor, String why, boolean silent) {
        failed.failed = true;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("survivor", survivor.address);
        detail.put("why", why);
        int established = 0;
        int broken = 0;
        for (ConnectionStore st : failed.owning) {
            Map<Integer, long[]> untaken = st.receiver == survivor ? untakenCopies(failed, st) : Map.of();
            if (silent) {
                restore(st, untaken);
            }
            for (int rec = st.nextWithOwn(0); rec >= 0; rec = st.nextWithOwn(rec + 1)) {
                if (st.state(rec, OWN) != ESTABLISHED) {
                    continue;
                }
                established++;
                int copyState; // -1: no copy
                long[] before = untaken.get(rec);
                if (before != null) {
                    copyState = ConnectionStore.present(before[0]) ? ConnectionStore.state(before[0]) : -1;
                } else if (st.receiver == survivor) {
                    copyState = st.has(rec, COPY) ? st.state(rec, COPY) : -1;
                } else {
                    TableEntry copy = survivor.peer().get(st.key(rec));
                    copyState = copy == null ? -1 : copy.state();
                }
                if (copyState != ESTABLISHED) {
                    broken++;
                    Connection c = st.connection(rec, OWN);
                    Map<String, Object> d = new LinkedHashMap<>();
                    String copyName = HasyncFields.CONN_STATES.nameOrNumber(copyState);
                    d.put("copy_state", copyState < 0 ? "missing" : copyName);
                    if (before != null) {
                        d.put("copy_by", "ack"); // not as the one tap saw the DATA leave
                    }
                    log.add(FindingType.BROKEN_BY_FAILOVER, failed.lastFrame, failed.lastSeen, failed.address,
                            survivor.address, c, "ESTABLISHED connection " + c + " of " + failed.address + " has "
                                    + (copyState < 0 ? "no copy" : "a " + copyName + " copy")
                                    + " on the survivor " + survivor.address + (before == null ? ""
                                    : ", whose ACK never passed the DATA that would have "
                                            + (copyState < 0 ? "made it" : "changed it")), d);
                }
            }
        }
        detail.put("established", established);
        detail.put("broken", broken);
        brokenByFailover += broken;
        establishedAtFailovers += established;
        log.add(FindingType.FAILOVER, failed.lastFrame, failed.lastSeen, failed.address, survivor.address, null,
                failed.address + " failed: it " + why + "; " + broken + " of " + established
                        + " established connections broken", detail);
    }

    /**
     * The survivor's copies of connections the failed DPU reported, as the survivor's ACK shows it took them, where one
     * tap had taken a DATA's copies on trust that the ACK never passed ({@link TrustedCopies}): by record, the copy
     * before, as {word, frame}.
     */
    private static Map<Integer, long[]> untakenCopies(DpuState failed, ConnectionStore st) {
        TransportChannel channel = failed.channelTo.get(st.receiver);
        TrustedCopies trusted = channel == null ? null : channel.trustedIfAny();
        return trusted == null ? Map.of() : trusted.untaken(channel, st::hash);
    }

    /** Puts those copies of connections the failed DPU still held back as the survivor had them. */
    private static void restore(ConnectionStore st, Map<Integer, long[]> untaken) {
        untaken.forEach((rec, before) -> {
            if (st.has(rec, OWN)) {
                st.restoreCopy(rec, before[0], before[1]);
            }
        });
    }

    /** A rise of term or a turn to STANDALONE in what a DPU sends means its peer failed (analysis.md §5). */
    void noteRole(DpuState from, DpuState to, int role, int term) {
        int termAhead = (term - from.term) & 0xffff; // terms are 16 bits and wrap
        if (from.term >= 0 && termAhead >= 0x8000) {
            return; // built before the sender's term last rose (a request resent as first built): nothing new
        }
        boolean standaloneNow = role == STANDALONE && from.role != STANDALONE && from.role >= 0;
        if (standaloneNow && term == from.leftStandaloneInTerm) {
            // a DPU that gives its peer up starts a new term: STANDALONE in the term it has since left STANDALONE in
            // is a packet built before (a resend queued behind a stuck rUDP window, past any search of the window)
            return;
        }
        if (from.role == STANDALONE && role != STANDALONE) {
            from.leftStandaloneInTerm = term;
        }
        boolean termRose = from.term >= 0 && termAhead != 0;
        if (role != from.role) {
            from.roles.add(role);
        }
        from.role = role;
        from.term = term;
        if ((standaloneNow || termRose) && !to.failed && to.lastSeen != Long.MIN_VALUE) {
            failover(to, from, "was given up by " + from.address + (standaloneNow ? ", which turned STANDALONE"
                    : ", whose term rose to " + term), false);
        }
    }
}
