package tdxcheck.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tdxcheck.core.fixtures.Counter;
import tdxcheck.core.fixtures.DiningPhilosophers;
import tdxcheck.core.fixtures.Peterson;
import tdxcheck.core.spi.Model;
import tdxcheck.core.property.DeadlockFreedom;
import tdxcheck.core.property.PropertyKind;
import tdxcheck.core.property.StateInvariant;
import tdxcheck.core.property.TransitionCheck;

/** Verdicts, shortest counterexamples and replay on the classic fixtures. */
class CounterexampleTest {

    private static void assertReplays(Model m, Trace t) {
        long[] end = Replayer.replay(m, t.initialIndex(), t.actions());
        assertArrayEquals(t.finalState(), end, "the trace replays to its final state");
        for (int i = 0; i < t.length(); i++) {
            long[] step = Replayer.replay(m, t.initialIndex(), java.util.Arrays.copyOf(t.actions(), i + 1));
            assertArrayEquals(t.state(i + 1), step, "state after step " + (i + 1));
        }
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 2})
    void petersonHoldsAndBrokenPetersonIsViolatedByAShortestTrace(int threads) {
        StateInvariant mutex = Peterson.mutualExclusion();
        SearchResult ok = Search.run(new Peterson(false), List.of(mutex, DeadlockFreedom.standard()),
                Fixtures.config(Strategy.BFS, threads).build());
        assertEquals(Verdict.HOLDS, ok.outcome("mutual-exclusion").verdict());
        assertEquals(Verdict.HOLDS, ok.outcome("no-deadlock").verdict());
        assertEquals(20, ok.stats().distinctStates());

        Peterson broken = new Peterson(true);
        SearchResult bad = Search.run(broken, List.of(mutex, DeadlockFreedom.standard()),
                Fixtures.config(Strategy.BFS, threads).build());
        PropertyOutcome o = bad.outcome("mutual-exclusion");
        assertEquals(Verdict.VIOLATED, o.verdict());
        assertEquals(1, o.violations());
        Trace t = o.counterexample();
        assertEquals(PropertyKind.INVARIANT, t.kind());
        int shortest = ReferenceExplorer.explore(broken, false).distanceTo(mutex);
        assertEquals(6, shortest);
        assertEquals(shortest, t.length(), "BFS counterexamples are shortest");
        assertFalse(mutex.holds(t.finalState()));
        for (int i = 0; i < t.length(); i++) {
            assertTrue(mutex.holds(t.state(i)), "only the last state breaks the invariant");
        }
        assertReplays(broken, t);
        assertEquals("mutual-exclusion violated by step 6 (p0: enter critical section)", o.reason());
        // the other property is still explored to the end: the state space is exhausted
        assertEquals(Verdict.HOLDS, bad.outcome("no-deadlock").verdict());
        assertEquals(32, bad.stats().distinctStates());
    }

    @Test
    void dfsCounterexampleReplaysToo() {
        Peterson broken = new Peterson(true);
        SearchResult r = Search.run(broken, List.of(Peterson.mutualExclusion()),
                Fixtures.config(Strategy.DFS, 1).build());
        Trace t = r.outcome("mutual-exclusion").counterexample();
        assertNotNull(t);
        assertTrue(t.length() >= 6);
        assertReplays(broken, t);
        assertFalse(Peterson.mutualExclusion().holds(t.finalState()));
    }

    @ParameterizedTest(name = "N={0}")
    @ValueSource(ints = {3, 4})
    void naivePhilosophersDeadlockAndOrderedOnesDoNot(int n) {
        for (Strategy s : Strategy.values()) {
            for (int threads : new int[] {1, 2}) {
                DiningPhilosophers naive = new DiningPhilosophers(n, false);
                SearchResult r = Search.run(naive, Fixtures.deadlockOnly(), Fixtures.config(s, threads).build());
                PropertyOutcome o = r.outcome("no-deadlock");
                assertEquals(Verdict.VIOLATED, o.verdict());
                Trace t = o.counterexample();
                assertEquals(PropertyKind.DEADLOCK, t.kind());
                assertEquals("DEADLOCK", t.kind().counterexampleKind());
                int[] en = new int[n];
                assertEquals(0, naive.enabledActions(t.finalState(), en), "deadlocked: nothing enabled");
                for (int a = 0; a < n; a++) {
                    assertFalse(naive.isFinished(t.finalState(), a));
                    // everyone holds exactly its left fork
                    assertEquals("holds fork " + a, naive.fields(t.finalState()).get("phil" + a));
                }
                if (s == Strategy.BFS) {
                    assertEquals(n, t.length(), "shortest deadlock: each philosopher takes its left fork");
                    assertEquals(ReferenceExplorer.explore(naive, false).deadlockDistance(), t.length());
                }
                assertReplays(naive, t);

                SearchResult fixed = Search.run(new DiningPhilosophers(n, true), Fixtures.deadlockOnly(),
                        Fixtures.config(s, threads).build());
                assertEquals(Verdict.HOLDS, fixed.outcome("no-deadlock").verdict());
                assertNull(fixed.outcome("no-deadlock").counterexample());
            }
        }
    }

    @Test
    void finishedTerminalStatesAreNotDeadlocks() {
        SearchResult r = Search.run(new Counter(3), Fixtures.deadlockOnly(), Fixtures.config(Strategy.BFS, 1).build());
        assertEquals(Verdict.HOLDS, r.outcome("no-deadlock").verdict());
    }

    @Test
    void transitionCheckViolationEndsWithTheBadStep() {
        TransitionCheck noThree = new TransitionCheck() {
            @Override
            public boolean allowed(long[] before, int action, long[] after) {
                return after[0] != 3;
            }

            @Override
            public String id() {
                return "never-reach-three";
            }

            @Override
            public String description() {
                return "no step counts to 3";
            }
        };
        Counter c = new Counter(6);
        for (Strategy s : Strategy.values()) {
            SearchResult r = Search.run(c, List.of(noThree), Fixtures.config(s, 2).build());
            PropertyOutcome o = r.outcome("never-reach-three");
            assertEquals(Verdict.VIOLATED, o.verdict());
            Trace t = o.counterexample();
            assertEquals(PropertyKind.TRANSITION, t.kind());
            assertEquals(3, t.length());
            assertEquals(3, t.finalState()[0]);
            assertEquals("never-reach-three violated by step 3 (counter: increment to 3)", o.reason());
            assertReplays(c, t);
        }
    }

    @Test
    void aViolatedInitialStateGivesAnEmptyTrace() {
        Counter c = new Counter(2);
        SearchResult r = Search.run(c, List.of(c.below(0)), Fixtures.config(Strategy.BFS, 1).build());
        Trace t = r.outcome("counter-below-0").counterexample();
        assertEquals(0, t.length());
        assertEquals("counter-below-0 violated in the initial state", r.outcome("counter-below-0").reason());
        assertEquals(1, r.stats().distinctStates(), "stops as soon as every property is violated");
        assertFalse(r.exhausted());
    }

    @Test
    void replayerRejectsADisabledAction() {
        Counter c = new Counter(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Replayer.replay(c, 0, new int[] {0, 0}));
        assertTrue(e.getMessage().startsWith("step 2: action 0 is not enabled"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Replayer.replay(c, 1, new int[0]));
    }

    @Test
    void traceRebuildRefusesAnEndStateOtherThanTheViolatingOne() {
        Counter c = new Counter(3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TraceBuilder.concretize(c, false, 0, new int[] {0, 0}, new long[] {3}, PropertyKind.INVARIANT));
        assertTrue(e.getMessage().contains("ends in [2]"), e.getMessage());
    }
}
