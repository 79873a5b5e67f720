package tdxcheck.core.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 10. Large generated graphs: a recursive Tarjan would overflow the stack on these (DFS depth of
 * about a million); exact SCC counts are known by construction. Not timed (speed is measured by
 * the bench command), but each runs in well under a second.
 */
class LargeGraphTest {
    private static final int N = 1_000_000;

    /** Ring 0 -> 1 -> ... -> N-1 -> 0 plus chords i -> i+2 (mod N), op 0 pending everywhere. */
    private static StateGraph ringWithChords() {
        StateGraphBuilder b = new StateGraphBuilder(2, 1, N, 2 * N);
        for (int v = 0; v < N; v++) {
            b.node(v, 1);
        }
        for (int v = 0; v < N; v++) {
            b.edge(v, (v + 1) % N, 0, 2 * v, 0);
            b.edge(v, (v + 2) % N, 1, 2 * v + 1, 0);
        }
        return b.build();
    }

    /** Chain 0 -> 1 -> ... -> N-1 (no cycle): N trivial SCCs, DFS depth N. */
    private static StateGraph chain() {
        StateGraphBuilder b = new StateGraphBuilder(1, 1, N, N);
        for (int v = 0; v < N; v++) {
            b.node(v, 1);
        }
        for (int v = 0; v + 1 < N; v++) {
            b.edge(v, v + 1, 0, v, 0);
        }
        return b.build();
    }

    /**
     * Blocks of 10 nodes, each a ring, and block k's last node also -> block k+1's first node:
     * N/10 nontrivial SCCs, DFS depth about N. Op 0 is pending everywhere except, when
     * {@code pendingMaskOfLastNode} is 0, at the last node of every block, which then cuts every
     * ring: no cycle keeps op pending.
     */
    private static StateGraph chainedRings(int pendingMaskOfLastNode) {
        StateGraphBuilder b = new StateGraphBuilder(1, 1, N, N + N / 10);
        for (int v = 0; v < N; v++) {
            b.node(v, v % 10 == 9 ? pendingMaskOfLastNode : 1);
        }
        int action = 0;
        for (int v = 0; v < N; v++) {
            int blockStart = v - v % 10;
            b.edge(v, v % 10 == 9 ? blockStart : v + 1, 0, action++, 0);
            if (v % 10 == 9 && v + 1 < N) {
                b.edge(v, v + 1, 0, action++, 0);
            }
        }
        return b.build();
    }

    @Test
    @DisplayName("ring of 1,000,000 nodes with chords: 1 SCC, fair cycle found and valid")
    void ring() {
        StateGraph g = ringWithChords();
        Tarjan t = new Tarjan(g);
        assertEquals(1, t.run(Tarjan.EdgeFilter.ALL));
        assertEquals(N, t.componentSize(0));
        // only chords (actor 1): gcd(2, N) = 2 cycles of N/2 nodes
        assertEquals(2, t.run(e -> g.edgeActor(e) == 1));
        for (Fairness f : Fairness.values()) {
            LivenessResult r = GraphSpec.checkAndValidate(g, f, 1);
            assertTrue(r.violated(0), f.id());
            assertEquals(0, r.lasso(0).orElseThrow().loopBackIndex(), "node 0 is on the cycle");
        }
    }

    @Test
    @DisplayName("chain of 1,000,000 nodes: 1,000,000 trivial SCCs, no violation")
    void chainIsIterative() {
        StateGraph g = chain();
        Tarjan t = new Tarjan(g);
        assertEquals(N, t.run(Tarjan.EdgeFilter.ALL));
        assertEquals(N - 1, t.componentOf(0), "the source completes last");
        for (Fairness f : Fairness.values()) {
            assertFalse(LivenessChecker.check(g, f, 1).violated(0), f.id());
        }
    }

    @Test
    @DisplayName("100,000 chained 10-rings: exact SCC counts, verdict by the pending pattern")
    void chainedRingsCounts() {
        StateGraph completes = chainedRings(0);
        Tarjan t = new Tarjan(completes);
        assertEquals(N / 10, t.run(Tarjan.EdgeFilter.ALL));
        // restricted to pending nodes, each ring is cut open: N * 9/10 trivial SCCs
        int[] region = new int[N];
        for (int v = 0; v < N; v++) {
            region[v] = completes.pendingMask(v) != 0 ? 0 : -1;
        }
        assertEquals(N / 10 * 9, t.run(region, 0, Tarjan.EdgeFilter.ALL));
        assertTrue(LivenessChecker.check(completes, Fairness.WEAK, 1).holds());

        // op pending everywhere: every ring is a fair cycle; the nearest is the first ring
        StateGraph stuck = chainedRings(1);
        LivenessResult r = GraphSpec.checkAndValidate(stuck, Fairness.WEAK, 1);
        Lasso l = r.lasso(0).orElseThrow();
        assertEquals(0, l.loopBackIndex());
        assertEquals(10, l.cycleLength());
    }
}
