package tdxcheck.model.tdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import tdxcheck.model.tdx.policy.Policies;

/** convert-vs-accept (seed 003, tdx-facts §6b.9, §6e): MapGPA to userspace, conversion, ACCEPT. */
class ConvertVsAcceptTest {
    private static TdxModel model(GuestKind g) {
        TdxOptions o = TdxScenarios.info(TdxScenarios.CONVERT_VS_ACCEPT).defaults().withGuest(g);
        return new TdxModel(TdxScenarios.build(TdxScenarios.CONVERT_VS_ACCEPT, o, Policies.fault("local-retry-slot-break"),
                Policies.zap("retry-once-then-kick")));
    }

    @Test
    void theConversionStartsOnlyAfterTheMapGpaExitAndTheVcpuWaitsForIt() {
        TdxModel m = model(GuestKind.LINUX);
        assertEquals(ZapKind.CONVERSION, m.config().zapKind());
        assertNull(ReferenceBfs.run(m, (a, x, b) -> TdxWords.zapPc(a) == ZapPc.IDLE && TdxWords.zapPc(b) != ZapPc.IDLE
                && !TdxWords.mapGpaRequested(a)).found(), "no zap before MapGPA reached userspace");
        assertNull(ReferenceBfs.run(m, (a, x, b) -> TdxWords.pc(a, 0) == VcpuPc.MAP_GPA_USERSPACE
                && TdxWords.pc(b, 0) == VcpuPc.RUN && TdxWords.zapPc(a) != ZapPc.DONE).found(),
                "vcpu0's thread re-runs only once its conversion is done");
        assertNotNull(ReferenceBfs.run(m, (a, x, b) -> m.outcomeOf(a, x) == Outcome.EXIT_MAP_GPA).found());
    }

    @Test
    void theAcceptingVcpuMeetsTheConversion() {
        TdxModel m = model(GuestKind.LINUX);
        // the ACCEPT holds the entry lock while BLOCK wants it (host BUSY|RCX, host priority) ...
        assertNotNull(ReferenceBfs.run(m, (a, x, b) -> (x >> 1) == m.config().zapActor()
                && m.outcomeOf(a, x) == Outcome.BUSY_RCX).found());
        // ... and after the attribute store its next private fault exits to userspace
        assertNotNull(ReferenceBfs.run(m, (a, x, b) -> m.outcomeOf(a, x) == Outcome.EXIT_MEMORY_FAULT).found());
        // a page converted back is AUGed anew (PENDING): the guest, which accepted it, touches it -> vm dead
        assertNotNull(ReferenceBfs.run(m, (a, x, b) -> TdxWords.vmDead(b)).found());
    }
}
