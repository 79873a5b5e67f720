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
import tdxcheck.app.check.Verifier;
import tdxcheck.core.engine.Replayer;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
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
    private static final List<String> PROPS = List.of("no-zero-step", "no-busy-livelock", "no-deadlock",
            "no-kvm-bug", "no-guest-busy", "lock-safety");

    /**
     * scenario, fault-retry, zap-retry, verdicts, distinct states (weak fairness, threads 1, vCPU
     * symmetry on: liveness runs on the symmetry quotient too, docs/performance.md).
     */
    private static final String[] TABLE = {
        "frozen-spte-race  resume-guest        retry-forever         VVHHHH   1218",
        "frozen-spte-race  resume-guest        retry-once-then-kick  VVHHHH   1218",
        "frozen-spte-race  resume-guest        kick-before-block     VVHHHH   1218",
        "frozen-spte-race  resume-guest        bug-on-busy           VVHHHH   1218",
        "frozen-spte-race  local-retry-frozen  retry-forever         HHHHHH     82",
        "frozen-spte-race  local-retry-frozen  retry-once-then-kick  HHHHHH     82",
        "frozen-spte-race  local-retry-frozen  kick-before-block     HHHHHH     82",
        "frozen-spte-race  local-retry-frozen  bug-on-busy           HHHHHH     82",
        "frozen-spte-race  local-retry         retry-forever         HHHHHH     82",
        "frozen-spte-race  local-retry         retry-once-then-kick  HHHHHH     82",
        "frozen-spte-race  local-retry         kick-before-block     HHHHHH     82",
        "frozen-spte-race  local-retry         bug-on-busy           HHHHHH     82",
        "zap-vs-running    resume-guest        retry-forever         HVHHHH     76",
        "zap-vs-running    resume-guest        retry-once-then-kick  HHHHHH     89",
        "zap-vs-running    resume-guest        kick-before-block     HHHHHH     31",
        "zap-vs-running    resume-guest        bug-on-busy           HHHVHH     79",
        "zap-vs-running    local-retry-frozen  retry-forever         HVHHHH     76",
        "zap-vs-running    local-retry-frozen  retry-once-then-kick  HHHHHH     89",
        "zap-vs-running    local-retry-frozen  kick-before-block     HHHHHH     31",
        "zap-vs-running    local-retry-frozen  bug-on-busy           HHHVHH     79",
        "zap-vs-running    local-retry         retry-forever         HVHHHH     76",
        "zap-vs-running    local-retry         retry-once-then-kick  HHHHHH     89",
        "zap-vs-running    local-retry         kick-before-block     HHHHHH     31",
        "zap-vs-running    local-retry         bug-on-busy           HHHVHH     79",
        "zap-vs-zero-step  resume-guest        retry-forever         VVHHHH   5867",
        "zap-vs-zero-step  resume-guest        retry-once-then-kick  VVHHHH   8820",
        "zap-vs-zero-step  resume-guest        kick-before-block     VVHHHH   3419",
        "zap-vs-zero-step  resume-guest        bug-on-busy           VVHVHH   6189",
        "zap-vs-zero-step  local-retry-frozen  retry-forever         VVHHHH   5867",
        "zap-vs-zero-step  local-retry-frozen  retry-once-then-kick  VVHHHH   8820",
        "zap-vs-zero-step  local-retry-frozen  kick-before-block     VVHHHH   3419",
        "zap-vs-zero-step  local-retry-frozen  bug-on-busy           VVHVHH   6189",
        "zap-vs-zero-step  local-retry         retry-forever         HHHHHH   1308",
        "zap-vs-zero-step  local-retry         retry-once-then-kick  HHHHHH   2049",
        "zap-vs-zero-step  local-retry         kick-before-block     HHHHHH    767",
        "zap-vs-zero-step  local-retry         bug-on-busy           HHHVHH   1382",
        "accept-vs-remove  resume-guest        retry-forever         HHHHVH     83",
        "accept-vs-remove  resume-guest        retry-once-then-kick  HHHHVH    115",
        "accept-vs-remove  resume-guest        kick-before-block     HHHHHH     56",
        "accept-vs-remove  resume-guest        bug-on-busy           HHHVVH     82",
        "accept-vs-remove  local-retry-frozen  retry-forever         HHHHVH     83",
        "accept-vs-remove  local-retry-frozen  retry-once-then-kick  HHHHVH    115",
        "accept-vs-remove  local-retry-frozen  kick-before-block     HHHHHH     56",
        "accept-vs-remove  local-retry-frozen  bug-on-busy           HHHVVH     82",
        "accept-vs-remove  local-retry         retry-forever         HHHHVH     83",
        "accept-vs-remove  local-retry         retry-once-then-kick  HHHHVH    115",
        "accept-vs-remove  local-retry         kick-before-block     HHHHHH     56",
        "accept-vs-remove  local-retry         bug-on-busy           HHHVVH     82",
        "fault-storm       resume-guest        retry-forever         VVHHHH  26547",
        "fault-storm       resume-guest        retry-once-then-kick  VVHHHH  33482",
        "fault-storm       resume-guest        kick-before-block     VVHHHH  17554",
        "fault-storm       resume-guest        bug-on-busy           VVHVHH  27300",
        "fault-storm       local-retry-frozen  retry-forever         HHHHHH   2853",
        "fault-storm       local-retry-frozen  retry-once-then-kick  HHHHHH   3396",
        "fault-storm       local-retry-frozen  kick-before-block     HHHHHH   1768",
        "fault-storm       local-retry-frozen  bug-on-busy           HHHVHH   2896",
        "fault-storm       local-retry         retry-forever         HHHHHH   2853",
        "fault-storm       local-retry         retry-once-then-kick  HHHHHH   3396",
        "fault-storm       local-retry         kick-before-block     HHHHHH   1768",
        "fault-storm       local-retry         bug-on-busy           HHHVHH   2896",
    };

    /** The presets with --pending-events, where an event may break the local retry at any time. */
    private static final String[] PENDING_EVENTS = {
        "frozen-spte-race  mmu-part2           -                     VVHHHH   1218",
        "frozen-spte-race  upstream            -                     VVHHHH   1567",
        "frozen-spte-race  sep2024-proposal    -                     VVHHHH   1531",
        "zap-vs-zero-step  mmu-part2           -                     VVHHHH   5867",
        "zap-vs-zero-step  upstream            -                     VVHHHH   9940",
        "zap-vs-zero-step  sep2024-proposal    -                     VVHHHH   3419",
        "fault-storm       mmu-part2           -                     VVHHHH  26547",
        "fault-storm       upstream            -                     VVHHHH  42392",
        "fault-storm       sep2024-proposal    -                     VVHHHH  22289",
    };

    private static final TdxCatalog CATALOG = new TdxCatalog();

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
        assertEquals(60, TABLE.length, "5 scenarios x 3 fault x 4 zap policies");
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
        Run r = run("frozen-spte-race", CATALOG.resolvePolicy(null, "resume-guest", "retry-once-then-kick"), false);
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
        assertEquals(Verdict.HOLDS, run("frozen-spte-race", up, false).result("no-zero-step").verdict());
        PropertyResult noisy = run("frozen-spte-race", up, true).result("no-zero-step");
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
