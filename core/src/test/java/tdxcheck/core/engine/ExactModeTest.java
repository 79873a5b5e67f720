package tdxcheck.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tdxcheck.core.fixtures.DiningPhilosophers;
import tdxcheck.core.fixtures.SymmetricCounters;
import tdxcheck.core.spi.Model;

/** Exact mode keeps full states: a terrible fingerprint costs collisions, never states. */
class ExactModeTest {
    private static final long TERRIBLE = 3; // four fingerprint values in all

    private static long distinctMaskedFingerprints(Model m, ReferenceExplorer.Ref ref) {
        Set<Long> values = new HashSet<>();
        for (List<Long> s : ref.distance().keySet()) {
            values.add(Fingerprint.of(ReferenceExplorer.unbox(s), m.stateWords(), Fingerprint.DEFAULT_SEED) & TERRIBLE);
        }
        return values.size();
    }

    @Test
    void exactModeCountsCollisionsAndStillGetsTheExactCount() {
        for (Fixtures.Pinned p : Fixtures.all()) {
            Model m = p.model();
            ReferenceExplorer.Ref ref = ReferenceExplorer.explore(m, m.hasSymmetry());
            for (Strategy s : Strategy.values()) {
                SearchResult r = Search.run(m, List.of(),
                        Fixtures.config(s, 2).exact(true).fingerprintMask(TERRIBLE).build());
                assertEquals(ref.distinct(), r.stats().distinctStates(), p + " " + s);
                assertEquals(ref.transitions(), r.stats().generated(), p + " " + s);
                // every new state after the first one per fingerprint value is a collision
                assertEquals(ref.distinct() - distinctMaskedFingerprints(m, ref), r.stats().collisions(), p + " " + s);
                assertEquals(1, r.stats().threads(), "exact mode is single-threaded");
            }
        }
    }

    @Test
    void exactModeWithAGoodFingerprintHasNoCollisions() {
        SearchResult r = Search.run(new SymmetricCounters(6, 4), List.of(),
                Fixtures.config(Strategy.BFS, 1).exact(true).symmetry(false).build());
        assertEquals(15625, r.stats().distinctStates());
        assertEquals(0, r.stats().collisions());
    }

    @Test
    void withoutExactModeTheTerribleFingerprintLosesStates() {
        DiningPhilosophers m = new DiningPhilosophers(4, false);
        SearchResult r = Search.run(m, Fixtures.deadlockOnly(),
                Fixtures.config(Strategy.BFS, 1).fingerprintMask(TERRIBLE).build());
        assertTrue(r.stats().distinctStates() <= 4, "at most one state per fingerprint value");
        assertEquals(0, r.stats().collisions(), "hash compaction cannot see collisions");
    }

    @Test
    void exactModeCounterexamplesAreStillShortestAndReplay() {
        DiningPhilosophers m = new DiningPhilosophers(4, false);
        SearchResult r = Search.run(m, Fixtures.deadlockOnly(),
                Fixtures.config(Strategy.BFS, 1).exact(true).fingerprintMask(TERRIBLE).build());
        PropertyOutcome o = r.outcome("no-deadlock");
        assertEquals(Verdict.VIOLATED, o.verdict());
        assertEquals(4, o.counterexample().length());
        assertArrayEquals(o.counterexample().finalState(), Replayer.replay(m, 0, o.counterexample().actions()));
    }
}
