package tdxcheck.app.scenario;

import tdxcheck.tdx.TdxCatalog;
import tdxcheck.core.catalog.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tdxcheck.app.TestCli;
import tdxcheck.app.TestRuns;
import tdxcheck.app.regress.Baseline;
import tdxcheck.app.regress.BaselineRun;
import tdxcheck.app.regress.Regression;
import tdxcheck.core.check.Checker;
import tdxcheck.core.engine.Replayer;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Step;
import tdxcheck.reports.result.Verdict;

/**
 * The verdict table is baseline/verdicts.json (the one pinned truth; docs/verdicts.md gives the
 * reasoning and {@link VerdictDocTest} keeps its table equal to the baseline). Here: every pinned
 * run reproduces its verdicts and state count and every counterexample replays, plus the shape of
 * the counterexamples the docs quote.
 */
class VerdictTableTest {
    private static final List<String> PROPS = List.of("no-zero-step", "no-busy-livelock", "no-deadlock",
            "no-kvm-bug", "no-guest-busy", "lock-safety");

    private static final TdxCatalog CATALOG = new TdxCatalog();

    static Run run(String scenario, Params p, Policy policy) {
        Scenario s = CATALOG.scenario(scenario);
        return TestRuns.verify(scenario, p, policy, s.build(p, policy), SearchConfig.builder().threads(1).build(),
                Fairness.WEAK);
    }

    static Run run(String scenario, Policy policy, boolean pendingEvents) {
        return run(scenario, CATALOG.scenario(scenario).defaults().with("pending-events", pendingEvents), policy);
    }

    /** The plain-access race of seed 004 needs a guest with SEPT #VE enabled (--guest ve). */
    static Run runVe(String scenario, Policy policy, boolean pendingEvents) {
        return run(scenario, CATALOG.scenario(scenario).defaults().with("pending-events", pendingEvents)
                .with("guest", "ve"), policy);
    }

    /**
     * Every run the committed baseline pins (the one source of verdict truth): run it, compare each
     * verdict and the state count with the baseline, and replay every counterexample through a
     * fresh model. The baseline itself is rewritten only by {@code regress --update}.
     */
    @TestFactory
    Stream<DynamicTest> everyBaselineRunHasItsVerdictsAndEveryCounterexampleReplays() {
        Baseline b = Baseline.read(TestCli.baseline());
        List<Regression.Spec> specs = Regression.specs(b, CATALOG, TestCli.baseline().toString());
        assertEquals(Regression.standardMatrix(CATALOG).size(), specs.size(), "the baseline pins the standard matrix");
        return java.util.stream.IntStream.range(0, specs.size()).mapToObj(i -> {
            Regression.Spec spec = specs.get(i);
            BaselineRun pinned = b.runs().get(i);
            return DynamicTest.dynamicTest(spec.scenario() + " [" + spec.policy().label() + "] " + spec.params(), () -> {
                Scenario sc = CATALOG.scenario(spec.scenario());
                Run r = TestRuns.verify(spec.scenario(), spec.params(), spec.policy(),
                        sc.build(spec.params(), spec.policy()), SearchConfig.builder().threads(1).build(), b.plan());
                BaselineRun now = BaselineRun.of(r);
                for (String key : pinned.verdicts().keySet()) {
                    assertEquals(pinned.verdicts().get(key).verdict(), now.verdicts().get(key).verdict(), key);
                }
                for (PropertyResult pr : r.results()) {
                    assertEquals(pinned.verdicts().get(pr.property()).verdict(), pr.verdict(), pr.property());
                    if (pr.verdict() == Verdict.VIOLATED) {
                        assertReplays(spec.scenario(), spec.params(), spec.policy(), pr.counterexample());
                    }
                }
                java.util.Set<String> keys = new java.util.TreeSet<>(CATALOG.properties().stream().map(d -> d.id())
                        .toList());
                for (var f : b.also()) {
                    keys.add("no-busy-livelock" + BaselineRun.FAIRNESS_SEPARATOR + f.id());
                }
                assertEquals(keys, pinned.verdicts().keySet(), "every property pinned, liveness under each fairness");
                assertEquals(pinned.distinctStates(), r.stats().distinctStates(), "distinct states");
            });
        });
    }

    /** The counterexample's action ids replay through a fresh model to the state its last step shows. */
    static void assertReplays(String scenario, Params params, Policy policy, Counterexample cx) {
        assertNotNull(cx);
        var model = CATALOG.scenario(scenario).build(params, policy).model();
        int[] actions = cx.replay().actions().stream().mapToInt(Integer::intValue).toArray();
        long[] end = Replayer.replay(model, cx.replay().initialState(), actions);
        assertEquals(cx.stateAfter(cx.steps().size()), model.fields(end), "replayed final state");
        assertEquals(cx.steps().size(), actions.length);
    }

    @Test
    void frozenSpteRaceResumeGuestReentersSevenTimesWhileTheOtherHoldsTheFrozenSpte() {
        Run r = runVe("frozen-spte-race", TestRuns.policy(null, "resume-guest", "retry-once-then-kick"), false);
        Counterexample cx = r.result("no-zero-step").counterexample();
        assertEquals("SAFETY", cx.kind());
        assertEquals(31, cx.steps().size(), "BFS: shortest");
        String winner = null;
        int loserEntries = 0;
        for (Step s : cx.steps()) {
            if (s.action().equals("TDH.MEM.SEPT.ADD [acquire]") || s.outcome().equals("FROZEN_SPTE set")) {
                winner = winner == null ? s.actor() : winner;
            }
            if (winner != null && s.action().equals("TDH.VP.ENTER [acquire]")) {
                assertTrue(!s.actor().equals(winner), "only the loser re-enters: " + s.index());
                loserEntries++;
            }
        }
        assertNotNull(winner);
        String winnerGuest = "guest" + winner.substring(4);
        // the loser's first entry (before the freeze) plus 6 re-entries; its 7 EPT exits at one RIP
        // count 1..6 and the 7th records the GPA (tdx-facts §1).
        assertEquals(6, loserEntries, "re-entries after the SPTE was frozen");
        long exits = cx.steps().stream().filter(s -> s.outcome().equals("EXIT_REASON_EPT_VIOLATION")
                && !s.actor().equals(winnerGuest)).count();
        assertEquals(7, exits);
        Step last = cx.steps().get(30);
        assertTrue(last.changes().values().stream().anyMatch(v -> v.startsWith("ZERO-STEP")), last.toString());
        assertTrue(cx.stateAfter(31).get(winner).startsWith("sept-add:frozen"), "winner still holds the frozen SPTE");
    }

    @Test
    void localRetryHoldsUntilEventsArePending() {
        Policy up = TestRuns.policy("upstream", null, null);
        assertEquals(Verdict.HOLDS, runVe("frozen-spte-race", up, false).result("no-zero-step").verdict());
        PropertyResult noisy = runVe("frozen-spte-race", up, true).result("no-zero-step");
        assertEquals(Verdict.VIOLATED, noisy.verdict(), "tdx-facts §3: zero-step may fire after an event breaks out");
        assertTrue(noisy.counterexample().steps().stream()
                .anyMatch(s -> s.action().startsWith("pending event")), "the trace shows the event breaking out");
    }

    @Test
    void bugOnBusyReachesKvmBugButRetryOnceThenKickNeverDoes() {
        List<String> bugged = new ArrayList<>();
        for (String s : CATALOG.defaultScenarioIds()) {
            if (run(s, TestRuns.policy(null, "local-retry", "bug-on-busy"), false).result("no-kvm-bug")
                    .verdict() == Verdict.VIOLATED) {
                bugged.add(s);
            }
            assertEquals(Verdict.HOLDS, run(s, TestRuns.policy(null, "local-retry", "retry-once-then-kick"),
                    false).result("no-kvm-bug").verdict(), s + ": \"the retry is guaranteed to succeed\"");
        }
        assertEquals(List.of("zap-vs-running", "zap-vs-zero-step", "accept-vs-remove", "fault-storm", "memslot-delete",
                "double-accept", "convert-vs-accept", "demote-vs-running", "accept-4k-on-2m"),
                bugged);
    }

    @Test
    void retryForeverLivelocksTrackAgainstVpEnter() {
        Run r = run("zap-vs-running", TestRuns.policy("mmu-part2", null, null), false);
        Counterexample cx = r.result("no-busy-livelock").counterexample();
        assertEquals("LIVENESS", cx.kind());
        assertNotNull(cx.loopBackIndex());
        List<Step> cycle = cx.steps().subList(cx.loopBackIndex(), cx.steps().size());
        assertTrue(cycle.stream().anyMatch(s -> s.actor().equals("zap") && s.action().equals("TDH.MEM.TRACK [acquire]")
                && s.outcome().equals("TDX_OPERAND_BUSY|TD_EPOCH")), "TRACK returns BUSY|TD_EPOCH in the cycle");
        assertTrue(cycle.stream().noneMatch(s -> s.actor().equals("zap") && s.outcome().equals("TDX_SUCCESS")),
                "the zap never succeeds in the cycle");
        assertTrue(cycle.stream().anyMatch(s -> !s.note().isEmpty()), "the VP.ENTER window is called out");
    }
}
