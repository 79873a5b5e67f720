package tdxcheck.model.tdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tdxcheck.core.spi.ModelException;
import tdxcheck.model.tdx.policy.Policies;

/**
 * The kicks after TRACK and after the zap, a second zap, and the skip-track-kick mutation
 * (tdx-facts §6g, §2 REMOVE preconditions).
 */
class TrackKickTest {
    private static TdxModel model(String id, int zaps, String zap) {
        TdxOptions o = TdxScenarios.info(id).defaults().withZaps(zaps);
        return new TdxModel(TdxScenarios.build(id, o, Policies.fault("local-retry-slot-break"), Policies.zap(zap)));
    }

    @Test
    void aSecondZapMovesTheEpochToTwoAndUpstreamNeverSeesAnEpochError() {
        TdxModel m = model(TdxScenarios.ZAP_VS_RUNNING, 2, "retry-once-then-kick");
        assertEquals(2, m.config().gpas(), "the second zap's page is added");
        assertNotNull(ReferenceBfs.run(m, (a, x, b) -> TdxWords.epoch(b) == 2).found());
        assertNull(ReferenceBfs.run(m, (a, x, b) -> TdxWords.bugged(b)).found());
        TdxModel one = model(TdxScenarios.ZAP_VS_RUNNING, 1, "retry-once-then-kick");
        assertNull(ReferenceBfs.run(one, (a, x, b) -> TdxWords.epoch(b) > 1).found());
    }

    @Test
    void theTlbFlushKickMakesEveryVcpuInTheGuestExitBeforeTheUnlock() {
        TdxModel m = model(TdxScenarios.ZAP_VS_RUNNING, 1, "retry-once-then-kick");
        // once the zap leaves UNLOCK, no vCPU that was kicked by the flush still owes an ack
        assertNull(ReferenceBfs.run(m, (a, x, b) -> TdxWords.zapPc(a) == ZapPc.UNLOCK && TdxWords.zapPc(b) != ZapPc.UNLOCK
                && !Kick.allAcknowledged(m.config(), a)).found());
        assertNotNull(ReferenceBfs.run(m, (a, x, b) -> TdxWords.zapPc(a) == ZapPc.FLUSH_KICK
                && !Kick.allAcknowledged(m.config(), b)).found(), "the flush kick reaches a vCPU in the guest");
    }

    @Test
    void skippingTheTrackKickIsCaughtAtPageRemoveNotAtTheNextTrack() {
        for (String id : new String[] {TdxScenarios.ZAP_VS_RUNNING, TdxScenarios.ZAP_VS_ZERO_STEP,
            TdxScenarios.FAULT_STORM}) {
            TdxModel m = model(id, 2, "skip-track-kick");
            ReferenceBfs.Found f = ReferenceBfs.run(m,
                    (a, x, b) -> m.outcomeOf(a, x) == Outcome.TLB_TRACKING_NOT_DONE).found();
            assertNotNull(f, id);
            assertEquals(10, f.actions().size(), id + ": BLOCK, TRACK, no kick, REMOVE with a vCPU of epoch 0 in");
            // every TRACK after a completed REMOVE finds refcount[epoch-1] == 0: the REMOVE needed it
            assertNull(ReferenceBfs.run(m,
                    (a, x, b) -> m.outcomeOf(a, x) == Outcome.PREVIOUS_TLB_EPOCH_BUSY).found(), id);
            // and the second zap does run: a vCPU may exit on its own before the first REMOVE
            assertNotNull(ReferenceBfs.run(m, (a, x, b) -> TdxWords.epoch(b) == 2).found(), id);
        }
    }

    @Test
    void aScenarioWithoutAZapRefusesASecondOne() {
        TdxOptions o = TdxScenarios.info(TdxScenarios.FROZEN_SPTE_RACE).defaults().withZaps(2);
        ModelException e = assertThrows(ModelException.class, () -> TdxScenarios.build(TdxScenarios.FROZEN_SPTE_RACE,
                o, Policies.fault("resume-guest"), Policies.zap("retry-forever")));
        assertEquals("scenario frozen-spte-race does not take --zaps", e.getMessage());
    }
}
