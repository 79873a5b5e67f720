package tdxcheck.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tdxcheck.core.fixtures.Peterson;
import tdxcheck.core.fixtures.SymmetricCounters;

/** The plan is chosen once from the config, says why it overrode a setting, and is what the search ran. */
class SearchPlanTest {
    private static final SymmetricCounters BIG = new SymmetricCounters(5, 6);

    @Test
    void aSafetyRunHonoursTheThreadsAndUsesTheConcurrentSet() {
        SearchConfig cfg = SearchConfig.builder().threads(2).build();
        SearchResult r = Search.run(BIG, List.of(BIG.inRange()), cfg);
        SearchPlan p = r.plan();
        assertEquals(Search.plan(BIG, cfg), p, "the result carries the plan the config gives");
        assertEquals(2, p.threads());
        assertEquals(2, r.stats().threads());
        assertEquals(StoreKind.CONCURRENT_FINGERPRINTS, p.store());
        assertEquals(List.of(), p.overrides());
        assertEquals("BFS, 2 threads, concurrent fingerprint set, symmetry on, no graph, bounds: none", p.toString());
        assertEquals(462, r.stats().distinctStates(), "C(5+6, 5) orbits");
        assertTrue(p.autoDisk(), "a BFS safety run may move its seen-set to disk");
    }

    @Test
    void onlyABfsFingerprintSetMovesToDiskByItself() {
        assertTrue(Search.plan(BIG, SearchConfig.builder().threads(1).build()).autoDisk());
        assertFalse(Search.plan(BIG, SearchConfig.builder().autoDisk(false).build()).autoDisk(), "--no-disk");
        assertFalse(Search.plan(BIG, SearchConfig.builder().strategy(Strategy.DFS).build()).autoDisk(), "DFS");
        assertFalse(Search.plan(BIG, SearchConfig.builder().exact(true).build()).autoDisk(), "exact mode");
        assertFalse(Search.plan(BIG, SearchConfig.builder().graph(new GraphAndListenerTest.RecordingSink(),
                new GraphAndListenerTest.P0Enters()).build()).autoDisk(), "a kept graph needs the ids");
    }

    @Test
    void theLivenessGraphOverridesTheThreadsAndSaysSoInOneLine() {
        GraphAndListenerTest.P0Enters live = new GraphAndListenerTest.P0Enters();
        SearchConfig cfg = SearchConfig.builder().threads(2).strategy(Strategy.DFS)
                .graph(new GraphAndListenerTest.RecordingSink(), live).build();
        SearchResult r = Search.run(new Peterson(false), List.of(Peterson.mutualExclusion(), live), cfg);
        SearchPlan p = r.plan();
        assertEquals(1, p.threads());
        assertEquals(2, p.requestedThreads());
        assertEquals(1, r.stats().threads());
        assertEquals(Strategy.BFS, p.strategy());
        assertEquals(StoreKind.FINGERPRINT_IDS, p.store());
        assertTrue(p.keepsGraph());
        assertEquals(List.of("BFS instead of DFS: the liveness graph is built breadth-first",
                "1 thread instead of 2: the liveness graph is built on one thread (its state ids are those of a "
                        + "one-by-one BFS)"), p.overrides());
        assertEquals("BFS, 1 thread, fingerprint-to-id map, symmetry off, concrete graph kept, bounds: none",
                p.toString());
    }

    @Test
    void aGraphOnAModelThatCannotTrackPermutationsTurnsSymmetryOffAndSaysSo() {
        GraphAndListenerTest.P0Enters live = new GraphAndListenerTest.P0Enters();
        SymmetricCounters m = new SymmetricCounters(3, 2);
        SearchPlan p = Search.plan(m, SearchConfig.builder().threads(1)
                .graph(new GraphAndListenerTest.RecordingSink(), live).build());
        assertFalse(p.symmetry());
        assertFalse(p.quotientGraph());
        assertEquals(1, p.overrides().size());
        assertTrue(p.overrides().get(0).startsWith("symmetry off: the liveness graph is kept concrete"),
                p.overrides().get(0));
        assertTrue(Search.plan(m, SearchConfig.builder().threads(1).build()).symmetry());
    }

    @Test
    void dfsExactModeAndEventListenersRunOnOneThreadWithTheirOwnStore() {
        SearchPlan dfs = Search.plan(BIG, SearchConfig.builder().threads(2).strategy(Strategy.DFS).build());
        assertEquals(1, dfs.threads());
        assertEquals(StoreKind.FINGERPRINTS, dfs.store());
        assertEquals(List.of("1 thread instead of 2: DFS runs on one thread"), dfs.overrides());

        SearchPlan exact = Search.plan(BIG, SearchConfig.builder().threads(2).exact(true).build());
        assertEquals(StoreKind.EXACT, exact.store());
        assertEquals(List.of("1 thread instead of 2: exact mode runs on one thread"), exact.overrides());

        SearchListener events = new SearchListener() {
            @Override
            public boolean wantsEvents() {
                return true;
            }
        };
        SearchPlan ev = Search.plan(BIG, SearchConfig.builder().threads(2).listener(events).build());
        assertEquals(StoreKind.FINGERPRINT_IDS, ev.store());
        assertTrue(ev.events());
        assertEquals(1, ev.threads());

        SearchPlan one = Search.plan(BIG, SearchConfig.builder().threads(1).build());
        assertEquals(StoreKind.FINGERPRINTS, one.store());
        assertEquals(List.of(), one.overrides(), "one thread asked, one thread given: nothing overridden");
    }

    @Test
    void theBoundsArePrintedInTheWordsOfTheBoundReasons() {
        SearchConfig cfg = SearchConfig.builder().threads(1).maxStates(10).maxDepth(3)
                .timeBudget(Duration.ofMillis(1500)).maxHeapBytes(1 << 20).build();
        SearchPlan p = Search.plan(BIG, cfg);
        assertTrue(p.bounded());
        assertEquals("max-states 10, max-depth 3, time-limit 1500ms, max-heap 1048576 bytes", p.bounds());
        SearchResult r = Search.run(BIG, List.of(BIG.inRange()), cfg);
        assertEquals("bound hit: max-depth 3 (7 states explored)", r.boundReason());
        SearchResult s = Search.run(BIG, List.of(BIG.inRange()), SearchConfig.builder().threads(1).maxStates(10).build());
        assertEquals("bound hit: max-states 10 (10 states explored)", s.boundReason());
        assertFalse(Search.plan(BIG, SearchConfig.defaults()).bounded());
    }
}
