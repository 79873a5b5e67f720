package tdxcheck.app.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tdxcheck.app.TestRuns;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Policy;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Step;
import tdxcheck.reports.result.Verdict;

/**
 * The answers of docs/hugepage.md (tdx-facts §7a), end to end through TdxCatalog and the engine:
 * verdict, exact state count (single-threaded, as the baseline counts), counterexample length and
 * shape, and every counterexample replays.
 */
class HugePageAnswersTest {
    private static final Policy HP_V3 = TestRuns.policy("hp-v3", null, null);
    private static final Policy UNTIL = TestRuns.policy(null, "local-retry-slot-break", "retry-until-success");
    private static final List<String> ALL = List.of("no-zero-step", "no-busy-livelock", "no-deadlock", "no-kvm-bug",
            "no-guest-busy", "no-vm-dead", "lock-safety", "no-misdecoded-exit");

    private static Params params(String scenario, String... kv) {
        Params p = TestRuns.TDX.scenario(scenario).defaults();
        for (int i = 0; i < kv.length; i += 2) {
            p = p.withText(kv[i], kv[i + 1]);
        }
        return p;
    }

    private static Run run(String scenario, Policy policy, Fairness fairness, String... kv) {
        Params p = params(scenario, kv);
        CheckTarget t = TestRuns.TDX.scenario(scenario).build(p, policy);
        Run r = TestRuns.verify(scenario, p, policy, t, SearchConfig.builder().threads(1).build(), fairness);
        for (PropertyResult pr : r.results()) {
            if (pr.verdict() == Verdict.VIOLATED) {
                VerdictTableTest.assertReplays(scenario, p, policy, pr.counterexample());
            }
        }
        return r;
    }

    private static String verdicts(Run r) {
        StringBuilder sb = new StringBuilder();
        for (String p : ALL) {
            sb.append(r.result(p).verdict() == Verdict.HOLDS ? 'H' : 'V');
        }
        return sb.toString();
    }

    private static Step last(Counterexample cx) {
        return cx.steps().get(cx.steps().size() - 1);
    }

    /** Q1: the kicked retry of DEMOTE never sees BUSY (else no-kvm-bug would fail under hp-v3). */
    @Test
    void theRetriedDemoteNeverSeesBusy() {
        Run running = run("demote-vs-running", HP_V3, Fairness.HW);
        assertEquals("HHHHHHHH", verdicts(running));
        assertEquals(396, running.stats().distinctStates());
        Run accept2m = run("accept-4k-on-2m", HP_V3, Fairness.HW, "accept-level", "2m");
        assertEquals("HHHHVHHH", verdicts(accept2m));
        assertEquals(201, accept2m.stats().distinctStates());
        // the guest's 2M ACCEPT loses to the host's BLOCK on the 2M entry: accept-vs-remove's insane guest
        Counterexample cx = accept2m.result("no-guest-busy").counterexample();
        assertEquals(5, cx.steps().size());
        assertEquals("TDG.MEM.PAGE.ACCEPT gpa0 [acquire]", last(cx).action());
        assertEquals("TDX_OPERAND_BUSY|RCX => guest panic", last(cx).outcome());
    }

    /** Q2: without EDI, hp-v3 bugs the VM on TDX_INTERRUPTED_RESTARTABLE in 9 steps. */
    @Test
    void withoutEdiTheV3SeriesReachesKvmBugOn() {
        Run r = run("demote-vs-running", HP_V3, Fairness.HW, "edi", "false");
        assertEquals("HHHVHHHH", verdicts(r));
        Counterexample cx = r.result("no-kvm-bug").counterexample();
        assertEquals(9, cx.steps().size());
        assertTrue(cx.steps().stream().allMatch(s -> s.actor().equals("zap")), "the split alone, no vCPU needed");
        assertEquals("TDH.MEM.PAGE.DEMOTE gpa0 (2M) [complete] (host interrupt pending)", last(cx).action());
        assertEquals("TDX_INTERRUPTED_RESTARTABLE => KVM_BUG_ON", last(cx).outcome());
        assertEquals(412, r.stats().distinctStates());
        Run withEdi = run("demote-vs-running", HP_V3, Fairness.HW);
        assertEquals(Verdict.HOLDS, withEdi.result("no-kvm-bug").verdict());
    }

    /** Q2: retrying until success has a fair INTERRUPTED_RESTARTABLE cycle without EDI, none with it. */
    @Test
    void retryUntilSuccessLivelocksOnInterruptsWithoutEdi() {
        Run r = run("demote-vs-running", UNTIL, Fairness.HW, "edi", "false");
        assertEquals("HVHHHHHH", verdicts(r));
        PropertyResult live = r.result("no-busy-livelock");
        assertEquals("robust", live.livelockClass());
        Counterexample cx = live.counterexample();
        assertNotNull(cx.loopBackIndex());
        List<Step> cycle = cx.steps().subList(cx.loopBackIndex(), cx.steps().size());
        assertTrue(cycle.stream().anyMatch(s -> s.outcome().startsWith("TDX_INTERRUPTED_RESTARTABLE")), "the cycle");
        assertTrue(cycle.stream().noneMatch(s -> s.outcome().contains("TDX_SUCCESS") && s.actor().equals("zap")),
                "DEMOTE never completes in the cycle");
        assertEquals(14, cx.steps().size());
        assertEquals(9, cx.loopBackIndex(), "cycle 10-14: VP.ENTER, DEMOTE, the guest in and out, DEMOTE interrupted");
        assertEquals(383, r.stats().distinctStates());
        Run edi = run("demote-vs-running", UNTIL, Fairness.HW);
        assertEquals("HHHHHHHH", verdicts(edi));
        Run weak = run("demote-vs-running", UNTIL, Fairness.WEAK, "edi", "false");
        assertEquals(Verdict.VIOLATED, weak.result("no-busy-livelock").verdict());
    }

    /** Q3: a 4K ACCEPT of a 2M mapping exits (uncounted) until the split: no zero-step. */
    @Test
    void a4kAcceptOfA2mMappingGivesNoZeroStep() {
        Run r = run("accept-4k-on-2m", HP_V3, Fairness.HW);
        assertEquals("HHHHHHHH", verdicts(r));
        assertEquals(112, r.stats().distinctStates());
        // UNCONFIRMED: the 4K ACCEPT takes the 2M entry's lock before it exits: KVM safe, the guest sees BUSY
        Run locks = run("accept-4k-on-2m", HP_V3, Fairness.HW, "accept-4k-locks-2m", "true");
        assertEquals("HHHHVHHH", verdicts(locks));
        assertEquals(120, locks.stats().distinctStates());
        Counterexample cx = locks.result("no-guest-busy").counterexample();
        assertEquals("TDG.MEM.PAGE.ACCEPT gpa0 [acquire]", last(cx).action());
        assertTrue(last(cx).outcome().startsWith("TDX_OPERAND_BUSY|RCX"), last(cx).outcome());
        assertEquals(5, cx.steps().size());
        // host level below accept level: TDX_PAGE_SIZE_MISMATCH, the guest falls back to 4K
        Run mismatch = run("accept-4k-on-2m", HP_V3, Fairness.HW, "mapping", "4k", "accept-level", "2m");
        assertEquals("HHHHHHHH", verdicts(mismatch));
        assertEquals(21, mismatch.stats().distinctStates());
    }
}
