package tdxcheck.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tdxcheck.core.fixtures.SymmetricCounters;
import tdxcheck.core.spi.Model;

/** Distinct states and transitions: engine versus reference versus pinned literals. */
class EngineCountsTest {

    static Stream<Arguments> fixturesStrategiesThreads() {
        List<Arguments> args = new ArrayList<>();
        for (Fixtures.Pinned p : Fixtures.all()) {
            for (Strategy s : Strategy.values()) {
                for (int t : new int[] {1, 2}) {
                    for (boolean sym : new boolean[] {true, false}) {
                        args.add(Arguments.of(p, s, t, sym));
                    }
                }
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} {1} threads={2} symmetry={3}")
    @MethodSource("fixturesStrategiesThreads")
    void engineMatchesReferenceAndPinnedCounts(Fixtures.Pinned p, Strategy s, int threads, boolean symmetry) {
        Model m = p.model();
        boolean reduced = symmetry && m.hasSymmetry();
        ReferenceExplorer.Ref ref = ReferenceExplorer.explore(m, reduced);
        SearchResult r = Search.run(m, List.of(), Fixtures.config(s, threads).symmetry(symmetry).build());

        assertEquals(ref.distinct(), r.stats().distinctStates(), "distinct vs reference");
        assertEquals(ref.transitions(), r.stats().generated(), "transitions vs reference");
        assertEquals(reduced ? p.orbitStates() : p.states(), r.stats().distinctStates(), "distinct vs pinned");
        assertEquals(reduced ? p.orbitTransitions() : p.transitions(), r.stats().generated(), "transitions vs pinned");
        assertEquals(reduced, r.stats().symmetry());
        assertEquals(true, r.exhausted());
        if (s == Strategy.BFS) {
            assertEquals(ref.maxDepth(), r.stats().maxDepth(), "BFS depth is the reference's max distance");
            assertEquals(p.depth(), r.stats().maxDepth());
        }
    }

    @Test
    void bfsAndDfsAgreeOnEveryFixture() {
        for (Fixtures.Pinned p : Fixtures.all()) {
            SearchResult b = Search.run(p.model(), Fixtures.deadlockOnly(),
                    Fixtures.config(Strategy.BFS, 1).collectAll(true).build());
            SearchResult d = Search.run(p.model(), Fixtures.deadlockOnly(),
                    Fixtures.config(Strategy.DFS, 1).collectAll(true).build());
            assertEquals(b.stats().distinctStates(), d.stats().distinctStates(), p.toString());
            assertEquals(b.stats().generated(), d.stats().generated(), p.toString());
            assertEquals(b.outcomes().get(0).verdict(), d.outcomes().get(0).verdict(), p.toString());
            assertEquals(b.outcomes().get(0).violations(), d.outcomes().get(0).violations(), p.toString());
            assertEquals(p.model().hasSymmetry() ? p.orbitStates() : p.states(), d.stats().distinctStates());
        }
    }

    @Test
    void oneTwoAndFourThreadsAgreeOnALargeModel() {
        // 5^7 = 78125 states, 7 * 4 * 5^6 = 437500 transitions: levels are wide enough for parallel segments.
        SymmetricCounters m = new SymmetricCounters(7, 4);
        long[] distinct = new long[3];
        long[] generated = new long[3];
        int[] threads = {1, 2, 4};
        for (int i = 0; i < 3; i++) {
            SearchResult r = Search.run(m, List.of(m.totalBelow(29), m.inRange()),
                    Fixtures.config(Strategy.BFS, threads[i]).symmetry(false).collectAll(true).build());
            distinct[i] = r.stats().distinctStates();
            generated[i] = r.stats().generated();
            assertEquals(threads[i], r.stats().threads());
            assertEquals(78125, r.stats().distinctStates());
            assertEquals(437500, r.stats().generated());
            assertEquals(28, r.stats().maxDepth());
            // sum >= 29 with 7 counters <= 4: sum 28 is the max, so the invariant holds
            assertEquals("HOLDS", r.outcomes().get(0).verdict().name());
        }
        ReferenceExplorer.Ref ref = ReferenceExplorer.explore(m, false);
        assertEquals(ref.distinct(), distinct[0]);
        assertEquals(ref.transitions(), generated[0]);
    }

    /** 20000 initial states (every other one a duplicate of its neighbour), each with one step to a sink state. */
    static final class ManyInitialStates implements Model {
        @Override
        public String name() {
            return "test:many-initial";
        }

        @Override
        public int stateWords() {
            return 1;
        }

        @Override
        public int actorCount() {
            return 1;
        }

        @Override
        public String actorName(int actor) {
            return "a";
        }

        @Override
        public int initialStateCount() {
            return 20000;
        }

        @Override
        public void initialState(int index, long[] out) {
            out[0] = 1 + index / 2;
        }

        @Override
        public int maxEnabled() {
            return 1;
        }

        @Override
        public int enabledActions(long[] state, int[] out) {
            if (state[0] == 0) {
                return 0;
            }
            out[0] = 0;
            return 1;
        }

        @Override
        public void next(long[] state, int action, long[] out) {
            out[0] = 0;
        }

        @Override
        public int actorOf(int action) {
            return 0;
        }

        @Override
        public boolean isFinished(long[] state, int actor) {
            return state[0] == 0;
        }

        @Override
        public tdxcheck.core.spi.StepLabel describe(long[] before, int action, long[] after) {
            return tdxcheck.core.spi.StepLabel.of("finish");
        }

        @Override
        public java.util.Map<String, String> fields(long[] state) {
            return java.util.Map.of("v", Long.toString(state[0]));
        }
    }

    @Test
    @Timeout(60) // an overfilled open-addressing table probes forever: fail instead of hanging
    void manyInitialStatesInEveryMode() {
        Model m = new ManyInitialStates();
        for (Strategy s : Strategy.values()) {
            for (int t : new int[] {1, 2}) {
                for (boolean exact : new boolean[] {false, true}) {
                    SearchResult r = Search.run(m, Fixtures.deadlockOnly(),
                            Fixtures.config(s, t).exact(exact).build());
                    String where = s + " threads=" + t + " exact=" + exact;
                    assertEquals(10001, r.stats().distinctStates(), where);
                    assertEquals(10000, r.stats().generated(), where);
                    assertEquals("HOLDS", r.outcomes().get(0).verdict().name(), where);
                }
            }
        }
    }

    @Test
    void parallelCountsViolationsLikeSingleThread() {
        SymmetricCounters m = new SymmetricCounters(7, 4);
        ReferenceExplorer.Ref ref = ReferenceExplorer.explore(m, false);
        long expected = ref.violating(m.totalBelow(20));
        for (int t : new int[] {1, 2, 4}) {
            SearchResult r = Search.run(m, List.of(m.totalBelow(20)),
                    Fixtures.config(Strategy.BFS, t).symmetry(false).collectAll(true).build());
            assertEquals(expected, r.outcomes().get(0).violations(), "threads=" + t);
            assertEquals(78125, r.stats().distinctStates(), "threads=" + t);
            assertEquals(20, r.outcomes().get(0).counterexample().length(), "shortest: sum 20 needs 20 steps");
        }
    }
}
