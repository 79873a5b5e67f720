package tdxcheck.app.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.fixtures.TwoStateCycle;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Policy;
import tdxcheck.app.TestRuns;
import tdxcheck.core.catalog.Scenario;
import tdxcheck.tdx.TdxCatalog;
import tdxcheck.core.property.Eventually;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

class VerifierTest {
    
    private static final TdxCatalog CATALOG = new TdxCatalog();

    private static PropertyResult eventually(Eventually p) {
        Run r = TestRuns.verifyFixture("two-state-cycle", new CheckTarget(new TwoStateCycle(), List.of(p)),
                SearchConfig.builder().threads(1).build(), Fairness.WEAK);
        return r.result(p.id());
    }

    @Test
    void userDeclaredEventuallyPropertiesUseThePendingPredicateAndTheProgressFlag() {
        // 0 -> 1 -> 0 forever: "reach 1" is pending only in state 0, so no cycle keeps it pending.
        assertEquals(Verdict.HOLDS, eventually(Eventually.builder("reach-one", "")
                .operation("reach-one", s -> s[0] == 0, null).build()).verdict());
        // pending everywhere and never flagged: the 2-cycle is a fair lasso
        PropertyResult never = eventually(Eventually.builder("never-done", "")
                .operation("work", s -> true, null).build());
        assertEquals(Verdict.VIOLATED, never.verdict());
        assertEquals(0, never.counterexample().loopBackIndex());
        assertEquals(2, never.counterexample().steps().size());
        // the same, but the step into state 1 is a progress step for it: no violation
        assertEquals(Verdict.HOLDS, eventually(Eventually.builder("progressing", "")
                .operation("work", s -> true, (b, a, t) -> t[0] == 1).build()).verdict());
    }

    private static Run tdx(String scenario, String preset, SearchConfig cfg, Fairness f) {
        Scenario s = CATALOG.scenario(scenario);
        Policy p = TestRuns.policy(preset, null, null);
        return TestRuns.verify(scenario, s.defaults(), p, s.build(s.defaults(), p), cfg, f);
    }

    @Test
    void aBoundMakesLivenessInconclusiveNeverHolds() {
        Run r = tdx("zap-vs-running", "upstream", SearchConfig.builder().threads(1).maxStates(50).build(),
                Fairness.WEAK);
        PropertyResult live = r.result("no-busy-livelock");
        assertEquals(Verdict.INCONCLUSIVE, live.verdict());
        assertTrue(live.reason().contains("max-states 50"), live.reason());
    }

    @Test
    void fairnessDecidesWhetherAFaultThatSpinsOnAFrozenSpteIsALivelock() {
        SearchConfig one = SearchConfig.builder().threads(1).build();
        // upstream local retry: the loser spins while the winner holds the SPTE frozen. That cycle
        // starves the winner, so it is not weakly fair; without fairness it is reported.
        assertEquals(Verdict.HOLDS, tdx("frozen-spte-race", "upstream", one, Fairness.WEAK)
                .result("no-busy-livelock").verdict());
        assertEquals(Verdict.HOLDS, tdx("frozen-spte-race", "upstream", one, Fairness.STRONG)
                .result("no-busy-livelock").verdict());
        assertEquals(Verdict.VIOLATED, tdx("frozen-spte-race", "upstream", one, Fairness.NONE)
                .result("no-busy-livelock").verdict());
        // the TRACK livelock is fair even under strong fairness: the zap keeps stepping (BUSY)
        PropertyResult strong = tdx("zap-vs-running", "mmu-part2", one, Fairness.STRONG).result("no-busy-livelock");
        assertEquals(Verdict.VIOLATED, strong.verdict());
        assertTrue(strong.reason().startsWith("zap(gpa0) never completes"), strong.reason());
    }

    @Test
    void graphMemoryIsReportedForLivenessRuns() {
        Run r = tdx("zap-vs-running", "mmu-part2", SearchConfig.builder().threads(1).build(), Fairness.WEAK);
        assertTrue(r.stats().graphBytes() > 0);
        assertEquals(88, r.stats().distinctStates(), "the symmetry quotient (137 concrete states)");
        assertTrue(r.stats().symmetry(), "liveness runs on the symmetry quotient");
    }
}
