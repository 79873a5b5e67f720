package tdxcheck.core.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * {@link LassoMinimizer} on hand-written lassos: a fair sub-cycle replaces the cycle, a sub-cycle
 * that breaks fairness does not, the stem stops at the cycle, and with the graph the stem is a
 * shortest path to any state of the cycle.
 */
@org.junit.jupiter.api.Timeout(30)
class LassoMinimizerTest {
    private static final int A = 0;
    private static final int B = 1;
    private static final long AB = 1L << A | 1L << B;

    /** A lasso whose every state has {@code enabled} actors, no success events. */
    private static LassoMinimizer.Facts facts(int[] nodes, int[] actors, int loopBack, long enabled) {
        long[] en = new long[nodes.length];
        java.util.Arrays.fill(en, enabled);
        int[] events = new int[actors.length];
        java.util.Arrays.fill(events, -1);
        return new LassoMinimizer.Facts(new Lasso(nodes, actors.clone(), actors, loopBack), en,
                new long[nodes.length], events);
    }

    @Test
    void aFairSubCycleReplacesTheCycle() {
        // 0 -A-> 1 -A-> 0 -A-> 2 -A-> 0: only A is ever enabled; 0-1-0 is fair by itself
        LassoMinimizer.Facts f = facts(new int[] {0, 1, 0, 2, 0}, new int[] {A, A, A, A}, 0, 1L << A);
        Lasso m = LassoMinimizer.minimize(f, Fairness.WEAK).lasso();
        assertEquals(2, m.cycleLength());
        assertEquals(0, m.loopBackIndex());
        assertEquals("Lasso[0 | -a0:0-> 1 -a0:0-> 0, back to step 0]", m.toString());
    }

    @Test
    void aSubCycleThatStarvesAnEnabledActorIsNotTaken() {
        // A and B enabled everywhere; B steps only in the second loop: 0-1-0 is unfair, 0-2-0 fair
        LassoMinimizer.Facts f = facts(new int[] {0, 1, 0, 2, 0}, new int[] {A, A, B, A}, 0, AB);
        Lasso m = LassoMinimizer.minimize(f, Fairness.WEAK).lasso();
        assertEquals("Lasso[0 | -a1:1-> 2 -a0:0-> 0, back to step 0]", m.toString());
        // with B stepping in neither loop alone the whole cycle stays
        LassoMinimizer.Facts both = facts(new int[] {0, 1, 0, 2, 0}, new int[] {A, B, A, A}, 0, AB);
        // 0-1-0 has A and B: fair; check the other order keeps the full cycle when no part is fair
        assertEquals(2, LassoMinimizer.minimize(both, Fairness.WEAK).lasso().cycleLength());
        LassoMinimizer.Facts none = facts(new int[] {0, 1, 0, 2, 0}, new int[] {A, A, B, B}, 0, AB);
        assertEquals(4, LassoMinimizer.minimize(none, Fairness.WEAK).lasso().cycleLength(),
                "each loop starves one actor: only the whole cycle is fair");
        assertEquals(2, LassoMinimizer.minimize(none, Fairness.NONE).lasso().cycleLength(),
                "without fairness either loop will do");
    }

    @Test
    void hwKeepsTheSuccessThatWasPossible() {
        // A's attempt could succeed at node 1 (event 0) and does on the step 1 -> 0 of the first loop
        long[] en = {1L << A, 1L << A, 1L << A, 1L << A, 1L << A};
        long[] succ = {0, 1L, 0, 0, 0};
        int[] events = {-1, 0, -1, -1};
        Lasso l = new Lasso(new int[] {0, 1, 0, 2, 0}, new int[] {0, 1, 2, 3}, new int[] {A, A, A, A}, 0);
        LassoMinimizer.Facts f = new LassoMinimizer.Facts(l, en, succ, events);
        assertEquals("Lasso[0 | -a0:0-> 1 -a0:1-> 0, back to step 0]",
                LassoMinimizer.minimize(f, Fairness.HW).lasso().toString());
        // the success is possible at node 1 but not taken there: 0-2-0 skips node 1 and is fair
        int[] noTake = {-1, -1, -1, -1};
        assertEquals("Lasso[0 | -a0:2-> 2 -a0:3-> 0, back to step 0]",
                LassoMinimizer.minimize(new LassoMinimizer.Facts(l, en, succ, noTake), Fairness.HW).lasso().toString());
    }

    @Test
    void theStemStopsAtTheCycle() {
        // stem 0 -> 1 -> 2, cycle 2 -> 1 -> 2: the stem reaches the cycle at node 1 already
        LassoMinimizer.Facts f = facts(new int[] {0, 1, 2, 1, 2}, new int[] {A, A, A, A}, 2, 1L << A);
        Lasso m = LassoMinimizer.minimize(f, Fairness.WEAK).lasso();
        assertEquals(1, m.loopBackIndex());
        assertEquals(2, m.cycleLength());
        assertEquals(1, m.cycleStart());
    }

    @Test
    void theStemIsAShortestPathToTheCycle() {
        // 0 -> 1 -> 2 -> 3 -> 2 and a shortcut 0 -> 3
        StateGraphBuilder b = new StateGraphBuilder(1, 1);
        for (int v = 0; v < 4; v++) {
            b.node(v, 1, 0L);
        }
        b.edge(0, 1, A, 0, 0);
        b.edge(0, 3, A, 4, 0);
        b.edge(1, 2, A, 1, 0);
        b.edge(2, 3, A, 2, 0);
        b.edge(3, 2, A, 3, 0);
        StateGraph g = b.build();
        Lasso l = new Lasso(new int[] {0, 1, 2, 3, 2}, new int[] {0, 1, 2, 3}, new int[] {A, A, A, A}, 2);
        Lasso m = LassoMinimizer.shortestStem(l, g);
        assertEquals("Lasso[0 -a0:4-> 3 | -a0:3-> 2 -a0:2-> 3, back to step 1]", m.toString());
        Lasso already = new Lasso(new int[] {0, 3, 2, 3}, new int[] {4, 3, 2}, new int[] {A, A, A}, 1);
        assertSame(already, LassoMinimizer.shortestStem(already, g));
    }
}
