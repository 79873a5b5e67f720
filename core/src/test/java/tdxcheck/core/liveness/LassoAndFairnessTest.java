package tdxcheck.core.liveness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LassoAndFairnessTest {

    @Test
    @DisplayName("fairness ids for the CLI --fairness flag")
    void fairnessIds() {
        assertEquals("weak", Fairness.WEAK.id());
        assertEquals("strong", Fairness.STRONG.id());
        assertEquals("none", Fairness.NONE.id());
        for (Fairness f : Fairness.values()) {
            assertEquals(f, Fairness.fromId(f.id()));
        }
        assertEquals(Fairness.STRONG, Fairness.fromId(" Strong "));
        assertEquals(Fairness.HW, Fairness.defaultFairness());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fairness.fromId("fair"));
        assertEquals("unknown fairness 'fair' (expected one of: hw, weak, strong, none)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fairness.fromId(null));
    }

    @Test
    @DisplayName("lasso accessors: stem, cycle, actions, defensive copies")
    void lassoAccessors() {
        int[] nodes = {0, 5, 1, 2, 1};
        Lasso l = new Lasso(nodes, new int[] {10, 11, 12, 13}, new int[] {0, 1, 0, 1}, 2);
        nodes[0] = 99;
        assertEquals(0, l.node(0), "copied in");
        l.nodes()[1] = 99;
        assertEquals(5, l.node(1), "copied out");
        assertEquals(List.of(10, 11, 12, 13), l.actions());
        assertEquals(4, l.stepCount());
        assertEquals(2, l.stemLength());
        assertEquals(2, l.cycleLength());
        assertEquals(1, l.cycleStart());
        assertEquals(12, l.action(2));
        assertEquals(1, l.actor(3));
        assertArrayEquals(new int[] {0, 5, 1}, l.stemNodes());
        assertArrayEquals(new int[] {1, 2}, l.cycleNodes());
        Lasso same = new Lasso(new int[] {0, 5, 1, 2, 1}, new int[] {10, 11, 12, 13},
                new int[] {0, 1, 0, 1}, 2);
        assertEquals(same, l);
        assertEquals(same.hashCode(), l.hashCode());
        assertNotEquals(new Lasso(new int[] {1, 1}, new int[] {12}, new int[] {0}, 0), l);
        assertTrue(l.toString().contains("back to step 2"), l.toString());
    }

    @Test
    @DisplayName("a lasso must close and keep a nonempty cycle")
    void lassoValidation() {
        assertThrows(IllegalArgumentException.class,
                () -> new Lasso(new int[] {0, 1, 2}, new int[] {1, 2}, new int[] {0, 0}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Lasso(new int[] {0, 0}, new int[] {1}, new int[] {0}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new Lasso(new int[] {0, 0}, new int[] {1, 2}, new int[] {0}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Lasso(new int[] {0}, new int[] {}, new int[] {}, 0));
    }

    @Test
    @DisplayName("operation count bounds")
    void operationCountBounds() {
        StateGraph g = GraphSpec.nodes(1).build();
        assertThrows(IllegalArgumentException.class,
                () -> LivenessChecker.check(g, Fairness.WEAK, 33));
        assertThrows(IllegalArgumentException.class,
                () -> LivenessChecker.check(g, Fairness.WEAK, -1));
        assertEquals(32, LivenessChecker.check(g, Fairness.WEAK, 32).operationCount());
    }

    @Test
    @DisplayName("operation 31 (the sign bit) works")
    void highestOperation() {
        StateGraph g = GraphSpec.nodes(2).pending(31, 1).edge(0, 0, 1).edge(1, 0, 1).build();
        LivenessResult r = GraphSpec.checkAndValidate(g, Fairness.WEAK, 32);
        assertEquals(1 << 31, r.violatedMask());
    }

    @Test
    @DisplayName("one checker instance can be reused across fairness modes")
    void reuse() {
        StateGraph g = GraphSpec.nodes(4).pending(0, 1, 2)
                .edge(0, 0, 1).edge(1, 0, 2).edge(1, 1, 3).edge(2, 0, 1).build();
        LivenessChecker c = new LivenessChecker(g);
        for (int i = 0; i < 3; i++) {
            assertTrue(c.check(Fairness.WEAK, 1).violated(0));
            assertTrue(c.check(Fairness.STRONG, 1).holds());
            assertTrue(c.check(Fairness.NONE, 1).violated(0));
        }
    }
}
