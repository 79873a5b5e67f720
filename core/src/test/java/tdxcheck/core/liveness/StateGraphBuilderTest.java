package tdxcheck.core.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** 11. The builder's contract (GraphSink call order) and the graph's storage. */
class StateGraphBuilderTest {

    /** 3 nodes, 4 edges; node 1 has no edges (a gap in the source order). */
    private static StateGraphBuilder smallGraph(int progressOnLastEdge) {
        StateGraphBuilder b = new StateGraphBuilder(2, 1);
        b.node(0, 0b1);
        b.node(1, 0);
        b.node(2, 0b10);
        b.edge(0, 1, 0, 7, 0);
        b.edge(0, 2, 1, 8, 0);
        b.edge(2, 0, 1, 9, 0);
        b.edge(2, 2, 0, 10, progressOnLastEdge);
        return b;
    }

    @Test
    @DisplayName("CSR rows, attributes and gaps are stored as reported")
    void storesGraph() {
        StateGraph g = smallGraph(0b100).build();
        assertEquals(3, g.nodeCount());
        assertEquals(4, g.edgeCount());
        assertEquals(1, g.initialCount());
        assertEquals(2, g.actorCount());
        assertEquals(0, g.firstEdge(0));
        assertEquals(2, g.endEdge(0));
        assertEquals(0, g.outDegree(1));
        assertEquals(2, g.firstEdge(2));
        assertEquals(4, g.endEdge(2));
        assertEquals(0b10, g.pendingMask(2));
        assertEquals(2, g.edgeDst(1));
        assertEquals(8, g.edgeAction(1));
        assertEquals(1, g.edgeActor(1));
        assertEquals(0b100, g.edgeProgress(3));
        assertEquals(0, g.edgeProgress(0));
        assertTrue(g.hasProgressEdges());
        assertEquals(0, g.edgeSource(1));
        assertEquals(2, g.edgeSource(2));
        assertEquals(2, g.edgeSource(3));
        assertEquals(3, g.findEdge(2, 10, 2));
        assertEquals(-1, g.findEdge(2, 10, 0));
        assertEquals(0b11, g.enabledActors(0));
        assertEquals(0, g.enabledActors(1));
        assertTrue(g.isInitial(0));
        assertFalse(g.isInitial(1));
    }

    @Test
    @DisplayName("memoryBytes is exact: row starts (an int per 16 nodes, a byte per node) + edge codes and destinations (EdgeTargets) + a code byte per node + 13 per edge label + 12 per node label")
    void memoryBytesExact() {
        // row starts 4 + 4*1; edges: 4 code bytes, each destination 0..2 back from node 2 in one
        // byte (all nodes exist before the first edge: no tree edges), a block directory of 2
        // chars and 2 ints; node codes 3; labels: 4 edge labels (4 actions), 3 node labels
        StateGraph plain = smallGraph(0).build();
        assertFalse(plain.hasProgressEdges());
        assertEquals(8 + (4 + 4 + 4 + 8) + 3 + 13 * 4 + 12 * 3, plain.memoryBytes());
        // a nonzero progress mask makes one more distinct edge label only where it differs
        assertTrue(smallGraph(1).build().hasProgressEdges());
    }

    @Test
    @DisplayName("arrays grow past the initial capacity and are trimmed")
    void grows() {
        int n = 10_000;
        StateGraphBuilder b = new StateGraphBuilder(1, 1, 0, 0);
        for (int v = 0; v < n; v++) {
            b.node(v, v & 1);
        }
        for (int v = 0; v < n; v += 2) { // odd nodes have no edges
            b.edge(v, (v + 1) % n, 0, v, v == 4 ? 1 : 0);
            b.edge(v, (v + 2) % n, 0, v + 1, 0);
        }
        StateGraph g = b.build();
        assertEquals(n, g.nodeCount());
        assertEquals(n, g.edgeCount());
        // every edge has its own action: 10,000 edge labels, so the codes are chars; 2 node labels.
        // Every node exists before the first edge (tree base n): no tree edges; an edge's distance
        // back from node n - 1 fits a byte for the 256 edges into the last 256 nodes, two bytes
        // for the other 9,744; a directory of two chars per 32 edges and two ints per 1024
        long rows = 4L * ((n + 16) / 16) + (n + 1);
        long edges = 2L * n + 256 + 2L * 9_744 + 4L * ((n + 31) / 32) + 8L * ((n + 1023) / 1024);
        assertEquals(rows + edges + n + 13L * n + 12L * 2, g.memoryBytes());
        for (int v = 0; v < n; v++) {
            assertEquals(v % 2 == 0 ? 2 : 0, g.outDegree(v), "node " + v);
            assertEquals(v & 1, g.pendingMask(v));
        }
        assertEquals(1, g.edgeProgress(g.firstEdge(4)));
        assertEquals(n - 2, g.edgeSource(n - 1));
    }

    @Test
    @DisplayName("an edge whose source is below an already reported source throws")
    void outOfOrderSourceThrows() {
        StateGraphBuilder b = smallGraph(0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> b.edge(1, 0, 0, 0, 0));
        assertTrue(e.getMessage().contains("non-decreasing source"), e.getMessage());
    }

    @Test
    @DisplayName("nodes must arrive in id order")
    void outOfOrderNodeThrows() {
        StateGraphBuilder b = new StateGraphBuilder(1, 1);
        b.node(0, 0);
        assertThrows(IllegalStateException.class, () -> b.node(2, 0));
        assertThrows(IllegalStateException.class, () -> b.node(0, 0));
    }

    @Test
    @DisplayName("an edge may precede its destination's node() call, but not build()")
    void danglingNodesRejectedAtBuild() {
        StateGraphBuilder ok = new StateGraphBuilder(1, 1);
        ok.node(0, 0);
        ok.edge(0, 1, 0, 0, 0); // 1 is discovered now and reported next
        ok.node(1, 0);
        assertEquals(2, ok.build().nodeCount());

        StateGraphBuilder dangling = new StateGraphBuilder(1, 1);
        dangling.node(0, 0);
        dangling.edge(0, 5, 0, 0, 0);
        assertThrows(IllegalStateException.class, dangling::build);

        StateGraphBuilder unknownSource = new StateGraphBuilder(1, 1);
        unknownSource.node(0, 0);
        unknownSource.edge(3, 0, 0, 0, 0);
        assertThrows(IllegalStateException.class, unknownSource::build);
    }

    @Test
    @DisplayName("too few nodes for initialCount, reuse after build, bad arguments")
    void otherContractViolations() {
        StateGraphBuilder few = new StateGraphBuilder(1, 2);
        few.node(0, 0);
        assertThrows(IllegalStateException.class, few::build);

        StateGraphBuilder b = smallGraph(0);
        b.build();
        assertThrows(IllegalStateException.class, b::build);
        assertThrows(IllegalStateException.class, () -> b.node(3, 0));

        StateGraphBuilder c = new StateGraphBuilder(2, 1);
        c.node(0, 0);
        assertThrows(IllegalArgumentException.class, () -> c.edge(0, 0, 2, 0, 0)); // actor
        assertThrows(IllegalArgumentException.class, () -> c.edge(0, 0, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> c.edge(0, 0, 0, -1, 0)); // action
        assertThrows(IllegalArgumentException.class, () -> c.edge(-1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new StateGraphBuilder(0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new StateGraphBuilder(StateGraph.MAX_ACTORS + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new StateGraphBuilder(1, -1));
    }

    @Test
    @DisplayName("64 actors fit (actor 63 round-trips through the byte column)")
    void maxActors() {
        StateGraphBuilder b = new StateGraphBuilder(StateGraph.MAX_ACTORS, 1);
        b.node(0, 1);
        b.edge(0, 0, 63, 0, 0);
        StateGraph g = b.build();
        assertEquals(63, g.edgeActor(0));
        assertEquals(1L << 63, g.enabledActors(0));
        assertTrue(LivenessChecker.check(g, Fairness.WEAK, 1).violated(0));
    }

    @Test
    @DisplayName("an empty graph builds and holds")
    void emptyGraph() {
        StateGraph g = new StateGraphBuilder(1, 0).build();
        assertEquals(0, g.nodeCount());
        assertEquals(5, g.memoryBytes()); // the row start of node 0 (an int and a byte); the code arrays are trimmed to 0
        assertTrue(LivenessChecker.check(g, Fairness.WEAK, 1).holds());
    }
}
