package tdxcheck.core.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded random small graphs: the checker's verdict for every operation agrees with the
 * brute-force reference ({@link GraphSpec#referenceViolated}, an enumeration of node sets), and
 * every lasso it reports is valid and fair on its own ({@link GraphSpec#assertValidLasso}).
 */
@org.junit.jupiter.api.Timeout(120)
class LivenessReferenceTest {
    private static final int ROUNDS = 4000;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fairness.class)
    void agreesWithBruteForce(Fairness fairness) {
        Random rnd = new Random(0x7dc0_5eedL + fairness.ordinal());
        int violations = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int n = 1 + rnd.nextInt(9);
            int actors = 1 + rnd.nextInt(3);
            int initial = 1 + rnd.nextInt(Math.min(2, n));
            int m = rnd.nextInt(3 * n + 1);
            List<int[]> edges = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                int progress = rnd.nextInt(6) == 0 ? 1 + rnd.nextInt(3) : 0;
                if (rnd.nextInt(3) == 0) { // a successful attempt at site 0 or 1 (fairness hw)
                    progress |= (1 + rnd.nextInt(2)) << StateGraph.SUCCESS_SHIFT;
                }
                edges.add(new int[] {rnd.nextInt(n), rnd.nextInt(n), rnd.nextInt(actors), progress});
            }
            edges.sort((x, y) -> Integer.compare(x[0], y[0]));
            StateGraphBuilder b = new StateGraphBuilder(actors, initial);
            for (int v = 0; v < n; v++) {
                long waiting = rnd.nextInt(8) == 0 ? rnd.nextInt(1 << actors) : 0; // held back by a window
                b.node(v, rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(4), waiting); // ops 0 and 1
            }
            for (int i = 0; i < edges.size(); i++) {
                int[] e = edges.get(i);
                b.edge(e[0], e[1], e[2], i, e[3]); // action = index: unique per edge
            }
            StateGraph g = b.build();
            LivenessResult r = GraphSpec.checkAndValidate(g, fairness, 2);
            for (int op = 0; op < 2; op++) {
                boolean expected = GraphSpec.referenceViolated(g, fairness, op);
                assertEquals(expected, r.violated(op),
                        "round " + round + " op " + op + " " + fairness.id() + ": " + dump(g));
                if (expected) {
                    violations++;
                }
            }
        }
        // the generator must exercise both verdicts
        assertTrue(violations > ROUNDS / 10 && violations < 2 * ROUNDS - ROUNDS / 10,
                "violations " + violations);
    }

    private static String dump(StateGraph g) {
        StringBuilder sb = new StringBuilder(g.toString());
        for (int v = 0; v < g.nodeCount(); v++) {
            sb.append("\n  ").append(v).append(" pending=").append(g.pendingMask(v)).append(':');
            for (int e = g.firstEdge(v); e < g.endEdge(v); e++) {
                sb.append(" -a").append(g.edgeActor(e)).append("/p").append(g.edgeProgress(e))
                        .append("-> ").append(g.edgeDst(e));
            }
        }
        return sb.toString();
    }
}
