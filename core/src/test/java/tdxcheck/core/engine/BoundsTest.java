package tdxcheck.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tdxcheck.core.fixtures.Counter;
import tdxcheck.core.fixtures.DiningPhilosophers;
import tdxcheck.core.fixtures.Peterson;
import tdxcheck.core.fixtures.SymmetricCounters;
import tdxcheck.core.property.DeadlockFreedom;
import tdxcheck.core.property.Property;

/** Every bound gives INCONCLUSIVE naming the bound, never HOLDS; a bound that is not reached changes nothing. */
class BoundsTest {

    private static void assertInconclusive(SearchResult r, String reason) {
        for (PropertyOutcome o : r.outcomes()) {
            assertNotEquals(Verdict.HOLDS, o.verdict(), o.property().id() + " must not hold under a bound");
            if (o.verdict() == Verdict.INCONCLUSIVE) {
                assertEquals(reason, o.reason());
            }
        }
        assertEquals(reason, r.boundReason());
        assertFalse(r.exhausted());
    }

    @ParameterizedTest(name = "{0} threads={1}")
    @CsvSource({"BFS,1", "BFS,2", "DFS,1"})
    void maxStates(Strategy s, int threads) {
        List<Property> props = List.of(DeadlockFreedom.standard());
        SearchResult r = Search.run(new DiningPhilosophers(4, true), props,
                Fixtures.config(s, threads).maxStates(10).build());
        assertEquals(10, r.stats().distinctStates());
        assertInconclusive(r, "bound hit: max-states 10 (10 states explored)");
        assertEquals(Verdict.INCONCLUSIVE, r.outcomes().get(0).verdict());

        SearchResult justBelow = Search.run(new DiningPhilosophers(4, true), props,
                Fixtures.config(s, threads).maxStates(149).build());
        assertInconclusive(justBelow, "bound hit: max-states 149 (149 states explored)");

        SearchResult exactlyEnough = Search.run(new DiningPhilosophers(4, true), props,
                Fixtures.config(s, threads).maxStates(150).build());
        assertEquals(Verdict.HOLDS, exactlyEnough.outcomes().get(0).verdict());
        assertEquals(150, exactlyEnough.stats().distinctStates());
        assertTrue(exactlyEnough.exhausted());
    }

    @ParameterizedTest(name = "{0} threads={1}")
    @CsvSource({"BFS,1", "BFS,2", "DFS,1"})
    void maxDepth(Strategy s, int threads) {
        Counter ten = new Counter(10);
        SearchResult r = Search.run(ten, List.of(ten.inRange(), DeadlockFreedom.standard()),
                Fixtures.config(s, threads).maxDepth(3).build());
        assertEquals(4, r.stats().distinctStates());
        assertEquals(3, r.stats().maxDepth());
        assertInconclusive(r, "bound hit: max-depth 3 (4 states explored)");

        // depth 3 is the last state of Counter(3): it has no successor, so nothing is cut
        Counter three = new Counter(3);
        SearchResult full = Search.run(three, List.of(three.inRange(), DeadlockFreedom.standard()),
                Fixtures.config(s, threads).maxDepth(3).build());
        assertEquals(Verdict.HOLDS, full.outcomes().get(0).verdict());
        assertEquals(Verdict.HOLDS, full.outcomes().get(1).verdict());
        assertTrue(full.exhausted());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"BFS", "DFS"})
    void depthBoundSeesViolationsUpToTheBound(Strategy s) {
        // the shortest mutual-exclusion violation of broken Peterson is 6 steps deep
        Peterson broken = new Peterson(true);
        SearchResult five = Search.run(broken, List.of(Peterson.mutualExclusion()),
                Fixtures.config(s, 1).maxDepth(5).build());
        assertEquals(Verdict.INCONCLUSIVE, five.outcomes().get(0).verdict());
        assertTrue(five.outcomes().get(0).reason().startsWith("bound hit: max-depth 5 ("));
        SearchResult six = Search.run(broken, List.of(Peterson.mutualExclusion()),
                Fixtures.config(Strategy.BFS, 1).maxDepth(6).build());
        assertEquals(Verdict.VIOLATED, six.outcomes().get(0).verdict());
    }

    @ParameterizedTest(name = "{0} threads={1}")
    @CsvSource({"BFS,1", "BFS,2", "DFS,1"})
    void timeLimit(Strategy s, int threads) {
        // 1001^8 states: never finishes
        SymmetricCounters huge = new SymmetricCounters(8, 1000);
        SearchResult r = Search.run(huge, List.of(huge.inRange(), DeadlockFreedom.standard()),
                Fixtures.config(s, threads).symmetry(false).timeBudget(Duration.ofMillis(200)).build());
        long n = r.stats().distinctStates();
        assertTrue(n > 0);
        assertInconclusive(r, "bound hit: time-limit 200ms (" + n + " states explored)");
        assertEquals(Verdict.INCONCLUSIVE, r.outcomes().get(0).verdict());
        assertTrue(r.stats().seconds() < 30, "stopped: " + r.stats().seconds());
    }

    @ParameterizedTest(name = "{0} threads={1}")
    @CsvSource({"BFS,1", "BFS,2", "DFS,1"})
    void memoryBound(Strategy s, int threads) {
        SymmetricCounters huge = new SymmetricCounters(8, 1000);
        SearchResult r = Search.run(huge, List.of(huge.inRange()),
                Fixtures.config(s, threads).symmetry(false).maxHeapBytes(1 << 20).build());
        long n = r.stats().distinctStates();
        assertInconclusive(r, "bound hit: max-heap 1048576 bytes (" + n + " states explored)");
    }

    @ParameterizedTest(name = "{0} threads={1}")
    @CsvSource({"BFS,1", "BFS,2", "DFS,1"})
    void aViolationFoundBeforeTheBoundStaysViolated(Strategy s, int threads) {
        Counter c = new Counter(100);
        SearchResult r = Search.run(c, List.of(c.below(2), c.inRange()),
                Fixtures.config(s, threads).maxStates(50).build());
        assertEquals(Verdict.VIOLATED, r.outcome("counter-below-2").verdict());
        assertEquals(Verdict.INCONCLUSIVE, r.outcome("counter-in-range").verdict());
        assertEquals("bound hit: max-states 50 (50 states explored)", r.outcome("counter-in-range").reason());
    }
}
