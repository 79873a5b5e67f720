package tdxcheck.model.tdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tdxcheck.core.spi.StepLabel;
import tdxcheck.model.tdx.policy.MmuPart2Loops;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.model.tdx.policy.ResumeGuest;
import tdxcheck.model.tdx.policy.ZapBusyAction;

/** The MMU part 2 zap loops call by call (tdx-facts §6a, §8.1) and the VP.ENTER BUSY wording (§4). */
class MmuPart2Test {
    private static TdxModel model(String id, String fault, String zap) {
        TdxScenarios.Info i = TdxScenarios.info(id);
        return new TdxModel(TdxScenarios.build(id, i.vcpus(), i.gpas(), 6, false, Policies.fault(fault),
                Policies.zap(zap)));
    }

    private static StepLabel lastStep(TdxModel m, ReferenceBfs.Found f) {
        int n = f.actions().size();
        return m.describe(f.states().get(n - 1), f.actions().get(n - 1), f.states().get(n));
    }

    @Test
    void theLoopsSeeTheCallAndTheWholeStatus() {
        MmuPart2Loops p = new MmuPart2Loops();
        assertEquals(ZapBusyAction.BUG, p.onError(Seamcall.MEM_RANGE_BLOCK, Outcome.BUSY_SEPT_TREE, false),
                "-EAGAIN, then KVM_BUG_ON in remove_external_spte");
        assertEquals(ZapBusyAction.BUG, p.onError(Seamcall.MEM_RANGE_BLOCK, Outcome.BUSY_RCX, false));
        assertEquals(ZapBusyAction.RETRY, p.onError(Seamcall.MEM_TRACK, Outcome.BUSY_TD_EPOCH, false));
        assertEquals(ZapBusyAction.RETRY, p.onError(Seamcall.MEM_TRACK, Outcome.BUSY_SEPT_TREE, false));
        assertEquals(ZapBusyAction.BUG, p.onError(Seamcall.MEM_TRACK, Outcome.PREVIOUS_TLB_EPOCH_BUSY, false));
        assertEquals(ZapBusyAction.RETRY, p.onError(Seamcall.MEM_PAGE_REMOVE, Outcome.BUSY_SEPT_TREE, false));
        assertEquals(ZapBusyAction.BUG, p.onError(Seamcall.MEM_PAGE_REMOVE, Outcome.BUSY_RCX, false),
                "an exact compare: the entry-lock BUSY is not TDX_ERROR_SEPT_BUSY");
    }

    @Test
    void mmuPart2AugTreatedEveryErrorAsBusyButSeptAddOnlyTheTreeBusy() {
        ResumeGuest part2 = new ResumeGuest();
        assertTrue(part2.mapErrorIsRetry(Seamcall.MEM_PAGE_AUG, Outcome.EPT_ENTRY_STATE_INCORRECT), "err & BUSY");
        assertTrue(part2.mapErrorIsRetry(Seamcall.MEM_SEPT_ADD, Outcome.BUSY_SEPT_TREE));
        assertFalse(part2.mapErrorIsRetry(Seamcall.MEM_SEPT_ADD, Outcome.BUSY_RCX));
        var upstream = Policies.fault("local-retry");
        assertFalse(upstream.mapErrorIsRetry(Seamcall.MEM_PAGE_AUG, Outcome.EPT_ENTRY_STATE_INCORRECT));
        assertTrue(upstream.mapErrorIsRetry(Seamcall.MEM_SEPT_ADD, Outcome.BUSY_RCX), "tdx_operand_busy()");
    }

    @Test
    void rangeBlockAgainstAZeroStepVpEnterBugsTheVm() {
        TdxModel m = model(TdxScenarios.ZAP_VS_ZERO_STEP, "resume-guest", "mmu-part2-loops");
        ReferenceBfs.Found f = ReferenceBfs.run(m, (a, x, b) -> TdxWords.bugged(b)).found();
        assertNotNull(f);
        StepLabel last = lastStep(m, f);
        assertEquals("TDH.MEM.RANGE.BLOCK gpa2 [acquire]", last.action());
        assertEquals("TDX_OPERAND_BUSY|SEPT_TREE => KVM_BUG_ON", last.outcome());
        assertEquals(3, f.actions().size(), "vcpu0 enters in zero-step mode, then write_lock and BLOCK");
    }

    @Test
    void pageRemoveSpinsOnTheTreeButBugsOnTheEntryLock() {
        // accept-vs-remove: the guest's ACCEPT holds the entry lock; BLOCK is the first zap call on it.
        TdxModel m = model(TdxScenarios.ACCEPT_VS_REMOVE, "local-retry", "mmu-part2-loops");
        ReferenceBfs.Found f = ReferenceBfs.run(m, (a, x, b) -> TdxWords.bugged(b)).found();
        assertNotNull(f);
        assertEquals("TDX_OPERAND_BUSY|RCX => KVM_BUG_ON", lastStep(m, f).outcome());
        // retry-forever, the generic loop, never bugs on that BUSY: it spins until the guest is done.
        TdxModel loop = model(TdxScenarios.ACCEPT_VS_REMOVE, "local-retry", "retry-forever");
        assertNull(ReferenceBfs.run(loop, (a, x, b) -> TdxWords.bugged(b)).found());
    }

    @Test
    void vpEnterBusyIsHandledInTheFastpathNotAsAFaultRetry() {
        TdxModel m = model(TdxScenarios.ZAP_VS_RUNNING, "local-retry", "retry-forever");
        ReferenceBfs.Found f = ReferenceBfs.run(m, (a, x, b) -> {
            int actor = m.actorOf(x);
            return actor < 2 && TdxWords.pc(a, actor) == VcpuPc.RUN && m.outcomeOf(a, x).operandBusy();
        }).found();
        assertNotNull(f, "TRACK holds the epoch lock exclusive while a vCPU enters");
        StepLabel last = lastStep(m, f);
        assertEquals("TDH.VP.ENTER [acquire]", last.action());
        assertEquals("TDX_OPERAND_BUSY|TD_EPOCH => EXIT_FASTPATH_EXIT_HANDLED (re-enter later)", last.outcome());
    }
}
