package tdxcheck.harness.scenario;

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
import tdxcheck.harness.check.Verifier;
import tdxcheck.harness.engine.Replayer;
import tdxcheck.harness.engine.SearchConfig;
import tdxcheck.harness.liveness.Fairness;
import tdxcheck.model.tdx.GuestKind;
import tdxcheck.model.tdx.TdxOptions;
import tdxcheck.model.tdx.TdxScenarios;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Step;
import tdxcheck.reports.result.Verdict;

/**
 * The pinned verdict table: every scenario (default parameters) under every fault x zap policy
 * combination, all six properties, and the distinct-state count. docs/verdicts.md gives the
 * reasoning for each non-obvious verdict. Columns: no-zero-step, no-busy-livelock, no-deadlock,
 * no-kvm-bug, no-guest-busy, lock-safety (H = HOLDS, V = VIOLATED). Every counterexample is
 * replayed through the model.
 */
class VerdictTableTest {
    static final List<String> PROPS = List.of("no-zero-step", "no-busy-livelock", "no-deadlock",
            "no-kvm-bug", "no-guest-busy", "no-vm-dead", "lock-safety");

    /**
     * scenario, fault-retry, zap-retry, verdicts, distinct states (weak fairness, threads 1, vCPU
     * symmetry on: liveness runs on the symmetry quotient too, docs/performance.md).
     */
    private static final String[] TABLE = {
        "frozen-spte-race  resume-guest           mmu-part2-loops       VVHHHHH    1185",
        "frozen-spte-race  resume-guest           retry-forever         VVHHHHH    1185",
        "frozen-spte-race  resume-guest           retry-once-then-kick  VVHHHHH    1185",
        "frozen-spte-race  resume-guest           kick-before-block     VVHHHHH    1185",
        "frozen-spte-race  resume-guest           bug-on-busy           VVHHHHH    1185",
        "frozen-spte-race  local-retry-frozen     mmu-part2-loops       HHHHHHH      82",
        "frozen-spte-race  local-retry-frozen     retry-forever         HHHHHHH      82",
        "frozen-spte-race  local-retry-frozen     retry-once-then-kick  HHHHHHH      82",
        "frozen-spte-race  local-retry-frozen     kick-before-block     HHHHHHH      82",
        "frozen-spte-race  local-retry-frozen     bug-on-busy           HHHHHHH      82",
        "frozen-spte-race  local-retry            mmu-part2-loops       HHHHHHH      82",
        "frozen-spte-race  local-retry            retry-forever         HHHHHHH      82",
        "frozen-spte-race  local-retry            retry-once-then-kick  HHHHHHH      82",
        "frozen-spte-race  local-retry            kick-before-block     HHHHHHH      82",
        "frozen-spte-race  local-retry            bug-on-busy           HHHHHHH      82",
        "zap-vs-running    resume-guest           mmu-part2-loops       HVHHHHH      76",
        "zap-vs-running    resume-guest           retry-forever         HVHHHHH      76",
        "zap-vs-running    resume-guest           retry-once-then-kick  HHHHHHH      89",
        "zap-vs-running    resume-guest           kick-before-block     HHHHHHH      31",
        "zap-vs-running    resume-guest           bug-on-busy           HHHVHHH      79",
        "zap-vs-running    local-retry-frozen     mmu-part2-loops       HVHHHHH      76",
        "zap-vs-running    local-retry-frozen     retry-forever         HVHHHHH      76",
        "zap-vs-running    local-retry-frozen     retry-once-then-kick  HHHHHHH      89",
        "zap-vs-running    local-retry-frozen     kick-before-block     HHHHHHH      31",
        "zap-vs-running    local-retry-frozen     bug-on-busy           HHHVHHH      79",
        "zap-vs-running    local-retry            mmu-part2-loops       HVHHHHH      76",
        "zap-vs-running    local-retry            retry-forever         HVHHHHH      76",
        "zap-vs-running    local-retry            retry-once-then-kick  HHHHHHH      89",
        "zap-vs-running    local-retry            kick-before-block     HHHHHHH      31",
        "zap-vs-running    local-retry            bug-on-busy           HHHVHHH      79",
        "zap-vs-zero-step  resume-guest           mmu-part2-loops       HVHVHHH    1202",
        "zap-vs-zero-step  resume-guest           retry-forever         HVHHHHH    1174",
        "zap-vs-zero-step  resume-guest           retry-once-then-kick  HVHHHHH    1702",
        "zap-vs-zero-step  resume-guest           kick-before-block     HVHHHHH     754",
        "zap-vs-zero-step  resume-guest           bug-on-busy           HVHVHHH    1271",
        "zap-vs-zero-step  local-retry-frozen     mmu-part2-loops       HVHVHHH    1202",
        "zap-vs-zero-step  local-retry-frozen     retry-forever         HVHHHHH    1174",
        "zap-vs-zero-step  local-retry-frozen     retry-once-then-kick  HVHHHHH    1702",
        "zap-vs-zero-step  local-retry-frozen     kick-before-block     HVHHHHH     754",
        "zap-vs-zero-step  local-retry-frozen     bug-on-busy           HVHVHHH    1271",
        "zap-vs-zero-step  local-retry            mmu-part2-loops       HVHVHHH    1076",
        "zap-vs-zero-step  local-retry            retry-forever         HVHHHHH    1052",
        "zap-vs-zero-step  local-retry            retry-once-then-kick  HVHHHHH    1536",
        "zap-vs-zero-step  local-retry            kick-before-block     HVHHHHH     690",
        "zap-vs-zero-step  local-retry            bug-on-busy           HVHVHHH    1138",
        "accept-vs-remove  resume-guest           mmu-part2-loops       HHHVVHH      81",
        "accept-vs-remove  resume-guest           retry-forever         HHHHVHH      83",
        "accept-vs-remove  resume-guest           retry-once-then-kick  HHHHVHH     115",
        "accept-vs-remove  resume-guest           kick-before-block     HHHHHHH      56",
        "accept-vs-remove  resume-guest           bug-on-busy           HHHVVHH      82",
        "accept-vs-remove  local-retry-frozen     mmu-part2-loops       HHHVVHH      81",
        "accept-vs-remove  local-retry-frozen     retry-forever         HHHHVHH      83",
        "accept-vs-remove  local-retry-frozen     retry-once-then-kick  HHHHVHH     115",
        "accept-vs-remove  local-retry-frozen     kick-before-block     HHHHHHH      56",
        "accept-vs-remove  local-retry-frozen     bug-on-busy           HHHVVHH      82",
        "accept-vs-remove  local-retry            mmu-part2-loops       HHHVVHH      81",
        "accept-vs-remove  local-retry            retry-forever         HHHHVHH      83",
        "accept-vs-remove  local-retry            retry-once-then-kick  HHHHVHH     115",
        "accept-vs-remove  local-retry            kick-before-block     HHHHHHH      56",
        "accept-vs-remove  local-retry            bug-on-busy           HHHVVHH      82",
        "fault-storm       resume-guest           mmu-part2-loops       VVHVVVH    3477",
        "fault-storm       resume-guest           retry-forever         VVHHVVH    3491",
        "fault-storm       resume-guest           retry-once-then-kick  VVHHVVH    4391",
        "fault-storm       resume-guest           kick-before-block     VVHHHVH    2341",
        "fault-storm       resume-guest           bug-on-busy           VVHVVVH    3500",
        "fault-storm       local-retry-frozen     mmu-part2-loops       HHHVVVH    2659",
        "fault-storm       local-retry-frozen     retry-forever         HHHHVVH    2673",
        "fault-storm       local-retry-frozen     retry-once-then-kick  HHHHVVH    3573",
        "fault-storm       local-retry-frozen     kick-before-block     HHHHHVH    1523",
        "fault-storm       local-retry-frozen     bug-on-busy           HHHVVVH    2682",
        "fault-storm       local-retry            mmu-part2-loops       HHHVVVH    2659",
        "fault-storm       local-retry            retry-forever         HHHHVVH    2673",
        "fault-storm       local-retry            retry-once-then-kick  HHHHVVH    3573",
        "fault-storm       local-retry            kick-before-block     HHHHHVH    1523",
        "fault-storm       local-retry            bug-on-busy           HHHVVVH    2682",
    };

    /** The presets with --pending-events, where an event may break the local retry at any time. */
    private static final String[] PENDING_EVENTS = {
        "frozen-spte-race  mmu-part2              -                     VVHHHHH    1185",
        "frozen-spte-race  upstream               -                     VVHHHHH    1534",
        "frozen-spte-race  sep2024-proposal       -                     VVHHHHH    1498",
        "zap-vs-zero-step  mmu-part2              -                     HVHVHHH    1202",
        "zap-vs-zero-step  upstream               -                     HVHHHHH    1774",
        "zap-vs-zero-step  sep2024-proposal       -                     HVHHHHH     754",
        "fault-storm       mmu-part2              -                     VVHVVVH    3477",
        "fault-storm       upstream               -                     VVHHVVH    4654",
        "fault-storm       sep2024-proposal       -                     VVHHHVH    2580",
    };

    private static final TdxCatalog CATALOG = new TdxCatalog();

    /** A run with a #VE guest (the guest of the model before the guest kind existed, tdx-facts §6c). */
    static Run runVe(String scenario, PolicySpec policy, boolean pendingEvents) {
        TdxOptions o = TdxScenarios.info(scenario).defaults().withPendingEvents(pendingEvents).withGuest(GuestKind.VE);
        CheckTarget t = TdxCatalog.build(scenario, o, Policies.fault(policy.faultRetry()), Policies.zap(policy.zapRetry()));
        Scenario s = CATALOG.scenario(scenario);
        return Verifier.verify(scenario, s.defaults().withPendingEvents(pendingEvents), policy, t,
                SearchConfig.builder().threads(1).build(), Fairness.WEAK);
    }

    static Run run(String scenario, PolicySpec policy, boolean pendingEvents) {
        Scenario s = CATALOG.scenario(scenario);
        ScenarioParams p = s.defaults().withPendingEvents(pendingEvents);
        return Verifier.verify(scenario, p, policy, s.build(p, policy), SearchConfig.builder().threads(1).build(),
                Fairness.WEAK);
    }

    private static Stream<DynamicTest> rows(String[] table, boolean pendingEvents) {
        return Arrays.stream(table).map(row -> DynamicTest.dynamicTest(row.replaceAll("\\s+", " "), () -> {
            String[] f = row.trim().split("\\s+");
            PolicySpec policy = f[2].equals("-") ? CATALOG.resolvePolicy(f[1], null, null)
                    : CATALOG.resolvePolicy(null, f[1], f[2]);
            Run r = run(f[0], policy, pendingEvents);
            StringBuilder got = new StringBuilder();
            for (String prop : PROPS) {
                Verdict v = r.result(prop).verdict();
                got.append(v == Verdict.HOLDS ? 'H' : v == Verdict.VIOLATED ? 'V' : 'I');
            }
            assertEquals(f[3], got.toString(), "verdicts " + PROPS);
            assertEquals(Long.parseLong(f[4]), r.stats().distinctStates(), "distinct states");
            for (PropertyResult pr : r.results()) {
                if (pr.verdict() == Verdict.VIOLATED) {
                    assertReplays(f[0], policy, pendingEvents, pr.counterexample());
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioUnderEveryFaultAndZapPolicy() {
        assertEquals(CATALOG.defaultScenarioIds().size() * CATALOG.faultRetries().size() * CATALOG.zapRetries().size(),
                TABLE.length, "every scenario x fault x zap policy");
        return rows(TABLE, false);
    }

    @TestFactory
    Stream<DynamicTest> presetsWithPendingEvents() {
        return rows(PENDING_EVENTS, true);
    }

    /** The counterexample's action ids replay through a fresh model to the state its last step shows. */
    static void assertReplays(String scenario, PolicySpec policy, boolean pendingEvents, Counterexample cx) {
        assertNotNull(cx);
        Scenario s = CATALOG.scenario(scenario);
        var model = s.build(s.defaults().withPendingEvents(pendingEvents), policy).model();
        int[] actions = cx.replay().actions().stream().mapToInt(Integer::intValue).toArray();
        long[] end = Replayer.replay(model, cx.replay().initialState(), actions);
        assertEquals(cx.stateAfter(cx.steps().size()), model.fields(end), "replayed final state");
        assertEquals(cx.steps().size(), actions.length);
    }

    @Test
    void frozenSpteRaceResumeGuestReentersSevenTimesWhileTheOtherHoldsTheFrozenSpte() {
        Run r = runVe("frozen-spte-race", CATALOG.resolvePolicy(null, "resume-guest", "retry-once-then-kick"), false);
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
        PolicySpec up = CATALOG.resolvePolicy("upstream", null, null);
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
            if (run(s, CATALOG.resolvePolicy(null, "local-retry", "bug-on-busy"), false).result("no-kvm-bug")
                    .verdict() == Verdict.VIOLATED) {
                bugged.add(s);
            }
            assertEquals(Verdict.HOLDS, run(s, CATALOG.resolvePolicy(null, "local-retry", "retry-once-then-kick"),
                    false).result("no-kvm-bug").verdict(), s + ": \"the retry is guaranteed to succeed\"");
        }
        assertEquals(List.of("zap-vs-running", "zap-vs-zero-step", "accept-vs-remove", "fault-storm"), bugged);
    }

    @Test
    void retryForeverLivelocksTrackAgainstVpEnter() {
        Run r = run("zap-vs-running", CATALOG.resolvePolicy("mmu-part2", null, null), false);
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
