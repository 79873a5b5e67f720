package tdxcheck.core.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tdxcheck.core.liveness.GraphSpec.A;
import static tdxcheck.core.liveness.GraphSpec.B;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TarjanTest {

    /** {0,1,2} -> {3,4} -> {5}, 6 isolated with a self-loop by B. */
    private static StateGraph sample() {
        return GraphSpec.nodes(7)
                .edge(0, A, 1).edge(1, A, 2).edge(2, A, 0).edge(2, A, 3)
                .edge(3, A, 4).edge(4, B, 3).edge(4, A, 5)
                .edge(6, B, 6)
                .build();
    }

    private static TreeSet<Integer> set(int... values) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int v : values) {
            s.add(v);
        }
        return s;
    }

    private static TreeSet<Integer> nodesOf(Tarjan t, int c) {
        return set(t.componentNodes(c));
    }

    @Test
    @DisplayName("components, reverse topological order, nontriviality")
    void components() {
        StateGraph g = sample();
        Tarjan t = new Tarjan(g);
        assertEquals(4, t.run(Tarjan.EdgeFilter.ALL));
        assertEquals(7, t.visitedCount());
        int c012 = t.componentOf(0);
        int c34 = t.componentOf(3);
        int c5 = t.componentOf(5);
        int c6 = t.componentOf(6);
        assertEquals(set(0, 1, 2), nodesOf(t, c012));
        assertEquals(set(3, 4), nodesOf(t, c34));
        assertEquals(set(5), nodesOf(t, c5));
        assertEquals(set(6), nodesOf(t, c6));
        // a component completes before every component that reaches it
        assertTrue(c5 < c34 && c34 < c012);
        assertTrue(t.isNontrivial(c012));
        assertTrue(t.isNontrivial(c34));
        assertFalse(t.isNontrivial(c5));
        assertTrue(t.isNontrivial(c6), "self-loop");
    }

    @Test
    @DisplayName("an edge filter cuts cycles (and self-loops)")
    void edgeFilter() {
        StateGraph g = sample();
        Tarjan t = new Tarjan(g);
        // drop every B edge: 4 -B-> 3 and 6 -B-> 6
        assertEquals(5, t.run(e -> g.edgeActor(e) != B));
        assertFalse(t.isNontrivial(t.componentOf(6)));
        assertNotEquals(t.componentOf(3), t.componentOf(4));
    }

    @Test
    @DisplayName("region runs visit only their region; reruns reset what the last run visited")
    void regionsAndReuse() {
        StateGraph g = sample();
        Tarjan t = new Tarjan(g);
        int[] region = {0, 0, 1, 0, 0, 0, 2};
        // region 0: {0, 1} (no cycle without 2) and {3, 4, 5}
        assertEquals(4, t.run(region, 0, Tarjan.EdgeFilter.ALL));
        assertEquals(-1, t.componentOf(2));
        assertEquals(-1, t.componentOf(6));
        assertNotEquals(t.componentOf(0), t.componentOf(1));
        assertEquals(t.componentOf(3), t.componentOf(4));
        // roots restricted to {3}: only what 3 reaches inside region 0
        int[] roots = {99, 3, 99};
        assertEquals(2, t.run(region, 0, roots, 1, 2, Tarjan.EdgeFilter.ALL));
        assertEquals(3, t.visitedCount());
        assertEquals(-1, t.componentOf(0), "reset after the previous run");
        assertEquals(set(3, 4), nodesOf(t, t.componentOf(3)));
        // region 2: node 6 alone, with its self-loop
        assertEquals(1, t.run(region, 2, Tarjan.EdgeFilter.ALL));
        assertTrue(t.isNontrivial(0));
        assertEquals(-1, t.componentOf(3));
    }

    /** Reference SCCs by mutual reachability (transitive closure), for random graphs. */
    @Test
    @DisplayName("random graphs: same partition as mutual reachability")
    void randomAgainstClosure() {
        Random rnd = new Random(42);
        for (int round = 0; round < 300; round++) {
            int n = 1 + rnd.nextInt(30);
            int m = rnd.nextInt(3 * n + 1);
            int[][] edges = new int[m][];
            for (int i = 0; i < m; i++) {
                edges[i] = new int[] {rnd.nextInt(n), rnd.nextInt(n)};
            }
            Arrays.sort(edges, (x, y) -> Integer.compare(x[0], y[0]));
            StateGraphBuilder b = new StateGraphBuilder(1, 1);
            for (int v = 0; v < n; v++) {
                b.node(v, 0);
            }
            boolean[][] reach = new boolean[n][n];
            for (int i = 0; i < m; i++) {
                b.edge(edges[i][0], edges[i][1], 0, i, 0);
                reach[edges[i][0]][edges[i][1]] = true;
            }
            for (int v = 0; v < n; v++) {
                reach[v][v] = true;
            }
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        reach[i][j] |= reach[i][k] && reach[k][j];
                    }
                }
            }
            Tarjan t = new Tarjan(b.build());
            int count = t.run(Tarjan.EdgeFilter.ALL);
            int expectedCount = 0;
            for (int i = 0; i < n; i++) {
                boolean representative = true;
                for (int j = 0; j < i; j++) {
                    if (reach[i][j] && reach[j][i]) {
                        representative = false;
                    }
                }
                if (representative) {
                    expectedCount++;
                }
                for (int j = 0; j < n; j++) {
                    boolean same = reach[i][j] && reach[j][i];
                    assertEquals(same, t.componentOf(i) == t.componentOf(j),
                            "round " + round + ": nodes " + i + ", " + j);
                    if (reach[i][j] && !same) {
                        assertTrue(t.componentOf(i) > t.componentOf(j), "reverse topological");
                    }
                }
            }
            assertEquals(expectedCount, count, "round " + round);
        }
    }
}
