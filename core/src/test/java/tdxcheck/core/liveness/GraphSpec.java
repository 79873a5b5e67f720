package tdxcheck.core.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Test fixture: a state graph written as an edge list, fed through {@link StateGraphBuilder}
 * (edges sorted by source, stable), with every edge given a distinct action id (its insertion
 * index) so a lasso step names exactly one edge. Also the independent oracles: a lasso
 * validator and a brute-force reference checker.
 */
final class GraphSpec {
    static final int A = 0;
    static final int B = 1;
    static final int C = 2;

    private final int nodeCount;
    private int actorCount = 3;
    private int initialCount = 1;
    private final int[] pending;
    private final List<int[]> edges = new ArrayList<>(); // src, dst, actor, action, progress

    private GraphSpec(int nodeCount) {
        this.nodeCount = nodeCount;
        this.pending = new int[nodeCount];
    }

    static GraphSpec nodes(int nodeCount) {
        return new GraphSpec(nodeCount);
    }

    GraphSpec actors(int count) {
        actorCount = count;
        return this;
    }

    /** Nodes {@code 0 .. count-1} are initial (default 1: node 0). */
    GraphSpec initial(int count) {
        initialCount = count;
        return this;
    }

    /** Operation {@code op} is pending in these nodes. */
    GraphSpec pending(int op, int... nodes) {
        for (int v : nodes) {
            pending[v] |= 1 << op;
        }
        return this;
    }

    /** A successful attempt of {@code actor} ({@link StateGraph#SUCCESS_BIT}), for fairness hw. */
    GraphSpec successEdge(int src, int actor, int dst) {
        return successEdge(src, actor, dst, 0);
    }

    /** A successful attempt of {@code actor} at attempt site {@code site}. */
    GraphSpec successEdge(int src, int actor, int dst, int site) {
        return progressEdge(src, actor, dst, (site + 1) << StateGraph.SUCCESS_SHIFT);
    }

    /** {@code src -actor-> dst}; its action id is the number of edges added before it. */
    GraphSpec edge(int src, int actor, int dst) {
        return progressEdge(src, actor, dst, 0);
    }

    GraphSpec progressEdge(int src, int actor, int dst, int progressMask) {
        edges.add(new int[] {src, dst, actor, edges.size(), progressMask});
        return this;
    }

    /** The action id of the (first) edge {@code src -actor-> dst}. */
    int action(int src, int actor, int dst) {
        for (int[] e : edges) {
            if (e[0] == src && e[1] == dst && e[2] == actor) {
                return e[3];
            }
        }
        throw new IllegalArgumentException("no edge " + src + " -" + actor + "-> " + dst);
    }

    StateGraph build() {
        StateGraphBuilder b = new StateGraphBuilder(actorCount, initialCount);
        for (int v = 0; v < nodeCount; v++) {
            b.node(v, pending[v]);
        }
        List<int[]> sorted = new ArrayList<>(edges);
        sorted.sort(Comparator.comparingInt(e -> e[0])); // stable
        for (int[] e : sorted) {
            b.edge(e[0], e[1], e[2], e[3], e[4]);
        }
        return b.build();
    }

    // ---- oracles ---------------------------------------------------------------------------

    /** Actors enabled in {@code v}, computed from the edge rows. */
    static long enabled(StateGraph g, int v) {
        long mask = g.waitingActors(v); // held back by a momentary window: still enabled
        for (int e = g.firstEdge(v); e < g.endEdge(v); e++) {
            mask |= 1L << g.edgeActor(e);
        }
        return mask;
    }

    /**
     * Checks a lasso for operation {@code op} independently of the checker: it starts in an
     * initial node, every step is a real edge (node, action, next node) with the reported actor,
     * the cycle closes, {@code op} is pending in every cycle node, no cycle edge is a progress
     * edge for {@code op}, and the cycle itself is fair under {@code fairness}.
     */
    static void assertValidLasso(StateGraph g, int op, Fairness fairness, Lasso lasso) {
        int[] nodes = lasso.nodes();
        int steps = lasso.stepCount();
        assertTrue(g.isInitial(nodes[0]), "lasso starts in a non-initial node " + nodes[0]);
        assertTrue(lasso.cycleLength() >= 1, "empty cycle");
        assertEquals(nodes[lasso.loopBackIndex()], nodes[steps], "cycle does not close");
        long enabledEverywhere = -1L;
        long enabledSomewhere = 0L;
        long stepped = 0L;
        long successSomewhere = 0L;
        long succeeded = 0L;
        for (int i = 0; i < steps; i++) {
            int e = g.findEdge(nodes[i], lasso.action(i), nodes[i + 1]);
            assertNotEquals(-1, e, "step " + i + " (" + nodes[i] + " -" + lasso.action(i) + "-> "
                    + nodes[i + 1] + ") is not an edge of the graph");
            assertEquals(g.edgeActor(e), lasso.actor(i), "actor of step " + i);
            if (i >= lasso.loopBackIndex()) {
                int v = nodes[i];
                assertTrue((g.pendingMask(v) & (1 << op)) != 0,
                        "op " + op + " not pending in cycle node " + v);
                assertEquals(0, g.edgeProgress(e) & (1 << op),
                        "cycle step " + i + " is a progress edge for op " + op);
                enabledEverywhere &= enabled(g, v);
                enabledSomewhere |= enabled(g, v);
                stepped |= 1L << g.edgeActor(e);
                successSomewhere |= g.succeedingEvents(v);
                if (g.edgeEvent(e) >= 0) {
                    succeeded |= 1L << g.edgeEvent(e);
                }
            }
        }
        long required = switch (fairness) {
            case WEAK, HW -> enabledEverywhere;
            case STRONG -> enabledSomewhere;
            case NONE -> 0L;
        };
        if (fairness == Fairness.HW) {
            assertEquals(0L, successSomewhere & ~succeeded, "cycle is not hw-fair: actors "
                    + Long.toBinaryString(successSomewhere & ~succeeded) + " could succeed but never do in " + lasso);
        }
        assertEquals(0L, required & ~stepped, "cycle is not fair under " + fairness.id() + " fairness: actors "
                + Long.toBinaryString(required & ~stepped) + " never step in " + lasso);
    }

    /** Runs the checker and validates every lasso it reports. */
    static LivenessResult checkAndValidate(StateGraph g, Fairness fairness, int operationCount) {
        LivenessResult result = LivenessChecker.check(g, fairness, operationCount);
        for (int op = 0; op < operationCount; op++) {
            final int o = op;
            result.lasso(op).ifPresent(l -> assertValidLasso(g, o, fairness, l));
        }
        return result;
    }

    /**
     * Brute-force reference (small graphs, at most ~16 nodes): a fair cycle for {@code op}
     * exists iff some node set S, reachable from an initial node, with {@code op} pending in all
     * of S, is strongly connected by the restricted edges inside S (at least one edge), and the
     * actors of those edges cover the actors fairness requires for S (weak: enabled at every
     * node of S; strong: enabled at some node of S). Sound and complete: a fair cycle gives S =
     * its nodes (adding the other restricted edges of S keeps it fair), and a closed walk over
     * all restricted edges of such an S is a fair cycle.
     */
    static boolean referenceViolated(StateGraph g, Fairness fairness, int op) {
        int n = g.nodeCount();
        if (n > 20) {
            throw new IllegalArgumentException("reference is exponential");
        }
        boolean[] reachable = new boolean[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int v = 0; v < g.initialCount(); v++) {
            reachable[v] = true;
            queue.add(v);
        }
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int e = g.firstEdge(u); e < g.endEdge(u); e++) {
                int w = g.edgeDst(e);
                if (!reachable[w]) {
                    reachable[w] = true;
                    queue.add(w);
                }
            }
        }
        int bit = 1 << op;
        int candidates = 0;
        for (int v = 0; v < n; v++) {
            if (reachable[v] && (g.pendingMask(v) & bit) != 0) {
                candidates |= 1 << v;
            }
        }
        for (int s = candidates; s != 0; s = (s - 1) & candidates) {
            if (fairSubset(g, fairness, bit, s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean fairSubset(StateGraph g, Fairness fairness, int bit, int set) {
        int n = g.nodeCount();
        long enabledEverywhere = -1L;
        long enabledSomewhere = 0L;
        long steps = 0L;
        long successSomewhere = 0L;
        long successSteps = 0L;
        int edgeCount = 0;
        int[] succ = new int[n]; // restricted adjacency as bitmasks
        int[] pred = new int[n];
        for (int v = 0; v < n; v++) {
            if ((set & (1 << v)) == 0) {
                continue;
            }
            enabledEverywhere &= enabled(g, v);
            enabledSomewhere |= enabled(g, v);
            successSomewhere |= g.succeedingEvents(v);
            for (int e = g.firstEdge(v); e < g.endEdge(v); e++) {
                int w = g.edgeDst(e);
                if ((set & (1 << w)) != 0 && (g.edgeProgress(e) & bit) == 0) {
                    steps |= 1L << g.edgeActor(e);
                    if (g.edgeEvent(e) >= 0) {
                        successSteps |= 1L << g.edgeEvent(e);
                    }
                    succ[v] |= 1 << w;
                    pred[w] |= 1 << v;
                    edgeCount++;
                }
            }
        }
        if (edgeCount == 0) {
            return false;
        }
        int first = Integer.numberOfTrailingZeros(set);
        if (closure(succ, first) != set || closure(pred, first) != set) {
            return false;
        }
        long required = switch (fairness) {
            case WEAK, HW -> enabledEverywhere;
            case STRONG -> enabledSomewhere;
            case NONE -> 0L;
        };
        if (fairness == Fairness.HW && (successSomewhere & ~successSteps) != 0) {
            return false;
        }
        return (required & ~steps) == 0;
    }

    private static int closure(int[] adj, int from) {
        int seen = 1 << from;
        int frontier = seen;
        while (frontier != 0) {
            int next = 0;
            for (int f = frontier; f != 0; f &= f - 1) {
                next |= adj[Integer.numberOfTrailingZeros(f)];
            }
            frontier = next & ~seen;
            seen |= next;
        }
        return seen;
    }
}
