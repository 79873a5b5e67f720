package tdxcheck.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tdxcheck.core.check.LocalActionCheck;
import tdxcheck.core.fixtures.LocalSpinner;
import tdxcheck.core.fixtures.SymmetricCounters;

/**
 * Partial-order reduction in the engine: the cycle proviso keeps a step from being postponed
 * forever (the ignoring problem), a model without local steps is explored as before, and the
 * dynamic claim check tells a right declaration from a wrong one.
 */
class PartialOrderTest {
    private static final int K = 5;

    private static SearchResult run(LocalSpinner m, boolean por) {
        return Search.run(m, List.of(m.neverWritten()),
                SearchConfig.builder().threads(1).partialOrder(por).build());
    }

    /**
     * The spinner's step is local in every state, so without the proviso the reduced search would
     * spin 0, 1, .., K-1, 0 and never let the writer write. With it, the state whose spin returns
     * to a state of an earlier level is expanded fully: the violation is found, K steps deep
     * instead of 1 (a reduced counterexample need not be shortest).
     */
    @Test
    void theCycleProvisoFindsTheIgnoredStep() {
        LocalSpinner m = new LocalSpinner(K, false);
        SearchResult full = run(m, false);
        SearchResult por = run(m, true);
        assertTrue(por.plan().partialOrder());
        assertEquals(Verdict.VIOLATED, full.outcome("never-written").verdict());
        assertEquals(Verdict.VIOLATED, por.outcome("never-written").verdict());
        assertEquals(1, full.outcome("never-written").counterexample().length());
        assertEquals(K, por.outcome("never-written").counterexample().length());
        // the search stops at the violation: the spinner's cycle, then the written state
        assertEquals(K + 1, por.stats().distinctStates());
    }

    @Test
    void aModelWithoutLocalStepsIsExploredAsBefore() {
        SymmetricCounters m = new SymmetricCounters(3, 4);
        SearchConfig por = SearchConfig.builder().threads(1).partialOrder(true).build();
        SearchResult r = Search.run(m, List.of(m.inRange()), por);
        assertFalse(r.plan().partialOrder(), "no local steps: the plan does not reduce");
        assertEquals(List.of(), r.plan().overrides());
        assertEquals(Search.run(m, List.of(m.inRange()), SearchConfig.builder().threads(1).build()).stats()
                .distinctStates(), r.stats().distinctStates());
    }

    @Test
    void theClaimCheckAcceptsTheSpinnerAndCatchesAVisibleStepCalledLocal() {
        LocalSpinner right = new LocalSpinner(K, false);
        LocalActionCheck.Report ok = LocalActionCheck.check(right, List.of(right.neverWritten()), 1000);
        assertTrue(ok.ok(), ok.failures().toString());
        assertEquals(2 * K, ok.states());
        assertEquals(2 * K, ok.localPairs());
        LocalSpinner wrong = new LocalSpinner(K, true);
        LocalActionCheck.Report bad = LocalActionCheck.check(wrong, List.of(wrong.neverWritten()), 1000);
        assertFalse(bad.ok());
        assertTrue(bad.failures().get(0).contains("writer action 1") && bad.failures().get(0).contains(
                "visible to never-written"), bad.failures().toString());
    }
}
