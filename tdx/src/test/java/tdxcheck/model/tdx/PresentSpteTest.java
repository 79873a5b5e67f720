package tdxcheck.model.tdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import tdxcheck.model.tdx.policy.Policies;

/** The unconfirmed return on the zero-step fake exit for a present mirror SPTE (tdx-facts §6c.5). */
class PresentSpteTest {
    private static TdxModel model(PresentSpte p) {
        TdxOptions o = TdxScenarios.info(TdxScenarios.MULTI_GPA_RIP).defaults().withGuest(GuestKind.VE).withPresentSpte(p);
        return new TdxModel(TdxScenarios.build(TdxScenarios.MULTI_GPA_RIP, o, Policies.fault("local-retry-slot-break"),
                Policies.zap("retry-once-then-kick")));
    }

    /** The fault of a zero-step vCPU on its recorded GPA whose SPTE is present but not MAPPED. */
    private static boolean fakeOnPresent(TdxModel m, long[] a, int x) {
        int v = x >> 1;
        if (v >= m.config().vcpus() || (x & 1) != 0) {
            return false;
        }
        int pc = TdxWords.pc(a, v);
        int g = TdxWords.faultGpa(a, v);
        return (pc == VcpuPc.FAULT || pc == VcpuPc.FAULT_RETRY) && TdxWords.spte(a, g) == Spte.PRESENT
                && TdxWords.sept(a, g) != SeptState.MAPPED && (TdxWords.zeroStepGpas(a, v) & (1 << g)) != 0;
    }

    @Test
    void eachValueDecidesTheFakeExitOnAPresentSpte() {
        TdxModel sp = model(PresentSpte.SPURIOUS);
        assertNotNull(ReferenceBfs.run(sp, (a, x, b) -> fakeOnPresent(sp, a, x)
                && sp.outcomeOf(a, x) == Outcome.RET_PF_SPURIOUS).found());
        assertNull(ReferenceBfs.run(sp, (a, x, b) -> TdxWords.bugged(b)).found());
        TdxModel re = model(PresentSpte.RETRY);
        ReferenceBfs.Found f = ReferenceBfs.run(re, (a, x, b) -> fakeOnPresent(re, a, x)).found();
        assertNotNull(f);
        long[] before = f.states().get(f.states().size() - 2);
        int x = f.actions().get(f.actions().size() - 1);
        long[] after = before.clone();
        re.step(after, x);
        assertEquals(VcpuPc.FAULT_RETRY, TdxWords.pc(after, x >> 1), "local-retry-slot-break spins on RET_PF_RETRY");
        TdxModel bug = model(PresentSpte.KVM_BUG);
        assertNotNull(ReferenceBfs.run(bug, (a, y, b) -> bug.outcomeOf(a, y) == Outcome.MIRROR_SPTE_PRESENT
                && TdxWords.bugged(b)).found());
    }
}
