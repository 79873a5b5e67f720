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
        return run(scenario, preset, TestRuns.TDX.scenario(scenario).defaults().with("guest", guest.id()));
    }

    private static Run run(String scenario, String preset, Params params) {
        RetryPolicy p = Policies.preset(preset);
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
        assertEquals(1852, zs.stats().distinctStates()); // 1202 before the invalidation window (item 4), 1512 before the TLB-flush kick (item 8), 1729 before ACCEPT took the entry lock first
        Run ar = run("accept-vs-remove", "mmu-part2", GuestKind.LINUX);
        assertEquals(Verdict.VIOLATED, ar.result("no-kvm-bug").verdict());
        assertEquals(133, ar.stats().distinctStates()); // 81 before the invalidation window, 118 before ACCEPT took the entry lock first
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

    /**
     * Item 4 (tdx-facts §6b): a #VE guest faulting on the page a punch-hole is removing gets
     * RET_PF_RETRY from the open window with no SEAMCALL; local-retry-frozen resumes the guest on
     * it, so the same RIP faults again, counted, until zero-step. Upstream's loop spins in KVM.
     */
    @Test
    void thePunchHoleWindowSendsAVeGuestIntoZeroStepUnderSep2024() {
        Params ve = TestRuns.TDX.scenario("fault-storm").defaults().with("guest", "ve");
        Run sep = run("fault-storm", "sep2024-proposal", ve);
        assertEquals(Verdict.VIOLATED, sep.result("no-zero-step").verdict());
        assertEquals(Verdict.VIOLATED, sep.result("no-busy-livelock").verdict());
        assertEquals(Verdict.HOLDS, sep.result("no-kvm-bug").verdict());
        assertEquals(10623, sep.stats().distinctStates()); // 10575 before the TLB-flush kick (item 8)
        long windowRetries = sep.result("no-zero-step").counterexample().steps().stream()
                .filter(s -> s.outcome().contains("invalidation in progress")).count();
        assertEquals(6, windowRetries, "six RET_PF_RETRY from the window, then the 7th exit records gpa0");
        Run up = run("fault-storm", "upstream", ve);
        assertEquals(Verdict.HOLDS, up.result("no-zero-step").verdict());
        assertEquals(Verdict.HOLDS, up.result("no-busy-livelock").verdict());
        Run linux = run("fault-storm", "upstream", TestRuns.TDX.scenario("fault-storm").defaults());
        assertEquals(Verdict.HOLDS, linux.result("no-guest-busy").verdict(), "the Linux storm zaps a released page");
        assertEquals(Verdict.HOLDS, linux.result("no-vm-dead").verdict());
    }

    /** Item 5 (tdx-facts §6d): the 6.16 loop deadlocks a memslot deletion; the slot break fixes it. */
    @Test
    void memslotDeletionDeadlocksTheV616LoopAndTheSlotBreakTradesItForZeroStep() {
        for (GuestKind g : GuestKind.values()) {
            Run old = run("memslot-delete", "v6.16", g);
            assertEquals(Verdict.VIOLATED, old.result("no-busy-livelock").verdict(), g.id());
            assertEquals(Verdict.HOLDS, old.result("no-zero-step").verdict(), g.id());
            assertEquals("fault(vcpu0) never completes", old.result("no-busy-livelock").reason()
                    .substring(0, "fault(vcpu0) never completes".length()));
            Run now = run("memslot-delete", "upstream", g);
            // ve: the zero-step vCPU's recorded page becomes PENDING, which the walk still faults on (F3)
            assertEquals(g == GuestKind.VE ? Verdict.VIOLATED : Verdict.HOLDS, now.result("no-busy-livelock").verdict(),
                    g.id());
            assertEquals(g == GuestKind.VE ? Verdict.VIOLATED : Verdict.HOLDS, now.result("no-zero-step").verdict(),
                    g.id() + ": plain accesses count each round trip, ACCEPT exits do not");
        }
        assertEquals(239, run("memslot-delete", "v6.16", GuestKind.LINUX).stats().distinctStates()); // 221 before ACCEPT took the entry lock first
        assertEquals(569, run("memslot-delete", "upstream", GuestKind.VE).stats().distinctStates());
    }

    /** Item 7 (tdx-facts §6f): one RIP, 7 GPAs, threshold 6, upstream. */
    @Test
    void sevenGpasAtOneRipTripZeroStepOnlyForPlainAccesses() {
        Params p = TestRuns.TDX.scenario("multi-gpa-rip").defaults().with("gpas", 7).with("threshold", 6);
        Run linux = run("multi-gpa-rip", "upstream", p.with("guest", "linux"));
        assertEquals(Verdict.HOLDS, linux.result("no-zero-step").verdict(), "ACCEPT exits first; the access finds all 7");
        assertEquals(70, linux.stats().distinctStates()); // 64 before ACCEPT took the entry lock first (its exits on FREE pages)
        Run ve = run("multi-gpa-rip", "upstream", p.with("guest", "ve"));
        assertEquals(Verdict.VIOLATED, ve.result("no-zero-step").verdict());
        assertEquals("no-zero-step violated by step 42 (guest0: access gpa0..6 -> EXIT_REASON_EPT_VIOLATION)",
                ve.result("no-zero-step").reason(), "the 7th exit at one RIP records gpa6");
        assertEquals(Verdict.VIOLATED, ve.result("no-busy-livelock").verdict());
        assertEquals(Verdict.HOLDS, run("multi-gpa-rip", "upstream", p.with("guest", "ve").with("gpas", 6))
                .result("no-zero-step").verdict(), "6 GPAs only count");
    }
}
