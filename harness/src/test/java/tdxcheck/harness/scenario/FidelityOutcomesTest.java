package tdxcheck.harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tdxcheck.harness.check.Verifier;
import tdxcheck.harness.engine.SearchConfig;
import tdxcheck.harness.liveness.Fairness;
import tdxcheck.model.tdx.GuestKind;
import tdxcheck.model.tdx.TdxOptions;
import tdxcheck.model.tdx.TdxScenarios;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.model.tdx.policy.RetryPolicy;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

/** The outcomes issue 11 asks to show, end to end through TdxCatalog and the Verifier (docs/verdicts.md). */
class FidelityOutcomesTest {
    private static Run run(String scenario, String preset, GuestKind guest) {
        RetryPolicy p = Policies.preset(preset);
        TdxOptions o = TdxScenarios.info(scenario).defaults().withGuest(guest);
        CheckTarget t = TdxCatalog.build(scenario, o, p.fault(), p.zap());
        ScenarioParams sp = new ScenarioParams(o.vcpus(), o.gpas(), o.threshold(), o.pendingEvents());
        return Verifier.verify(scenario, sp, new PolicySpec(p.id(), p.fault().id(), p.zap().id()), t,
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
