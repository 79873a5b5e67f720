package tdxcheck.app.check;

import tdxcheck.app.TestRuns;
import tdxcheck.core.engine.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tdxcheck.core.fixtures.DiningPhilosophers;
import tdxcheck.core.fixtures.Peterson;
import tdxcheck.core.catalog.Policy;
import tdxcheck.app.TestRuns;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.property.DeadlockFreedom;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Step;
import tdxcheck.reports.result.Verdict;

class ResultMapperTest {
    /** A search result as the Checker would wrap it (no liveness), mapped to a Run of the fixture family. */
    private static Run toRun(SearchResult r, String scenario, tdxcheck.core.spi.Model m, Map<String, Integer> params) {
        tdxcheck.core.catalog.Params p = TestRuns.FIXTURES.scenario(scenario).defaults();
        for (Map.Entry<String, Integer> e : params.entrySet()) {
            p = p.with(e.getKey(), e.getValue());
        }
        java.util.List<tdxcheck.core.check.PropertyVerdict> vs = new java.util.ArrayList<>();
        for (tdxcheck.core.engine.PropertyOutcome o : r.outcomes()) {
            vs.add(new tdxcheck.core.check.PropertyVerdict(o.property(), o.verdict(), o.reason(), o.violations(),
                    o.counterexample(), null));
        }
        tdxcheck.core.check.CheckResult c = new tdxcheck.core.check.CheckResult(
                new tdxcheck.core.catalog.CheckTarget(m, r.outcomes().stream().map(o -> o.property()).toList()), r, vs,
                0);
        return ResultMapper.toRun(c, scenario, ResultMapper.policy(TestRuns.FIXTURES, NONE), p);
    }

    private static final Policy NONE = new Policy("none", Map.of());

    @Test
    void mapsAViolationToARunWithStepsChangesLocksAndReplay() {
        Peterson m = new Peterson(true);
        SearchResult r = Search.run(m, List.of(Peterson.mutualExclusion(), DeadlockFreedom.standard()),
                SearchConfig.builder().threads(1).build());
        Run run = toRun(r, "peterson-broken", m, Map.of("processes", 2));
        assertEquals("peterson-broken", run.scenario());
        assertEquals("none", run.policy().label());
        assertEquals(Map.of("processes", 2, "limit", 1), run.params());
        assertEquals(32, run.stats().distinctStates());
        assertEquals(60, run.stats().generated());
        assertEquals(7, run.stats().maxDepth());

        PropertyResult mutex = run.result("mutual-exclusion");
        assertEquals(Verdict.VIOLATED, mutex.verdict());
        assertEquals(1, mutex.violations());
        assertEquals("mutual-exclusion violated by step 6 (p0: enter critical section)", mutex.reason());
        Counterexample cx = mutex.counterexample();
        assertEquals("SAFETY", cx.kind());
        assertEquals(mutex.reason(), cx.summary());
        assertNull(cx.loopBackIndex());
        assertEquals(List.of("p0", "p1"), cx.actors());
        assertEquals(Map.of("p0.pc", "idle", "p1.pc", "idle", "flag0", "0", "flag1", "0", "turn", "0",
                "lock.cs", "free"), cx.initialState());
        Trace t = r.outcome("mutual-exclusion").counterexample();
        assertEquals(6, cx.steps().size());
        for (int i = 0; i < 6; i++) {
            Step st = cx.steps().get(i);
            assertEquals(i + 1, st.index());
            assertEquals("p" + t.action(i), st.actor());
            assertEquals(m.describe(t.state(i), t.action(i), t.state(i + 1)).action(), st.action());
            assertEquals("", st.outcome());
            assertEquals(List.of("lock.cs"), List.copyOf(st.locks().keySet()));
            assertEquals(m.fields(t.state(i + 1)).get("lock.cs"), st.locks().get("lock.cs"));
            for (Map.Entry<String, String> e : m.fields(t.state(i + 1)).entrySet()) {
                boolean changed = !e.getValue().equals(m.fields(t.state(i)).get(e.getKey()));
                assertEquals(changed, st.changes().containsKey(e.getKey()), "step " + (i + 1) + " " + e.getKey());
            }
        }
        assertEquals("p0,p1", cx.steps().get(5).locks().get("lock.cs"));
        assertEquals(Map.of("p0.pc", "critical", "p1.pc", "critical", "flag0", "1", "flag1", "1", "turn", "0",
                "lock.cs", "p0,p1"), cx.stateAfter(6));
        assertEquals(0, cx.replay().initialState());
        assertEquals(t.length(), cx.replay().actions().size());
        for (int i = 0; i < t.length(); i++) {
            assertEquals(t.action(i), cx.replay().actions().get(i));
        }
        PropertyResult dl = run.result("no-deadlock");
        assertEquals(Verdict.HOLDS, dl.verdict());
        assertNull(dl.counterexample());

        Result doc = Result.of("test", List.of(run));
        Result back = ResultJson.parse(ResultJson.toJson(doc), "test");
        assertEquals(doc, back);
    }

    @Test
    void deadlockCounterexampleKindAndSummary() {
        DiningPhilosophers m = new DiningPhilosophers(3, false);
        SearchResult r = Search.run(m, List.of(DeadlockFreedom.standard()), SearchConfig.builder().threads(1).build());
        Run run = toRun(r, "philosophers", m, Map.of("processes", 3));
        Counterexample cx = run.result("no-deadlock").counterexample();
        assertEquals("DEADLOCK", cx.kind());
        assertEquals("deadlock after 3 steps: no action enabled, unfinished: phil0, phil1, phil2", cx.summary());
        assertEquals(Map.of("lock.fork0", "phil0", "lock.fork1", "phil1", "lock.fork2", "phil2"),
                cx.steps().get(2).locks());
    }
}
