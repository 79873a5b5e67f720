package tdxcheck.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tdxcheck.core.fixtures.SymmetricCounters;
import tdxcheck.core.property.StateInvariant;

/** Symmetry reduction: orbit counts, and counterexamples that stay concrete. */
class SymmetryTest {

    @Test
    void withSymmetryTheCountIsTheNumberOfOrbitsWithoutItTheFullCount() {
        SymmetricCounters m = new SymmetricCounters(4, 3);
        ReferenceExplorer.Ref full = ReferenceExplorer.explore(m, false);
        ReferenceExplorer.Ref orbits = ReferenceExplorer.explore(m, true);
        assertEquals(256, full.distinct());
        assertEquals(35, orbits.distinct()); // C(3 + 4, 4)
        for (Strategy s : Strategy.values()) {
            SearchResult on = Search.run(m, List.of(), Fixtures.config(s, 1).build());
            SearchResult off = Search.run(m, List.of(), Fixtures.config(s, 1).symmetry(false).build());
            assertEquals(orbits.distinct(), on.stats().distinctStates());
            assertEquals(orbits.transitions(), on.stats().generated());
            assertTrue(on.stats().symmetry());
            assertEquals(full.distinct(), off.stats().distinctStates());
            assertEquals(full.transitions(), off.stats().generated());
            assertFalse(off.stats().symmetry());
        }
    }

    @Test
    void tracesUnderSymmetryReplayConcretely() {
        SymmetricCounters m = new SymmetricCounters(3, 2);
        StateInvariant total = m.totalBelow(2);
        SearchResult r = Search.run(m, List.of(total), Fixtures.config(Strategy.BFS, 1).build());
        Trace t = r.outcome(total.id()).counterexample();
        // The canonical path is [0,0,0] -a0-> [0,0,1] -a0-> [0,1,1]. Concretely the first step makes
        // [1,0,0]; action 0 again would give [2,0,0], which is not in the orbit of [0,1,1], so the
        // concrete trace must switch to process 1.
        assertArrayEquals(new int[] {0, 1}, t.actions());
        assertArrayEquals(new long[] {1, 1, 0}, t.finalState());
        assertArrayEquals(t.finalState(), Replayer.replay(m, 0, t.actions()));
        assertFalse(total.holds(t.finalState()));
    }

    @Test
    void everyViolationUnderSymmetryReplaysAndIsShortest() {
        SymmetricCounters m = new SymmetricCounters(4, 3);
        for (int bound = 1; bound <= 12; bound++) {
            StateInvariant inv = m.totalBelow(bound);
            for (Strategy s : Strategy.values()) {
                for (int threads : new int[] {1, 2}) {
                    SearchResult r = Search.run(m, List.of(inv), Fixtures.config(s, threads).build());
                    assertEquals(Verdict.VIOLATED, r.outcomes().get(0).verdict());
                    Trace t = r.outcomes().get(0).counterexample();
                    assertArrayEquals(t.finalState(), Replayer.replay(m, 0, t.actions()));
                    assertFalse(inv.holds(t.finalState()));
                    if (s == Strategy.BFS) {
                        assertEquals(bound, t.length(), "sum " + bound + " needs " + bound + " increments");
                    }
                }
            }
        }
    }
}
