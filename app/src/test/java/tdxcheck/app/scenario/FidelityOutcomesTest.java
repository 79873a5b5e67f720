package tdxcheck.app.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tdxcheck.app.TestRuns;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.tdx.TdxCatalog;
import tdxcheck.model.tdx.GuestKind;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.model.tdx.policy.RetryPolicy;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

/** The outcomes issue 11 asks to show, end to end through TdxCatalog and the Verifier (docs/verdicts.md). */
class FidelityOutcomesTest {
    private static Run run(String scenario, String preset, GuestKind guest) {
        RetryPolicy p = Policies.preset(preset);
        Params params = TestRuns.TDX.scenario(scenario).defaults().with("guest", guest.id());
        CheckTarget t = TdxCatalog.build(scenario, params, p.fault(), p.zap());
        return TestRuns.verify(scenario, params, TestRuns.policy(preset, null, null), t,
                SearchConfig.builder().threads(1).build(), Fairness.WEAK);
    }

    @Test
    void mmuPart2BugsTheVmWhenBlockMeetsAZeroStepVcpuOrAnAcceptingGuest() {
        Run zs = run("zap-vs-zero-step", "mmu-part2", GuestKind.LINUX);
        assertEquals(Verdict.VIOLATED, zs.result("no-kvm-bug").verdict());
        assertEquals("no-kvm-bug violated by step 3 (zap: TDH.MEM.RANGE.BLOCK gpa2 [acquire]"
                + " -> TDX_OPERAND_BUSY|SEPT_TREE => KVM_BUG_ON)",
                zs.result("no-kvm-bug").reason());
        assertEquals(1202, zs.stats().distinctStates());
        Run ar = run("accept-vs-remove", "mmu-part2", GuestKind.LINUX);
        assertEquals(Verdict.VIOLATED, ar.result("no-kvm-bug").verdict());
        assertEquals(81, ar.stats().distinctStates());
    }

    @Test
    void frozenSpteRaceUnderResumeGuestNeedsAVeGuest() {
        Run linux = run("frozen-spte-race", "mmu-part2", GuestKind.LINUX);
        assertEquals(Verdict.HOLDS, linux.result("no-zero-step").verdict());
        assertEquals(Verdict.HOLDS, linux.result("no-busy-livelock").verdict());
        assertEquals(51, linux.stats().distinctStates());
        Run ve = run("frozen-spte-race", "mmu-part2", GuestKind.VE);
        assertEquals(Verdict.VIOLATED, ve.result("no-zero-step").verdict());
        assertEquals(Verdict.VIOLATED, ve.result("no-busy-livelock").verdict());
        assertEquals(1185, ve.stats().distinctStates());
    }
}
