package tdxcheck.model.tdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import tdxcheck.model.tdx.policy.Policies;

/** KVM_EXIT_MEMORY_FAULT (tdx-facts §6e): exit to userspace, optional conversion, re-run. */
class MemoryFaultExitTest {
    private static TdxModel model(String id, GuestKind g) {
        TdxOptions o = TdxScenarios.info(id).defaults().withGuest(g).withZapKind(ZapKind.CONVERSION);
        return new TdxModel(TdxScenarios.build(id, o, Policies.fault("local-retry-slot-break"),
                Policies.zap("retry-once-then-kick")));
    }

    @Test
    void aPrivateFaultOnAConvertedPageLeavesKvmRunWithoutSrcuOrLocks() {
        TdxModel m = model(TdxScenarios.FAULT_STORM, GuestKind.VE);
        ReferenceBfs.Found f = ReferenceBfs.run(m, (a, x, b) -> m.outcomeOf(a, x) == Outcome.EXIT_MEMORY_FAULT).found();
        assertNotNull(f);
        long[] last = f.states().get(f.states().size() - 1);
        int v = (f.actions().get(f.actions().size() - 1) >> 1);
        assertEquals(VcpuPc.USERSPACE, TdxWords.pc(last, v));
        assertFalse(VcpuPc.holdsSrcu(VcpuPc.USERSPACE));
        assertFalse(VcpuPc.inGuestMode(VcpuPc.USERSPACE));
        // the exit needs the attribute store: never while the GFN is still private
        assertNull(ReferenceBfs.run(m, (a, x, b) -> m.outcomeOf(a, x) == Outcome.EXIT_MEMORY_FAULT
                && !TdxWords.shared(a, TdxWords.faultGpa(a, x >> 1))).found());
        // converting back to private clears the attribute, and the vCPU's access then completes
        assertNotNull(ReferenceBfs.run(m, (a, x, b) -> m.outcomeOf(a, x) == Outcome.USERSPACE_CONVERT
                && !TdxWords.shared(b, TdxWords.faultGpa(a, x >> 1))).found());
    }

    @Test
    void plainAccessRoundTripsCountAndAcceptRoundTripsDoNot() {
        TdxModel ve = model(TdxScenarios.FAULT_STORM, GuestKind.VE);
        // a userspace that never converts: the same RIP exits again and again, counted up to zero-step
        assertNotNull(ReferenceBfs.run(ve, (a, x, b) -> m(ve, a, x) == Outcome.USERSPACE_RERUN
                && TdxWords.zeroStepCount(a, x >> 1) >= 3).found());
        TdxModel acc = model(TdxScenarios.ACCEPT_VS_REMOVE, GuestKind.LINUX);
        assertNotNull(ReferenceBfs.run(acc, (a, x, b) -> m(acc, a, x) == Outcome.EXIT_MEMORY_FAULT).found(),
                "the guest's ACCEPT of the converted page exits to KVM, then to userspace");
        assertNull(ReferenceBfs.run(acc, (a, x, b) -> TdxWords.zeroStepCount(b, 0) > 0).found(),
                "ACCEPT exits are not counted, however often userspace re-runs");
    }

    private static Outcome m(TdxModel model, long[] s, int action) {
        return model.outcomeOf(s, action);
    }
}
