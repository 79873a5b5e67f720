package tdxcheck.model.tdx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tdxcheck.core.spi.ModelException;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.model.tdx.policy.ZapBusyAction;
import tdxcheck.model.tdx.policy.ZapRetryPolicy;

/** Huge pages (tdx-facts §7a): DEMOTE's lock row, its preconditions, INTERRUPTED_RESTARTABLE, the split. */
class HugePageTest {
    private static final HugePage NO_EDI = new HugePage(true, false, false, false, true);

    private static TdxModel model(String scenario, String zap, HugePage hp) {
        return new TdxModel(TdxScenarios.build(scenario, TdxScenarios.info(scenario).defaults(),
                Policies.fault("local-retry-slot-break"), Policies.zap(zap), hp));
    }

    private static TdxModel demote(String zap, boolean edi) {
        return model(TdxScenarios.DEMOTE_VS_RUNNING, zap, edi ? TdxScenarios.hugePageDefaults(
                TdxScenarios.DEMOTE_VS_RUNNING) : NO_EDI);
    }

    @Test
    void demoteTakesTheTreeSharedAndThe2mEntry() {
        assertEquals(new LockTable.Row(Seamcall.MEM_PAGE_DEMOTE, LockMode.NONE, LockMode.SHARED, LockMode.SHARED, true),
                LockTable.row(Seamcall.MEM_PAGE_DEMOTE));
        // zero-step VP.ENTER holds the tree EX (RFC v2 10/23, tdx-facts §7a.6)
        assertEquals(Outcome.BUSY_SEPT_TREE, LockTable.contend(Seamcall.VP_ENTER, true, Seamcall.MEM_PAGE_DEMOTE, false, false));
        assertEquals(Outcome.LOCKS_TAKEN, LockTable.contend(Seamcall.VP_ENTER, false, Seamcall.MEM_PAGE_DEMOTE, false, false));
        // a guest ACCEPT on the 2M entry holds its lock
        assertEquals(Outcome.BUSY_RCX, LockTable.contend(Seamcall.MEM_PAGE_ACCEPT, false, Seamcall.MEM_PAGE_DEMOTE, false, true));
        assertEquals(Outcome.LOCKS_TAKEN, LockTable.contend(Seamcall.MEM_PAGE_ACCEPT, false, Seamcall.MEM_PAGE_DEMOTE, false, false));
        assertEquals(Outcome.BUSY_SEPT_TREE, LockTable.contend(Seamcall.MEM_PAGE_DEMOTE, false, Seamcall.MEM_RANGE_BLOCK, false, false));
        assertEquals(Outcome.LOCKS_TAKEN, LockTable.contend(Seamcall.MEM_PAGE_DEMOTE, false, Seamcall.MEM_PAGE_AUG, false, false));
        assertFalse(LockHolders.vcpuSideMayHold(Seamcall.MEM_PAGE_DEMOTE));
    }

    /** The 2M range of gpa0 blocked at epoch 0, the TD at {@code epoch}; vCPUs in the run loop. */
    private static long[] blocked(TdxModel m, int epoch) {
        long[] s = new long[m.stateWords()];
        m.initialState(0, s);
        TdxWords.setSept(s, 0, SeptState.BLOCKED_MAPPED);
        TdxWords.setBlockEpoch(s, 0, 0);
        TdxWords.setEpoch(s, epoch);
        TdxWords.setZapPc(s, ZapPc.DEMOTE_HELD);
        return s;
    }

    @Test
    void demoteNeedsA2mLeafBlockedAndTracked() {
        TdxModel m = demote("hp-v3", true);
        TdxConfig c = m.config();
        long[] s = blocked(m, 0);
        assertEquals(Outcome.TLB_TRACKING_NOT_DONE, PageDemote.complete(c, s, false), "blocked, not tracked");
        s = blocked(m, 1);
        TdxWords.enterTd(s, 1, 0); // vcpu1 still runs in epoch 0
        assertEquals(Outcome.TLB_TRACKING_NOT_DONE, PageDemote.complete(c, s, false), "a vCPU of the old epoch runs");
        s = blocked(m, 1);
        TdxWords.setSept(s, 0, SeptState.MAPPED);
        assertEquals(Outcome.GPA_RANGE_NOT_BLOCKED, PageDemote.complete(c, s, false));
        s = blocked(m, 1);
        TdxWords.setHuge(s, false);
        assertEquals(Outcome.EPT_ENTRY_STATE_INCORRECT, PageDemote.complete(c, s, false), "already 4K");
        s = blocked(m, 1);
        assertEquals(Outcome.TDX_SUCCESS, PageDemote.complete(c, s, false));
        assertFalse(TdxWords.huge(s));
        assertEquals(SeptState.MAPPED, TdxWords.sept(s, 0), "the children are unblocked");
        s = blocked(m, 1);
        TdxWords.setSept(s, 0, SeptState.BLOCKED_PENDING);
        assertEquals(Outcome.TDX_SUCCESS, PageDemote.complete(c, s, false));
        assertEquals(SeptState.PENDING, TdxWords.sept(s, 0));
    }

    @Test
    void interruptedRestartableOnlyWithoutEdi() {
        TdxModel with = demote("hp-v3", true);
        long[] s = blocked(with, 1);
        int[] out = new int[with.maxEnabled()];
        int zapAlt = 2 * with.config().zapActor() + 1;
        assertFalse(enabled(with, s, out).contains(zapAlt), "EDI: no host-interrupt choice");
        assertEquals(Outcome.TDX_SUCCESS, PageDemote.complete(with.config(), s.clone(), true));

        TdxModel without = demote("hp-v3", false);
        s = blocked(without, 1);
        assertTrue(enabled(without, s, out).contains(zapAlt), "no EDI: the environment may raise an interrupt");
        long[] after = s.clone();
        assertEquals(Outcome.INTERRUPTED_RESTARTABLE, PageDemote.complete(without.config(), after, true));
        assertArrayEquals(s, after, "nothing changes: not restartable, no state saved");
        assertFalse(Outcome.INTERRUPTED_RESTARTABLE.operandBusy());
        assertEquals(0x8000000400000000L, Outcome.INTERRUPTED_RESTARTABLE.code());
        assertFalse(enabled(without, blocked(without, 1), out).isEmpty());
        long[] atDemote = blocked(without, 1);
        TdxWords.setZapPc(atDemote, ZapPc.DEMOTE);
        assertFalse(enabled(without, atDemote, out).contains(zapAlt), "only DEMOTE's complete step");
    }

    private static List<Integer> enabled(TdxModel m, long[] s, int[] out) {
        int n = m.enabledActions(s, out);
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(out[i]);
        }
        return l;
    }

    @Test
    void theHugePagePoliciesDecideDemote() {
        ZapRetryPolicy v3 = Policies.zap("hp-v3");
        ZapRetryPolicy loop = Policies.zap("retry-until-success");
        Seamcall d = Seamcall.MEM_PAGE_DEMOTE;
        for (Outcome busy : List.of(Outcome.BUSY_SEPT_TREE, Outcome.BUSY_RCX)) {
            assertEquals(ZapBusyAction.KICK_THEN_RETRY, v3.onError(d, busy, false));
            assertEquals(ZapBusyAction.BUG, v3.onError(d, busy, true));
            assertEquals(ZapBusyAction.RETRY, loop.onError(d, busy, false));
            assertEquals(ZapBusyAction.RETRY, loop.onError(d, busy, true));
        }
        assertEquals(ZapBusyAction.BUG, v3.onError(d, Outcome.INTERRUPTED_RESTARTABLE, false));
        assertEquals(ZapBusyAction.RETRY, loop.onError(d, Outcome.INTERRUPTED_RESTARTABLE, false));
        assertEquals(ZapBusyAction.BUG, loop.onError(d, Outcome.TLB_TRACKING_NOT_DONE, false));
        assertEquals(ZapBusyAction.BUG, Policies.zap("retry-once-then-kick").onError(d, Outcome.INTERRUPTED_RESTARTABLE,
                false), "upstream's tdh_do_no_vcpus bugs on it too");
    }

    @Test
    void theSplitBlocksTracksKicksGetsPamtAndDemotes() {
        TdxModel m = demote("hp-v3", true);
        // the zap alone: IDLE -> ... -> DONE, each step's pc
        long[] s = new long[m.stateWords()];
        m.initialState(0, s);
        int zap = 2 * m.config().zapActor();
        List<String> pcs = new ArrayList<>();
        while (TdxWords.zapPc(s) != ZapPc.DONE) {
            m.step(s, zap);
            pcs.add(ZapPc.name(TdxWords.zapPc(s)));
        }
        assertEquals(List.of("block", "block:held", "track", "track:held", "track-kick", "pamt-get", "demote",
                "demote:held", "unlock", "done"), pcs);
        assertFalse(TdxWords.huge(s));
        assertEquals(SeptState.MAPPED, TdxWords.sept(s, 0));
        assertFalse(TdxWords.invalWindow(s), "a split opens no invalidation window");
        assertFalse(TdxWords.bugged(s));
    }

    @Test
    void onlyTheHugePageScenariosTakeTheHugePageParameters() {
        TdxOptions o = TdxScenarios.info(TdxScenarios.ZAP_VS_RUNNING).defaults();
        ModelException e = assertThrows(ModelException.class, () -> TdxScenarios.build(TdxScenarios.ZAP_VS_RUNNING, o,
                Policies.fault("local-retry"), Policies.zap("hp-v3"), new HugePage(false, false, false, false, false)));
        assertEquals("scenario zap-vs-running does not take --edi", e.getMessage());
        assertEquals(HugePage.NONE, TdxScenarios.build(TdxScenarios.ZAP_VS_RUNNING, o, Policies.fault("local-retry"),
                Policies.zap("hp-v3")).hugePage());
        ModelException f = assertThrows(ModelException.class, () -> TdxScenarios.build(TdxScenarios.DEMOTE_VS_RUNNING,
                TdxScenarios.info(TdxScenarios.DEMOTE_VS_RUNNING).defaults(), Policies.fault("local-retry"),
                Policies.zap("hp-v3"), new HugePage(true, true, false, true, true)));
        assertEquals("scenario demote-vs-running does not take --accept-level", f.getMessage());
    }

    /** The first DEMOTE of hp-v3 can meet a zero-step TDH.VP.ENTER; its kicked retry never meets anything. */
    @Test
    void theFirstDemoteMeetsZeroStepVpEnterTheRetryNothing() {
        TdxModel m = demote("hp-v3", true);
        int zap = m.config().zapActor();
        ReferenceBfs.Found first = ReferenceBfs.run(m, (a, x, b) -> TdxAction.actor(x) == zap
                && TdxWords.zapPc(a) == ZapPc.DEMOTE && !TdxWords.zapRetried(a)
                && m.outcomeOf(a, x) == Outcome.BUSY_SEPT_TREE).found();
        assertNotNull(first);
        assertEquals(List.of(
                "zap: write_lock(mmu_lock) to split the 2M mapping of gpa0 -> ",
                "zap: TDH.MEM.RANGE.BLOCK gpa0 (2M) [acquire] -> locks taken",
                "zap: TDH.MEM.RANGE.BLOCK gpa0 (2M) [complete] -> TDX_SUCCESS",
                "zap: TDH.MEM.TRACK [acquire] -> locks taken",
                "zap: TDH.MEM.TRACK [complete] -> TDX_SUCCESS",
                "zap: kvm_make_all_cpus_request(KVM_REQ_OUTSIDE_GUEST_MODE) -> ",
                "vcpu0: TDH.VP.ENTER [acquire] -> locks taken",
                "zap: tdx_pamt_get: the new S-EPT page and the 2M range -> ",
                "zap: TDH.MEM.PAGE.DEMOTE gpa0 (2M) [acquire] -> TDX_OPERAND_BUSY|SEPT_TREE"), labels(m, first));
        for (String zapPolicy : List.of("hp-v3", "retry-once-then-kick")) {
            TdxModel r = demote(zapPolicy, true);
            assertNull(ReferenceBfs.run(r, (a, x, b) -> TdxAction.actor(x) == zap && TdxWords.zapPc(a) == ZapPc.DEMOTE
                    && TdxWords.zapRetried(a) && r.outcomeOf(a, x).busyClass()).found(), zapPolicy);
        }
        // and a 2M ACCEPT on the blocked 2M leaf holds its lock before it exits (2.0.08 check_tdaccept_failure):
        // the first DEMOTE can see BUSY|RCX, the kicked retry cannot
        TdxModel acc = model(TdxScenarios.ACCEPT_4K_ON_2M, "hp-v3", new HugePage(true, true, false, true, true));
        int accZap = acc.config().zapActor();
        ReferenceBfs.Found rcx = ReferenceBfs.run(acc, (a, x, b) -> TdxAction.actor(x) == accZap
                && TdxWords.zapPc(a) == ZapPc.DEMOTE && acc.outcomeOf(a, x) == Outcome.BUSY_RCX).found();
        assertNotNull(rcx);
        assertEquals(List.of(
                "zap: write_lock(mmu_lock) to split the 2M mapping of gpa0 -> ",
                "zap: TDH.MEM.RANGE.BLOCK gpa0 (2M) [acquire] -> locks taken",
                "zap: TDH.MEM.RANGE.BLOCK gpa0 (2M) [complete] -> TDX_SUCCESS",
                "zap: TDH.MEM.TRACK [acquire] -> locks taken",
                "zap: TDH.MEM.TRACK [complete] -> TDX_SUCCESS",
                "zap: kvm_make_all_cpus_request(KVM_REQ_OUTSIDE_GUEST_MODE) -> ",
                "vcpu0: TDH.VP.ENTER [acquire] -> locks taken",
                "vcpu0: TDH.VP.ENTER [complete] -> TDX_SUCCESS (guest entered)",
                "guest0: TDG.MEM.PAGE.ACCEPT gpa0 [acquire] -> locks taken"), labels(acc, rcx).subList(0, 9));
        assertEquals(11, rcx.actions().size());
        assertEquals("zap: tdx_pamt_get: the new S-EPT page and the 2M range -> ", labels(acc, rcx).get(9));
        assertEquals("zap: TDH.MEM.PAGE.DEMOTE gpa0 (2M) [acquire] -> TDX_OPERAND_BUSY|RCX",
                labels(acc, rcx).get(rcx.actions().size() - 1));
        assertNull(ReferenceBfs.run(acc, (a, x, b) -> TdxAction.actor(x) == accZap && TdxWords.zapPc(a) == ZapPc.DEMOTE
                && TdxWords.zapRetried(a) && acc.outcomeOf(a, x).busyClass()).found());
    }

    private static List<String> labels(TdxModel m, ReferenceBfs.Found f) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < f.actions().size(); i++) {
            int x = f.actions().get(i);
            var label = m.describe(f.states().get(i), x, f.states().get(i + 1));
            l.add(m.actorName(TdxAction.actor(x)) + ": " + label.action() + " -> " + label.outcome());
        }
        return l;
    }

    /** A 4K ACCEPT under a 2M leaf exits, uncounted, until the split; with the UNCONFIRMED 2M lock it holds it first. */
    @Test
    void a4kAcceptUnderA2mLeafExitsUncountedUntilTheSplit() {
        TdxModel m = model(TdxScenarios.ACCEPT_4K_ON_2M, "hp-v3", TdxScenarios.hugePageDefaults(TdxScenarios.ACCEPT_4K_ON_2M));
        long[] s = new long[m.stateWords()];
        m.initialState(0, s);
        m.step(s, 0); // VP.ENTER acquire
        m.step(s, 0); // complete: in the guest
        assertEquals(Outcome.EXIT_EPT_VIOLATION_ACCEPT_2M_LEAF, m.outcomeOf(s, 2));
        m.step(s, 2);
        assertEquals(VcpuPc.FAULT, TdxWords.pc(s, 0));
        assertEquals(0, TdxWords.zeroStepCount(s, 0), "EEQ ACCEPT exits are not counted");
        TdxModel locks = model(TdxScenarios.ACCEPT_4K_ON_2M, "hp-v3", new HugePage(true, false, true, true, true));
        long[] t = new long[locks.stateWords()];
        locks.initialState(0, t);
        locks.step(t, 0);
        locks.step(t, 0);
        assertEquals(Outcome.LOCKS_TAKEN, locks.outcomeOf(t, 2));
        locks.step(t, 2);
        assertEquals(Seamcall.MEM_PAGE_ACCEPT, LockHolders.call(LockHolders.of(locks.config(), t, 1)));
        assertEquals(Outcome.EXIT_EPT_VIOLATION_ACCEPT_2M_LEAF, locks.outcomeOf(t, 2));
        // a 2M ACCEPT of a 4K mapping: TDX_PAGE_SIZE_MISMATCH, then the guest's 4K ACCEPT
        TdxModel mis = model(TdxScenarios.ACCEPT_4K_ON_2M, "hp-v3", new HugePage(false, true, false, true, true));
        long[] u = new long[mis.stateWords()];
        mis.initialState(0, u);
        mis.step(u, 0);
        mis.step(u, 0);
        assertEquals(Outcome.SIZE_MISMATCH_THEN_4K, mis.outcomeOf(u, 2));
    }
}
