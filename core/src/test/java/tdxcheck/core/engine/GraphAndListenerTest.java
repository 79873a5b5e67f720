package tdxcheck.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tdxcheck.core.fixtures.Peterson;
import tdxcheck.core.fixtures.SymmetricCounters;
import tdxcheck.core.liveness.GraphSink;
import tdxcheck.core.spi.Model;
import tdxcheck.core.property.LivenessProperty;
import tdxcheck.core.property.Property;

/** The graph handed to a GraphSink, and the listener events. */
class GraphAndListenerTest {

    /** "p0 eventually enters": pending while p0 is between idle and critical; entering is progress. */
    static final class P0Enters implements LivenessProperty {
        @Override
        public int operationCount() {
            return 1;
        }

        @Override
        public String operationName(int op) {
            return "enter(p0)";
        }

        @Override
        public int pendingMask(long[] s) {
            int pc = (int) s[0] & 3;
            return pc == 1 || pc == 2 ? 1 : 0;
        }

        @Override
        public int progressMask(long[] before, int action, long[] after) {
            return action == 0 && ((int) before[0] & 3) == 2 ? 1 : 0;
        }

        @Override
        public String id() {
            return "p0-enters";
        }

        @Override
        public String description() {
            return "p0 eventually enters its critical section";
        }
    }

    static final class RecordingSink implements GraphSink {
        final List<int[]> nodes = new ArrayList<>();
        final List<int[]> edges = new ArrayList<>();

        @Override
        public void node(int id, int pendingMask) {
            nodes.add(new int[] {id, pendingMask});
        }

        @Override
        public void edge(int src, int dst, int actor, int action, int progressMask) {
            edges.add(new int[] {src, dst, actor, action, progressMask});
        }
    }

    static final class Recorder implements SearchListener {
        final List<long[]> statesById = new ArrayList<>();
        final List<int[]> transitions = new ArrayList<>();
        final List<String> violations = new ArrayList<>();
        final List<String> bounds = new ArrayList<>();
        int seen;
        int started;
        int finished;
        int progress;

        @Override
        public boolean wantsEvents() {
            return true;
        }

        @Override
        public void searchStarted(Model model, SearchConfig config) {
            started++;
        }

        @Override
        public void stateNew(int id, long[] state, int depth) {
            assertEquals(statesById.size(), id, "new states come in id order");
            statesById.add(state.clone());
        }

        @Override
        public void stateSeen(int id, long[] state) {
            assertArrayEquals(statesById.get(id), state, "a seen state has the id it got when new");
            seen++;
        }

        @Override
        public void transition(int srcId, int action, int dstId, boolean dstIsNew) {
            transitions.add(new int[] {srcId, action, dstId});
        }

        @Override
        public void violation(Property property, int stateId, int action) {
            violations.add(property.id());
        }

        @Override
        public void boundHit(String bound) {
            bounds.add(bound);
        }

        @Override
        public void progress(SearchStats stats) {
            progress++;
        }

        @Override
        public void finished(SearchResult result) {
            finished++;
        }
    }

    @Test
    void graphSinkGetsEveryNodeInIdOrderAndEveryEdgeGroupedBySource() {
        RecordingSink sink = new RecordingSink();
        Recorder rec = new Recorder();
        P0Enters live = new P0Enters();
        Peterson m = new Peterson(false);
        SearchResult r = Search.run(m, List.of(Peterson.mutualExclusion(), live),
                SearchConfig.builder().threads(4).graph(sink, live).listener(rec).build());
        assertEquals(1, r.stats().threads(), "a graph run is single-threaded");
        assertEquals(20, sink.nodes.size());
        for (int i = 0; i < sink.nodes.size(); i++) {
            assertEquals(i, sink.nodes.get(i)[0]);
            assertEquals(live.pendingMask(rec.statesById.get(i)), sink.nodes.get(i)[1]);
        }
        assertEquals(34, sink.edges.size());
        assertEquals(r.stats().generated(), sink.edges.size());
        Set<String> distinctEdges = new HashSet<>();
        int lastSrc = -1;
        int progressEdges = 0;
        long[] next = new long[1];
        for (int[] e : sink.edges) {
            assertTrue(e[0] >= lastSrc, "sources in non-decreasing order");
            lastSrc = e[0];
            m.next(rec.statesById.get(e[0]), e[3], next);
            assertArrayEquals(next, rec.statesById.get(e[1]), "edge follows a real transition");
            assertEquals(m.actorOf(e[3]), e[2]);
            assertEquals(live.progressMask(rec.statesById.get(e[0]), e[3], next), e[4]);
            progressEdges += e[4];
            distinctEdges.add(e[0] + ">" + e[3]);
        }
        assertEquals(34, distinctEdges.size());
        assertTrue(progressEdges > 0);
        assertEquals(Verdict.INCONCLUSIVE, r.outcome("p0-enters").verdict());
        assertFalse(r.outcome("p0-enters").checked());
        assertEquals(Verdict.HOLDS, r.outcome("mutual-exclusion").verdict());
    }

    @Test
    void aGraphRunDoesNotStopAtTheFirstViolationAndTurnsSymmetryOff() {
        RecordingSink sink = new RecordingSink();
        P0Enters live = new P0Enters();
        SearchResult r = Search.run(new Peterson(true), List.of(Peterson.mutualExclusion(), live),
                SearchConfig.builder().graph(sink, live).build());
        assertEquals(Verdict.VIOLATED, r.outcome("mutual-exclusion").verdict());
        assertEquals(32, sink.nodes.size(), "the whole graph is needed for liveness");
        assertEquals(60, sink.edges.size());

        SymmetricCounters sym = new SymmetricCounters(3, 2);
        RecordingSink s2 = new RecordingSink();
        LivenessProperty none = new P0Enters();
        SearchResult r2 = Search.run(sym, List.of(), SearchConfig.builder().graph(s2, none).build());
        assertFalse(r2.stats().symmetry());
        assertEquals(27, s2.nodes.size());
    }

    @Test
    void listenerEventsMatchTheStatistics() {
        Recorder rec = new Recorder();
        Peterson m = new Peterson(true);
        SearchResult r = Search.run(m, List.of(Peterson.mutualExclusion()),
                SearchConfig.builder().threads(2).collectAll(true).listener(rec).build());
        assertEquals(1, r.stats().threads(), "event listeners make the search single-threaded");
        assertEquals(32, rec.statesById.size());
        assertEquals(60, rec.transitions.size());
        assertEquals(60 - 31, rec.seen, "every transition that does not discover a state sees one");
        assertEquals(List.of("mutual-exclusion"), rec.violations, "one violation callback per property");
        assertEquals(1, rec.started);
        assertEquals(1, rec.finished);
        assertEquals(List.of(), rec.bounds);
    }

    @Test
    void cheapCallbacksComeWithoutEvents() {
        SearchListener quiet = new SearchListener() {
        };
        List<String> bounds = new ArrayList<>();
        int[] progress = new int[1];
        SearchListener l = new SearchListener() {
            @Override
            public void boundHit(String bound) {
                bounds.add(bound);
            }

            @Override
            public void progress(SearchStats stats) {
                progress[0]++;
            }
        };
        SymmetricCounters m = new SymmetricCounters(7, 4);
        SearchResult r = Search.run(m, List.of(), SearchConfig.builder().threads(2).symmetry(false)
                .listener(quiet).listener(l).progressIntervalMillis(1).maxStates(70000).build());
        assertEquals(2, r.stats().threads());
        assertEquals(List.of("max-states 70000"), bounds);
        assertTrue(progress[0] >= 1, "progress callbacks on a run longer than the interval");
    }

    @Test
    void progressPrinterLine() {
        SearchStats s = new SearchStats(1234567, 5000000, 42, 3.5, 352733.4, 2, true, 0, 1 << 20, 999);
        assertEquals("fixture: 1,234,567 states, 352,733 states/s, frontier 999, depth 42, heap 300 MiB / 18.0 GiB, 4s",
                ProgressPrinter.line("fixture: ", s, 300L << 20, 18L << 30));
        assertEquals(1048576.0 / 1234567, s.bytesPerState(), 1e-12);
    }
}
