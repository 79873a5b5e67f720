package tdxcheck.core.liveness;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lasso builders stop instead of looping when the fair-SCC analysis and the walk disagree
 * (e.g. an actor held back by a momentary window counted as enabled by one and not the other):
 * the walk's debt has a round limit, and a goal the SCC does not offer is an error at once.
 * Breaking {@code LivenessChecker.weaklyFair} so it ignores {@link StateGraph#waitingActors} makes
 * {@link LivenessReferenceTest} fail with "goal not reachable inside the fair SCC" within a
 * second; ignoring them everywhere makes {@link HwFairnessTruthTableTest} fail. Neither hangs.
 */
@Timeout(30)
class CycleBuilderTerminatesTest {
    @Test
    void aDebtThatNeverSettlesEndsTheWalk() {
        FairnessDebt debt = new FairnessDebt(Fairness.WEAK, 1L << 1, 0L); // actor 1 must step; it never does
        int[] rounds = {0};
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            for (int i = 0; i < 1_000_000; i++) {
                rounds[0]++;
                debt.nextRound("node 0");
                debt.step(0, -1, 1L << 0 | 1L << 1, 0L);
            }
        });
        assertTrue(rounds[0] <= 8 * StateGraph.MAX_ACTORS + 9, "stopped after " + rounds[0] + " rounds");
        assertTrue(e.getMessage().contains("no fair cycle through node 0"), e.getMessage());
    }

    @Test
    void aGoalOutsideTheSccIsAnErrorNotALoop() {
        // B is held back at node 1 (waiting) and the only cycle is A's: under weak fairness the
        // cycle needs B to step or be disabled somewhere, which the SCC offers at no node
        StateGraphBuilder b = new StateGraphBuilder(2, 1);
        b.node(0, 1, 1L << 1);
        b.node(1, 1, 1L << 1);
        b.edge(0, 1, 0, 0, 0);
        b.edge(1, 0, 0, 1, 0);
        StateGraph g = b.build();
        // consistent analysis: B is enabled everywhere and never steps, so no fair cycle at all
        assertTrue(LivenessChecker.check(g, Fairness.WEAK, 1).holds());
        assertTrue(LivenessChecker.check(g, Fairness.HW, 1).holds());
    }
}
