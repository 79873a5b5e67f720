package tdxcheck.core.liveness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tdxcheck.core.liveness.GraphSpec.A;
import static tdxcheck.core.liveness.GraphSpec.B;
import static tdxcheck.core.liveness.GraphSpec.checkAndValidate;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The liveness truth table: small graphs written by hand, with the expected verdict per
 * fairness and the reason for it. Operation 0 is "op"; actors are A (0) and B (1). Every lasso
 * the checker reports is validated independently (real edges, closes, op pending, no progress
 * edge, the cycle itself fair) by {@link GraphSpec#assertValidLasso}.
 */
class LivenessTruthTableTest {

    private static final String HOLDS = "HOLDS";
    private static final String VIOLATED = "VIOLATED";

    private static String verdict(StateGraph g, String fairnessId) {
        LivenessResult r = checkAndValidate(g, Fairness.fromId(fairnessId), 1);
        return r.violated(0) ? VIOLATED : HOLDS;
    }

    private static Lasso lasso(StateGraph g, Fairness fairness) {
        LivenessResult r = checkAndValidate(g, fairness, 1);
        assertTrue(r.violated(0), "expected a violation under " + fairness.id());
        return r.lasso(0).orElseThrow();
    }

    // ---- 1 -----------------------------------------------------------------------------------

    /**
     * 0 -A-> 1 -A-> 2 -A-> 1, op pending at 1 and 2; B is enabled at 1 and at 2 (edges to the
     * sinks 3 and 4, where op is not pending) but never steps inside the cycle.
     */
    private static StateGraph unfairCycle() {
        return GraphSpec.nodes(5).pending(0, 1, 2)
                .edge(0, A, 1)
                .edge(1, A, 2).edge(2, A, 1)
                .edge(1, B, 3).edge(2, B, 4)
                .build();
    }

    @DisplayName("1. unfair cycle: B enabled at every cycle node, only leaves it")
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "weak   | HOLDS    | B is enabled at every node of the cycle and never steps in it",
        "strong | HOLDS    | B is enabled somewhere on the cycle and never steps in it",
        "none   | VIOLATED | any cycle counts"})
    void unfairCycleNotReported(String fairness, String expected, String reason) {
        assertEquals(expected, verdict(unfairCycle(), fairness), reason);
    }

    // ---- 2 -----------------------------------------------------------------------------------

    /**
     * Stem 0 -A-> 5 -B-> 1 (op not pending on it), then the cycle 1 -A-> 2 -B-> 1 with op
     * pending at 1 and 2; A and B are both enabled at 1 and 2 (exits to the sink 3) and both
     * step in the cycle.
     */
    private static GraphSpec weaklyFairSpec() {
        return GraphSpec.nodes(6).pending(0, 1, 2)
                .edge(0, A, 5).edge(5, B, 1)
                .edge(1, A, 2).edge(1, B, 3)
                .edge(2, B, 1).edge(2, A, 3);
    }

    @DisplayName("2. fair cycle: both enabled actors step in it")
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "weak   | VIOLATED | A and B are enabled everywhere and both step",
        "strong | VIOLATED | every actor enabled on the cycle steps in it",
        "none   | VIOLATED | any cycle counts"})
    void weaklyFairCycle(String fairness, String expected, String reason) {
        assertEquals(expected, verdict(weaklyFairSpec().build(), fairness), reason);
    }

    @Test
    @DisplayName("2. fair cycle: lasso = stem of 2 steps, back to step 2, cycle 1 -A-> 2 -B-> 1")
    void weaklyFairCycleLasso() {
        GraphSpec spec = weaklyFairSpec();
        StateGraph g = spec.build();
        for (Fairness f : Fairness.values()) {
            Lasso l = lasso(g, f);
            assertEquals(2, l.stemLength(), f.id());
            assertEquals(2, l.loopBackIndex(), f.id());
            assertArrayEquals(new int[] {0, 5, 1, 2, 1}, l.nodes(), f.id());
            assertArrayEquals(new int[] {A, B, A, B}, l.stepActors(), f.id());
            assertEquals(Arrays.asList(spec.action(0, A, 5), spec.action(5, B, 1),
                    spec.action(1, A, 2), spec.action(2, B, 1)), l.actions(), f.id());
            assertArrayEquals(new int[] {0, 5, 1}, l.stemNodes());
            assertArrayEquals(new int[] {1, 2}, l.cycleNodes());
        }
    }

    // ---- 3 -----------------------------------------------------------------------------------

    /**
     * 0 -A-> 1 -A-> 2 -A-> 1, op pending at 1 and 2; B is enabled only at 1 (1 -B-> 3, a sink)
     * and never steps in the cycle.
     */
    private static StateGraph weakButNotStrong() {
        return GraphSpec.nodes(4).pending(0, 1, 2)
                .edge(0, A, 1)
                .edge(1, A, 2).edge(1, B, 3)
                .edge(2, A, 1)
                .build();
    }

    @DisplayName("3. fair under weak, not under strong: B enabled at only some cycle nodes")
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "weak   | VIOLATED | B is disabled at node 2, so weak fairness does not force B",
        "strong | HOLDS    | B is enabled infinitely often (at node 1) and never steps",
        "none   | VIOLATED | any cycle counts"})
    void weakButNotStrong(String fairness, String expected, String reason) {
        assertEquals(expected, verdict(weakButNotStrong(), fairness), reason);
    }

    // ---- 4 -----------------------------------------------------------------------------------

    /**
     * There is no "strong but not weak" case: a strongly fair cycle is always weakly fair. The
     * interesting converse is an SCC that strong fairness rejects as a whole while a sub-SCC of
     * it is fair: the SCC {1, 2, 3} (1 -A-> 2 -A-> 1, 2 -A-> 3 -A-> 1, op pending in all three)
     * has B enabled only at node 3 (3 -B-> 4, a sink) and B never steps inside. The refinement
     * deletes node 3 and finds the fair sub-SCC {1, 2}. The stem enters the SCC at node 3
     * (0 -A-> 3), so the strong lasso must walk on to node 1 and loop in {1, 2} without node 3,
     * while the weak lasso may loop through node 3 (B is disabled at 1 and 2).
     */
    private static StateGraph refinedSubScc() {
        return GraphSpec.nodes(5).pending(0, 1, 2, 3)
                .edge(0, A, 3)
                .edge(1, A, 2)
                .edge(2, A, 1).edge(2, A, 3)
                .edge(3, A, 1).edge(3, B, 4)
                .build();
    }

    @DisplayName("4. strong refinement: whole SCC unfair, sub-SCC {1,2} fair")
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "weak   | VIOLATED | no actor is enabled at every node and not stepping",
        "strong | VIOLATED | after deleting node 3 (B enabled there), {1,2} is fair",
        "none   | VIOLATED | any cycle counts"})
    void refinedSubSccVerdicts(String fairness, String expected, String reason) {
        assertEquals(expected, verdict(refinedSubScc(), fairness), reason);
    }

    @Test
    @DisplayName("4. strong lasso is confined to the sub-SCC {1,2}; weak lasso may use node 3")
    void refinedSubSccLasso() {
        StateGraph g = refinedSubScc();
        Lasso strong = lasso(g, Fairness.STRONG);
        assertArrayEquals(new int[] {0, 3, 1}, strong.stemNodes(), "stem enters at 3, walks to 1");
        for (int v : strong.cycleNodes()) {
            assertTrue(v == 1 || v == 2, "strong cycle visits removed node " + v + ": " + strong);
        }
        assertArrayEquals(new int[] {1, 2}, strong.cycleNodes());

        Lasso weak = lasso(g, Fairness.WEAK);
        assertArrayEquals(new int[] {0, 3}, weak.stemNodes(), "weak: the SCC is fair, enter at 3");
        assertEquals(3, weak.cycleStart());
    }

    // ---- 5 -----------------------------------------------------------------------------------

    private static StateGraph progressCycle(int progressMask) {
        return GraphSpec.nodes(3).pending(0, 1, 2).pending(1, 1, 2)
                .edge(0, A, 1)
                .edge(1, A, 2)
                .progressEdge(2, A, 1, progressMask)
                .build();
    }

    @Test
    @DisplayName("5. progress edge inside the cycle: HOLDS; same cycle without the flag: VIOLATED")
    void progressEdge() {
        for (Fairness f : Fairness.values()) {
            // 2 -A-> 1 makes progress for op 0 and op 1: the only cycle is broken for both
            LivenessResult flagged = checkAndValidate(progressCycle(0b11), f, 2);
            assertFalse(flagged.violated(0), f.id());
            assertFalse(flagged.violated(1), f.id());
            assertTrue(flagged.holds());
            // no progress at all: both ops stay pending forever on 1 -> 2 -> 1
            LivenessResult plain = checkAndValidate(progressCycle(0), f, 2);
            assertTrue(plain.violated(0), f.id());
            assertTrue(plain.violated(1), f.id());
            // progress for op 1 only: op 0 is still violated, op 1 holds
            LivenessResult op1Only = checkAndValidate(progressCycle(0b10), f, 2);
            assertTrue(op1Only.violated(0), f.id());
            assertFalse(op1Only.violated(1), f.id());
            assertEquals(0b01, op1Only.violatedMask());
        }
    }

    // ---- 6 -----------------------------------------------------------------------------------

    @DisplayName("6. op not pending at one node of the only cycle 1 -> 2 -> 3 -> 1")
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "weak   | HOLDS | op completes at node 3 on every lap",
        "strong | HOLDS | op completes at node 3 on every lap",
        "none   | HOLDS | op completes at node 3 on every lap"})
    void notPendingEverywhere(String fairness, String expected, String reason) {
        StateGraph g = GraphSpec.nodes(4).pending(0, 1, 2)
                .edge(0, A, 1).edge(1, A, 2).edge(2, A, 3).edge(3, A, 1)
                .build();
        assertEquals(expected, verdict(g, fairness), reason);
    }

    // ---- 7 -----------------------------------------------------------------------------------

    @Test
    @DisplayName("7. self-loop of the only enabled actor: VIOLATED, lasso loops back to its own step")
    void selfLoopOnlyActor() {
        StateGraph g = GraphSpec.nodes(2).pending(0, 1)
                .edge(0, A, 1).edge(1, A, 1)
                .build();
        for (Fairness f : Fairness.values()) {
            Lasso l = lasso(g, f);
            assertArrayEquals(new int[] {0, 1, 1}, l.nodes(), f.id());
            assertEquals(1, l.loopBackIndex(), "the cycle is step 1 itself");
            assertEquals(1, l.cycleLength());
        }
    }

    @Test
    @DisplayName("7. self-loop at an initial node: stem empty, back to step 0")
    void selfLoopAtInitialNode() {
        StateGraph g = GraphSpec.nodes(1).pending(0, 0).edge(0, A, 0).build();
        Lasso l = lasso(g, Fairness.WEAK);
        assertArrayEquals(new int[] {0, 0}, l.nodes());
        assertEquals(0, l.loopBackIndex());
    }

    @DisplayName("7. self-loop of A while B is enabled there and never steps")
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "weak   | HOLDS    | B is enabled at the loop's only node and never steps",
        "strong | HOLDS    | B is enabled at the loop's only node and never steps",
        "none   | VIOLATED | any cycle counts"})
    void selfLoopWithStarvedActor(String fairness, String expected, String reason) {
        StateGraph g = GraphSpec.nodes(3).pending(0, 1)
                .edge(0, A, 1).edge(1, A, 1).edge(1, B, 2)
                .build();
        assertEquals(expected, verdict(g, fairness), reason);
    }

    // ---- 8 -----------------------------------------------------------------------------------

    /**
     * SCC {1, 2, 3}, op pending everywhere: inner cycle 1 -A-> 2 -A-> 1, outer cycle
     * 1 -A-> 3 -A-> 1. B is enabled at 1 and 3 (exits to the sink 9) but not at 2. The outer
     * cycle alone is weakly unfair (B enabled at both of its nodes, never steps), the inner one
     * is fair, so the SCC holds a fair cycle. The stem enters at 3 (0 -A-> 3): the lasso must
     * pass through node 2 so that B is not enabled everywhere on its cycle.
     */
    @Test
    @DisplayName("8. nested: fair inner cycle inside an SCC whose outer cycle is unfair")
    void nestedFairInnerCycle() {
        StateGraph g = GraphSpec.nodes(10).pending(0, 1, 2, 3)
                .edge(0, A, 3)
                .edge(1, A, 2).edge(1, A, 3).edge(1, B, 9)
                .edge(2, A, 1)
                .edge(3, A, 1).edge(3, B, 9)
                .build();
        Lasso weak = lasso(g, Fairness.WEAK);
        // built: 0 -> 3 | 3 -> 1 -> 2 -> 1 -> 3 (5 steps); minimised to the fair inner cycle,
        // reached by a shortest stem: 0 -> 3 -> 1 | 1 -> 2 -> 1 (4 steps)
        assertEquals(2, weak.stemLength(), weak.toString());
        assertEquals(2, weak.cycleLength(), weak.toString());
        Lasso built = LivenessChecker.check(g, Fairness.WEAK, 1).unminimised(0).get();
        assertEquals(1, built.stemLength());
        assertEquals(4, built.cycleLength());
        assertTrue(Arrays.stream(weak.cycleNodes()).anyMatch(v -> v == 2),
                "the weak cycle must visit node 2, where B is disabled: " + weak);
        // strong: B enabled at 1 and 3 never steps: delete both, {2} alone has no cycle
        assertEquals(HOLDS, verdict(g, "strong"));
        assertEquals(VIOLATED, verdict(g, "none"));
    }

    /**
     * Two SCCs in sequence. U = {1, 2} (1 -A-> 2 -A-> 1) is reached first but is unfair: B is
     * enabled at 1 and 2 and only leaves U (to 3). F = {4, 5} (4 -A-> 5 -B-> 4, both actors
     * enabled at both nodes) is fair. Paths to F: 0 -> 1 -> 3 -> 4 (3 steps) and
     * 0 -> 6 -> 7 -> 8 -> 4 (4 steps): the stem must be the 3-step one.
     */
    @Test
    @DisplayName("8. two SCCs in sequence: the unfair first one is skipped, the stem is shortest")
    void sccsInSequence() {
        StateGraph g = GraphSpec.nodes(9).pending(0, 1, 2, 4, 5)
                .edge(0, A, 6).edge(0, A, 1)
                .edge(1, A, 2).edge(1, B, 3)
                .edge(2, A, 1).edge(2, B, 3)
                .edge(3, A, 4)
                .edge(4, A, 5).edge(4, B, 5)
                .edge(5, B, 4).edge(5, A, 4)
                .edge(6, A, 7).edge(7, A, 8).edge(8, A, 4)
                .build();
        for (Fairness f : new Fairness[] {Fairness.WEAK, Fairness.STRONG}) {
            Lasso l = lasso(g, f);
            assertArrayEquals(new int[] {0, 1, 3, 4}, l.stemNodes(), f.id());
            for (int v : l.cycleNodes()) {
                assertTrue(v == 4 || v == 5, f.id() + ": cycle leaves F: " + l);
            }
        }
        // without fairness U is a violation and it is the nearest
        Lasso none = lasso(g, Fairness.NONE);
        assertArrayEquals(new int[] {0, 1}, none.stemNodes());
    }

    // ---- 9 -----------------------------------------------------------------------------------

    private static StateGraph unreachableFairCycle(int initialCount) {
        // 0 -A-> 1 (a sink); the fair cycle 2 -A-> 3 -A-> 2 has no edge from {0, 1}
        return GraphSpec.nodes(4).initial(initialCount).pending(0, 2, 3)
                .edge(0, A, 1)
                .edge(2, A, 3).edge(3, A, 2)
                .build();
    }

    @Test
    @DisplayName("9. a fair cycle not reachable from an initial node: HOLDS; made initial: VIOLATED")
    void unreachableFairCycle() {
        for (Fairness f : Fairness.values()) {
            assertTrue(checkAndValidate(unreachableFairCycle(1), f, 1).holds(),
                    f.id() + ": unreachable cycle must not count");
            // nodes 0, 1, 2 initial: the cycle is reachable (node 2 is initial) with an empty stem
            Lasso l = lasso(unreachableFairCycle(3), f);
            assertEquals(0, l.loopBackIndex());
            assertEquals(2, l.node(0));
        }
    }

    // ---- result --------------------------------------------------------------------------------

    @Nested
    @DisplayName("result across operations")
    class Result {
        /**
         * op 0 is pending on a long cycle 1 -> 2 -> 3 -> 1, op 1 only on the self-loop 4 -> 4;
         * op 2 is pending nowhere. Both stems are 1 step: op 1's lasso is shorter.
         */
        @Test
        @DisplayName("reports every operation and picks the shortest lasso")
        void shortestLassoChosen() {
            StateGraph g = GraphSpec.nodes(5).pending(0, 1, 2, 3).pending(1, 4)
                    .edge(0, A, 1).edge(0, A, 4)
                    .edge(1, A, 2).edge(2, A, 3).edge(3, A, 1)
                    .edge(4, A, 4)
                    .build();
            LivenessResult r = checkAndValidate(g, Fairness.WEAK, 3);
            assertArrayEquals(new int[] {0, 1}, r.violatedOperations());
            assertFalse(r.violated(2));
            assertEquals(1, r.counterexampleOperation().getAsInt());
            assertEquals(2, r.counterexample().orElseThrow().stepCount());
            assertEquals(4, r.lasso(0).orElseThrow().stepCount());
        }

        @Test
        @DisplayName("equal lasso lengths: the lowest operation index wins")
        void tieGoesToLowestOperation() {
            StateGraph g = GraphSpec.nodes(3).pending(1, 1).pending(2, 2)
                    .edge(0, A, 1).edge(0, A, 2)
                    .edge(1, A, 1).edge(2, A, 2)
                    .build();
            LivenessResult r = checkAndValidate(g, Fairness.WEAK, 3);
            assertEquals(0b110, r.violatedMask());
            assertEquals(1, r.counterexampleOperation().getAsInt());
        }

        @Test
        @DisplayName("no operations: trivially holds")
        void noOperations() {
            LivenessResult r = checkAndValidate(unfairCycle(), Fairness.NONE, 0);
            assertTrue(r.holds());
            assertTrue(r.counterexample().isEmpty());
        }
    }
}
