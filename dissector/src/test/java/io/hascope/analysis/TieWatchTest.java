package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * What a store holds back while a restart tie is open: ends of divergences and zombies that a request of the old
 * numbers, shown taken later, may move earlier.
 */
class TieWatchTest {
    private static final long CONNECTION = 0x5eed_0000_0000_0001L;
    private static final long OTHER = 0x5eed_0000_0000_0002L;
    private static final int ESTABLISHED = 3;
    private static final int FIN_WAIT = 4;

    private static TieWatch.HeldDivergence divergence(long since, long until) {
        return new TieWatch.HeldDivergence(CONNECTION, null, "missing_on_peer", 7, since, until);
    }

    @Test
    void anOldCopyEndsADivergenceWhenItAgreesWithTheOwnerAsItWasThenNotAsItIsNow() {
        // one-way seed 8090: the owner was ESTABLISHED v3 until 2,326 and FIN_WAIT v4 after; the old copy of v3 was
        // taken at 2,201, the later copy of v4 ended the divergence at 2,327
        TieWatch tie = new TieWatch();
        TieWatch.HeldDivergence d = divergence(1_232, 2_327);
        tie.hold(d);
        long now = ConnectionStore.presentWord(FIN_WAIT, 4);
        tie.ownerChanged(CONNECTION, 2_326, ConnectionStore.presentWord(ESTABLISHED, 3));
        tie.copyTaken(CONNECTION, 2_201, true, ESTABLISHED, 2, now);
        assertEquals(2_327, d.until, "v2 taken: the owner was at v3 then");
        tie.copyTaken(CONNECTION, 2_201, true, ESTABLISHED, 3, now);
        assertEquals(2_201, d.until, "v3 taken: they agreed from then on");
    }

    @Test
    void anOldCopyOfTheVersionTheOwnerHasNowDoesNotEndADivergenceTheOwnerWasAheadOfThen() {
        TieWatch tie = new TieWatch();
        TieWatch.HeldDivergence d = divergence(1_000, 2_000);
        tie.hold(d);
        tie.ownerChanged(CONNECTION, 1_500, ConnectionStore.presentWord(ESTABLISHED, 3));
        tie.copyTaken(CONNECTION, 1_600, true, FIN_WAIT, 4, ConnectionStore.presentWord(FIN_WAIT, 4));
        assertEquals(1_600, d.until, "taken after the owner moved to v4: agrees");
        TieWatch.HeldDivergence early = divergence(1_000, 2_000);
        TieWatch before = new TieWatch();
        before.hold(early);
        before.ownerChanged(CONNECTION, 1_500, ConnectionStore.presentWord(ESTABLISHED, 3));
        before.copyTaken(CONNECTION, 1_400, true, FIN_WAIT, 4, ConnectionStore.presentWord(FIN_WAIT, 4));
        assertEquals(2_000, early.until, "taken while the owner was still at v3: no agreement then");
        before.copyTaken(CONNECTION, 900, true, ESTABLISHED, 3, ConnectionStore.presentWord(FIN_WAIT, 4));
        assertEquals(2_000, early.until, "before the divergence began: it says nothing of it");
        before.copyTaken(OTHER, 1_400, true, ESTABLISHED, 3, ConnectionStore.presentWord(FIN_WAIT, 4));
        assertEquals(2_000, early.until, "another connection");
    }

    @Test
    void aCarriedPacketIsComparedByItsVersionAlone() {
        TieWatch tie = new TieWatch();
        TieWatch.HeldDivergence d = divergence(1_000, 2_000);
        tie.hold(d);
        tie.copyTaken(CONNECTION, 1_400, true, -1, 5, ConnectionStore.presentWord(ESTABLISHED, 5));
        assertEquals(1_400, d.until);
    }

    @Test
    void anOldRemovalEndsAHeldZombieWhenItCameAndAnOldUpdateDoesNot() {
        // cut-tie seed 8511: the DELETE's resend ended the zombie at 1.06 s after the close, its first copy at 0.93 s
        TieWatch tie = new TieWatch();
        TableAnalysis.ZombieCandidate candidate = new TableAnalysis.ZombieCandidate(null, null, 1_000, 3, false);
        TieWatch.HeldZombie z = new TieWatch.HeldZombie(CONNECTION, candidate, "delete_lost", 2_060);
        tie.hold(z);
        tie.copyTaken(CONNECTION, 1_500, true, ESTABLISHED, 2, 0);
        assertEquals(2_060, z.until, "an update leaves the copy there");
        tie.copyTaken(CONNECTION, 1_930, false, -1, 4, 0);
        assertEquals(1_930, z.until);
        tie.copyTaken(CONNECTION, 1_990, false, -1, 4, 0);
        assertEquals(1_930, z.until, "a later removal does not move it back");
    }
}
