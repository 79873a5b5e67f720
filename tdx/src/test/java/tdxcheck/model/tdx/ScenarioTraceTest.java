package tdxcheck.model.tdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tdxcheck.model.tdx.policy.Policies;

/** Shapes of the model's key counterexamples, found by the independent {@link ReferenceBfs}. */
class ScenarioTraceTest {
    private static TdxModel model(String id, String fault, String zap, boolean pending) {
        // these shapes are those of a #VE guest (plain accesses), the guest before the guest kind existed
        TdxScenarios.Info info = TdxScenarios.info(id);
        TdxOptions o = info.defaults().withPendingEvents(pending);
        o = info.options().contains(TdxOptions.GUEST) ? o.withGuest(GuestKind.VE) : o; // the huge-page ones are Linux
        return new TdxModel(TdxScenarios.build(id, o, Policies.fault(fault), Policies.zap(zap)));
    }

    private static int inZeroStep(TdxModel m, long[] s) {
        int n = 0;
        for (int v = 0; v < m.config().vcpus(); v++) {
            n += TdxWords.zeroStepGpas(s, v) != 0 ? 1 : 0;
        }
        return n;
    }

    @Test
    void resumeGuestTriggersZeroStepAfterSevenReentriesAgainstAFrozenSpte() {
        TdxModel m = model(TdxScenarios.FROZEN_SPTE_RACE, "resume-guest", "retry-forever", false);
        ReferenceBfs.Found f = ReferenceBfs.run(m, (a, x, b) -> inZeroStep(m, b) > inZeroStep(m, a)).found();
        assertNotNull(f);
        assertEquals(31, f.actions().size());
        // The other vCPU holds a frozen SPTE from before the first re-entry to the end.
        int[] enters = new int[2];
        int frozenSteps = 0;
        int frozenAt = -1;
        List<long[]> st = f.states();
        for (int i = 0; i < f.actions().size(); i++) {
            long[] before = st.get(i);
            int a = f.actions().get(i);
            String label = m.describe(before, a, st.get(i + 1)).action();
            if (label.equals("TDH.VP.ENTER [acquire]")) {
                enters[m.actorOf(a)]++;
            }
            if (TdxWords.nonLeaf(before) == Spte.FROZEN) {
                frozenSteps++;
            } else if (TdxWords.nonLeaf(st.get(i + 1)) == Spte.FROZEN) {
                frozenAt = i + 1;
                assertEquals(0, m.actorOf(a), "vcpu0 freezes the non-leaf SPTE");
            }
        }
        assertEquals(6, frozenAt);
        assertEquals(1, enters[0], "vcpu0 enters once and wins the SPTE");
        assertEquals(7, enters[1], "vcpu1 enters 7 times while vcpu0 holds the SPTE frozen");
        long exits = f.actions().stream().filter(a -> a == 2 * (2 + 1)).count();
        assertEquals(7, exits, "guest1's 7 EPT exits at one RIP: 6 count, the 7th records gpa0 (tdx-facts §1)");
        assertEquals(25, frozenSteps, "the SPTE stays frozen (steps 7..31) while vcpu1 re-enters");
        assertEquals(VcpuPc.ADD_FROZEN, TdxWords.pc(st.get(st.size() - 1), 0));
        long[] last = st.get(st.size() - 1);
        String zs = m.fields(last).get("vcpu1.zero_step") + m.fields(last).get("vcpu0.zero_step");
        assertTrue(zs.contains("ZERO-STEP [gpa0]"), zs);
    }

    @Test
    void localRetryHoldsWithoutPendingEventsAndFailsWithThem() {
        TdxModel quiet = model(TdxScenarios.FROZEN_SPTE_RACE, "local-retry", "retry-once-then-kick", false);
        ReferenceBfs.Outcome o = ReferenceBfs.run(quiet, (a, x, b) -> inZeroStep(quiet, b) > inZeroStep(quiet, a));
        assertNull(o.found());
        assertEquals(155, o.states(), "concrete states: the reference explorer has no symmetry");
        TdxModel noisy = model(TdxScenarios.FROZEN_SPTE_RACE, "local-retry", "retry-once-then-kick", true);
        ReferenceBfs.Found f = ReferenceBfs.run(noisy, (a, x, b) -> inZeroStep(noisy, b) > inZeroStep(noisy, a))
                .found();
        assertNotNull(f, "tdx-facts §3: zero-step may still fire when an event breaks the local retry");
        assertEquals(37, f.actions().size());
    }

    @Test
    void bugOnBusyReachesKvmBugOnTrackAgainstVpEnter() {
        TdxModel m = model(TdxScenarios.ZAP_VS_RUNNING, "local-retry", "bug-on-busy", false);
        ReferenceBfs.Found f = ReferenceBfs.run(m, (a, x, b) -> TdxWords.bugged(b)).found();
        assertNotNull(f);
        assertEquals(5, f.actions().size());
        long[] before = f.states().get(4);
        var label = m.describe(before, f.actions().get(4), f.states().get(5));
        assertEquals("TDH.MEM.TRACK [acquire]", label.action());
        assertEquals("TDX_OPERAND_BUSY|TD_EPOCH => KVM_BUG_ON", label.outcome());
    }

    @Test
    void retryOnceThenKickNeverBugs() {
        for (TdxScenarios.Info i : TdxScenarios.ALL) {
            TdxModel m = model(i.id(), "local-retry", "retry-once-then-kick", false);
            assertNull(ReferenceBfs.run(m, (a, x, b) -> TdxWords.bugged(b)).found(), i.id());
        }
    }

    @Test
    void acceptAgainstBlockShowsTheGuestBusyUnlessKickedBeforeBlock() {
        TdxModel up = model(TdxScenarios.ACCEPT_VS_REMOVE, "local-retry", "retry-once-then-kick", false);
        ReferenceBfs.Found f = ReferenceBfs.run(up, (a, x, b) -> TdxWords.guestPanicked(b)).found();
        assertNotNull(f);
        var last = up.describe(f.states().get(f.actions().size() - 1), f.actions().get(f.actions().size() - 1),
                f.states().get(f.actions().size()));
        assertEquals("TDG.MEM.PAGE.ACCEPT gpa0 [acquire]", last.action());
        assertEquals("TDX_OPERAND_BUSY|RCX => guest panic", last.outcome());
        TdxModel kbb = model(TdxScenarios.ACCEPT_VS_REMOVE, "local-retry", "kick-before-block", false);
        assertNull(ReferenceBfs.run(kbb, (a, x, b) -> TdxWords.guestPanicked(b)).found());
    }

    @Test
    void symmetryOnlyMergesIdenticalVcpus() {
        assertTrue(model(TdxScenarios.FAULT_STORM, "local-retry", "retry-once-then-kick", false).hasSymmetry());
        assertEquals(false, model(TdxScenarios.ZAP_VS_ZERO_STEP, "local-retry", "retry-once-then-kick", false)
                .hasSymmetry());
    }
}
