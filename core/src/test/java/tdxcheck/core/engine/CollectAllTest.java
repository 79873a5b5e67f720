package tdxcheck.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tdxcheck.core.fixtures.Counter;
import tdxcheck.core.fixtures.DiningPhilosophers;
import tdxcheck.core.fixtures.Peterson;
import tdxcheck.core.property.TransitionCheck;

/** --all keeps searching and counts every violating state (transition, for TRANSITION checks). */
class CollectAllTest {

    private static final TransitionCheck NO_EVEN = new TransitionCheck() {
        @Override
        public boolean allowed(long[] before, int action, long[] after) {
            return after[0] % 2 != 0;
        }

        @Override
        public String id() {
            return "no-even-step";
        }

        @Override
        public String description() {
            return "never count to an even number";
        }
    };

    @ParameterizedTest(name = "{0} threads={1}")
    @CsvSource({"BFS,1", "BFS,2", "DFS,1"})
    void allCountsEveryViolatingState(Strategy s, int threads) {
        Counter c = new Counter(10);
        SearchResult all = Search.run(c, List.of(c.below(4), NO_EVEN),
                Fixtures.config(s, threads).collectAll(true).build());
        assertEquals(Verdict.VIOLATED, all.outcome("counter-below-4").verdict());
        assertEquals(7, all.outcome("counter-below-4").violations(), "states 4..10");
        assertEquals(5, all.outcome("no-even-step").violations(), "steps to 2, 4, 6, 8, 10");
        assertEquals(11, all.stats().distinctStates());
        assertTrue(all.exhausted());
        assertEquals(4, all.outcome("counter-below-4").counterexample().length(), "still the first violation");
    }

    @ParameterizedTest(name = "{0} threads={1}")
    @CsvSource({"BFS,1", "BFS,2", "DFS,1"})
    void withoutAllTheSearchStopsWhenEveryPropertyIsViolated(Strategy s, int threads) {
        Counter c = new Counter(10);
        SearchResult first = Search.run(c, List.of(c.below(4), NO_EVEN), Fixtures.config(s, threads).build());
        assertEquals(1, first.outcome("counter-below-4").violations());
        assertEquals(1, first.outcome("no-even-step").violations());
        assertEquals(5, first.stats().distinctStates(), "stopped at value 4");
        assertFalse(first.exhausted());
        assertEquals(null, first.boundReason());
    }

    @ParameterizedTest(name = "{0} threads={1}")
    @CsvSource({"BFS,1", "BFS,2", "DFS,1"})
    void allAgreesWithTheReferenceOnInvariantsAndDeadlocks(Strategy s, int threads) {
        Peterson broken = new Peterson(true);
        SearchResult r = Search.run(broken, List.of(Peterson.mutualExclusion()),
                Fixtures.config(s, threads).collectAll(true).build());
        long expected = ReferenceExplorer.explore(broken, false).violating(Peterson.mutualExclusion());
        assertEquals(2, expected);
        assertEquals(expected, r.outcome("mutual-exclusion").violations());

        DiningPhilosophers naive = new DiningPhilosophers(4, false);
        SearchResult d = Search.run(naive, Fixtures.deadlockOnly(), Fixtures.config(s, threads).collectAll(true).build());
        assertEquals(ReferenceExplorer.explore(naive, false).deadlocks().size(), d.outcome("no-deadlock").violations());
        assertEquals(1, d.outcome("no-deadlock").violations());
        assertEquals(161, d.stats().distinctStates());
    }
}
