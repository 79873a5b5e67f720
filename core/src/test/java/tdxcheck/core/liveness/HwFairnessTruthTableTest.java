package tdxcheck.core.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Fairness hw on hand-written graphs: strong fairness on success per (actor, attempt site), weak
 * fairness per actor, and actors held back by a momentary window still count as enabled.
 * Operation 0 is pending in every node except where noted.
 */
@org.junit.jupiter.api.Timeout(60)
class HwFairnessTruthTableTest {
    private static final int A = GraphSpec.A;
    private static final int B = GraphSpec.B;

    private static boolean violated(GraphSpec spec, Fairness f) {
        return GraphSpec.checkAndValidate(spec.build(), f, 1).violated(0);
    }

    /** A spins on a try-lock at node 0; its attempt would succeed there and leave the cycle (node 1). */
    @Test
    void spinThatCanSucceedInsideTheCycleIsExcluded() {
        GraphSpec g = GraphSpec.nodes(2).actors(1).pending(0, 0)
                .edge(0, A, 0)              // BUSY: retry
                .successEdge(0, A, 1);      // the lock was free: done
        assertTrue(violated(g, Fairness.WEAK), "weak: the spin may fail forever");
        assertTrue(violated(g, Fairness.STRONG), "strong per actor: A steps, so the spin is fair");
        assertFalse(violated(g, Fairness.HW), "hw: a success possible infinitely often must happen");
    }

    /** B holds the lock in every state of the cycle: A's attempt never could succeed. */
    @Test
    void lockNeverFreeInTheCycleIsReported() {
        GraphSpec g = GraphSpec.nodes(3).actors(2).pending(0, 0, 1)
                .edge(0, A, 1)              // A: BUSY (B holds)
                .edge(1, B, 0)              // B: release and re-take in one step
                .successEdge(2, A, 2);      // unreachable: the free lock
        assertTrue(violated(g, Fairness.WEAK));
        assertTrue(violated(g, Fairness.HW), "hw: no success is ever possible in the cycle");
    }

    /** A's ENTER keeps succeeding, but its PAGE.AUG (site 1) could succeed at node 1 and never does. */
    @Test
    void successIsPerAttemptSiteNotPerActor() {
        GraphSpec g = GraphSpec.nodes(3).actors(2).pending(0, 0, 1)
                .successEdge(0, A, 1, 0)    // A: ENTER succeeds
                .edge(1, A, 0)              // A: AUG BUSY, back to the loop
                .successEdge(1, A, 2, 1)    // A: AUG would succeed: leaves (node 2 not pending)
                .edge(1, B, 1);
        assertTrue(violated(g, Fairness.WEAK));
        assertFalse(violated(g, Fairness.HW), "hw: the AUG site must succeed");
        GraphSpec perActor = GraphSpec.nodes(3).actors(2).pending(0, 0, 1)
                .successEdge(0, A, 1, 0)
                .edge(1, A, 0)
                .successEdge(1, A, 2, 0)    // same site as ENTER: per-site fairness is met by ENTER
                .edge(1, B, 1);
        assertTrue(violated(perActor, Fairness.HW), "one site: the ENTER successes satisfy it");
    }

    /** B is held back at node 1 by A's momentary window; B still counts as enabled there. */
    @Test
    void actorHeldBackByAWindowStaysEnabledForWeakFairness() {
        StateGraphBuilder b = new StateGraphBuilder(2, 1);
        b.node(0, 1, 0L);
        b.node(1, 1, 1L << B);              // B waits for A's window to close
        b.edge(0, 1, A, 0, 0);
        b.edge(0, 0, B, 1, 0);              // B could step at node 0
        b.edge(1, 0, A, 2, 0);
        StateGraph g = b.build();
        assertEquals(1L << A | 1L << B, g.enabledActors(1));
        // the cycle 0 -A-> 1 -A-> 0 never lets B step although B is enabled everywhere
        LivenessResult r = GraphSpec.checkAndValidate(g, Fairness.HW, 1);
        assertTrue(r.violated(0), "the fair cycle takes B's self-loop");
        assertEquals(1L << B, g.waitingActors(1));
        assertTrue(r.lasso(0).get().toString().contains("a1"), "B steps in the reported cycle");
    }
}
