package tdxcheck.model.tdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one holder derivation ({@link LockHolders}), {@link LockTable#tryAcquire} and the trace's
 * lock owners, each checked on every reachable state of every default scenario under every policy
 * preset (default parameters) against an oracle written here from the model's
 * documented positions (VcpuPc/ZapPc) and {@link LockTable#contend}.
 */
class LockHoldersTest {
    /** What an actor holds per the positions' documentation (VcpuPc, ZapPc), independent of LockHolders. */
    record Held(Seamcall call, boolean zeroStep, int entry) {
    }

    static Held expected(TdxConfig c, long[] s, int actor) {
        int vcpus = c.vcpus();
        if (actor < vcpus) {
            boolean zs = TdxWords.zeroStepGpas(s, actor) != 0;
            int g = TdxWords.faultGpa(s, actor);
            return switch (TdxWords.pc(s, actor)) {
                case VcpuPc.ENTER -> new Held(Seamcall.VP_ENTER, zs, -1);
                case VcpuPc.ADD_HELD -> new Held(Seamcall.MEM_SEPT_ADD, zs, LockTable.PDE);
                case VcpuPc.AUG_HELD -> new Held(Seamcall.MEM_PAGE_AUG, zs, g);
                default -> null;
            };
        } else if (actor < 2 * vcpus) {
            int v = actor - vcpus;
            return TdxWords.pc(s, v) == VcpuPc.ACCEPT
                    ? new Held(Seamcall.MEM_PAGE_ACCEPT, false, TdxWords.faultGpa(s, v)) : null;
        }
        return switch (TdxWords.zapPc(s)) {
            case ZapPc.BLOCK_HELD -> new Held(Seamcall.MEM_RANGE_BLOCK, false, c.zapGpa());
            case ZapPc.TRACK_HELD -> new Held(Seamcall.MEM_TRACK, false, -1);
            case ZapPc.REMOVE_HELD -> new Held(Seamcall.MEM_PAGE_REMOVE, false, c.zapGpa());
            // a split's DEMOTE: the zap GPA's entry stands for the 2M leaf (HugePage)
            case ZapPc.DEMOTE_HELD -> new Held(Seamcall.MEM_PAGE_DEMOTE, false, c.zapGpa());
            default -> null;
        };
    }

    private static final List<Outcome> MODULE_ORDER = List.of(Outcome.BUSY_TD_EPOCH, Outcome.BUSY_SEPT_TREE,
            Outcome.BUSY_RCX);

    /** tryAcquire by definition: the earliest lock (module order) on which contend says some other holder conflicts. */
    static Outcome expectedAcquire(TdxConfig c, long[] s, int self, Seamcall call, boolean zs, int entry) {
        int best = MODULE_ORDER.size();
        for (int a = 0; a < c.actorCount(); a++) {
            Held h = a == self ? null : expected(c, s, a);
            if (h != null) {
                Outcome o = LockTable.contend(h.call(), h.zeroStep(), call, zs, entry >= 0 && h.entry() == entry);
                int r = MODULE_ORDER.indexOf(o);
                best = r >= 0 ? Math.min(best, r) : best;
            }
        }
        return best < MODULE_ORDER.size() ? MODULE_ORDER.get(best) : Outcome.LOCKS_TAKEN;
    }

    static LockMode expectedMode(Held h, boolean epochLock) {
        LockTable.Row r = LockTable.row(h.call());
        return epochLock ? r.epoch() : h.zeroStep() ? r.treeInZeroStep() : r.tree();
    }

    static String expectedOwners(TdxConfig c, long[] s, boolean epochLock) {
        List<String> shared = new ArrayList<>();
        List<String> ex = new ArrayList<>();
        for (int a = 0; a < c.actorCount(); a++) {
            Held h = expected(c, s, a);
            if (h != null && expectedMode(h, epochLock) != LockMode.NONE) {
                (expectedMode(h, epochLock) == LockMode.SHARED ? shared : ex).add(c.actorName(a));
            }
        }
        String sh = shared.isEmpty() ? "" : "shared " + String.join(",", shared);
        if (!ex.isEmpty()) {
            return "ex " + String.join(",", ex) + (sh.isEmpty() ? "" : " + " + sh);
        }
        return sh.isEmpty() ? "-" : sh;
    }

    static String expectedEntryOwners(TdxConfig c, long[] s, int entry) {
        List<String> l = new ArrayList<>();
        for (int a = 0; a < c.actorCount(); a++) {
            Held h = expected(c, s, a);
            if (h != null && h.entry() == entry) {
                l.add(c.actorName(a));
            }
        }
        return l.isEmpty() ? "-" : "ex " + String.join(",", l);
    }

    @Test
    void holdersMatchThePositionsOnEveryReachableState() {
        Set<Seamcall> seen = EnumSet.noneOf(Seamcall.class);
        boolean seenZeroStepEnter = false;
        int states = 0;
        for (DefaultRuns.Run run : DefaultRuns.all()) {
            TdxConfig c = run.model().config();
            for (long[] s : run.states()) {
                states++;
                for (int a = 0; a < c.actorCount(); a++) {
                    Held want = expected(c, s, a);
                    int h = LockHolders.of(c, s, a);
                    Held got = h == LockHolders.NONE ? null
                            : new Held(LockHolders.call(h), LockHolders.zeroStep(h), LockHolders.entry(h));
                    assertEquals(want, got, run.name() + " actor " + c.actorName(a));
                    if (!TdxWords.bugged(s) && !TdxWords.guestPanicked(s) && !TdxWords.vmDead(s) && run.model().isFinished(s, a)) {
                        assertEquals(LockHolders.NONE, h, "a finished actor holds nothing (lock-safety relies on it)");
                    }
                    if (want != null) {
                        seen.add(want.call());
                        seenZeroStepEnter |= want.call() == Seamcall.VP_ENTER && want.zeroStep();
                        assertEquals(expectedMode(want, true), LockHolders.epochMode(h));
                        assertEquals(expectedMode(want, false), LockHolders.treeMode(h));
                    }
                }
            }
        }
        assertEquals(EnumSet.of(Seamcall.VP_ENTER, Seamcall.MEM_TRACK, Seamcall.MEM_SEPT_ADD, Seamcall.MEM_PAGE_AUG,
                Seamcall.MEM_PAGE_REMOVE, Seamcall.MEM_RANGE_BLOCK, Seamcall.MEM_PAGE_ACCEPT, Seamcall.MEM_PAGE_DEMOTE), seen,
                "every call the model makes is held in some reachable state");
        assertTrue(seenZeroStepEnter, "zap-vs-zero-step reaches a zero-step TDH.VP.ENTER");
        assertTrue(states > 20_000, "the sweep covers the default runs: " + states);
    }

    @Test
    void tryAcquireAgreesWithContendOnEveryReachableState() {
        int checked = 0;
        int busy = 0;
        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        for (DefaultRuns.Run run : DefaultRuns.all()) {
            TdxConfig c = run.model().config();
            for (long[] s : run.states()) {
                for (int self = 0; self < c.actorCount(); self++) {
                    for (Seamcall call : Seamcall.values()) {
                        for (int zs = 0; zs < (call == Seamcall.VP_ENTER ? 2 : 1); zs++) {
                            for (int e = -1; e <= LockTable.PDE; e++) {
                                if (e != -1 && e != LockTable.PDE && e >= c.gpas()) {
                                    continue;
                                }
                                Outcome want = expectedAcquire(c, s, self, call, zs == 1, e);
                                Outcome got = LockTable.tryAcquire(c, s, self, call, zs == 1, e);
                                if (want != got) {
                                    assertEquals(want, got, run.name() + ": " + c.actorName(self) + " acquiring "
                                            + call.abiName() + (zs == 1 ? " (zero-step)" : "") + " entry " + e
                                            + " in " + TdxLabels.fields(c, s));
                                }
                                checked++;
                                busy += want == Outcome.LOCKS_TAKEN ? 0 : 1;
                                outcomes.add(got);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(EnumSet.of(Outcome.LOCKS_TAKEN, Outcome.BUSY_TD_EPOCH, Outcome.BUSY_SEPT_TREE, Outcome.BUSY_RCX),
                outcomes, "the sweep meets every outcome of tryAcquire");
        assertTrue(busy > 0 && checked > busy, busy + " busy of " + checked);
    }

    @Test
    void traceOwnersNameEveryHolderOnEveryReachableState() {
        int withOwner = 0;
        for (DefaultRuns.Run run : DefaultRuns.all()) {
            TdxConfig c = run.model().config();
            for (long[] s : run.states()) {
                var f = run.model().fields(s);
                assertEquals(expectedOwners(c, s, true), f.get("lock.epoch"), run.name());
                assertEquals(expectedOwners(c, s, false), f.get("lock.sept_tree"), run.name());
                for (int g = 0; g < c.gpas(); g++) {
                    assertEquals(expectedEntryOwners(c, s, g), f.get("lock.entry[gpa" + g + "]"), run.name());
                }
                assertEquals(expectedEntryOwners(c, s, LockTable.PDE), f.get("lock.entry[pde]"), run.name());
                withOwner += f.get("lock.epoch").equals("-") ? 0 : 1;
            }
        }
        assertTrue(withOwner > 1000, "states with an epoch lock owner: " + withOwner);
    }

    @Test
    void ownersOfAConstructedStateReadAsInATrace() {
        TdxConfig c = TdxScenarios.build(TdxScenarios.FAULT_STORM, // the #VE storm: its zap takes gpa0
                TdxScenarios.info(TdxScenarios.FAULT_STORM).defaults().withGuest(GuestKind.VE).withThreshold(6),
                tdxcheck.model.tdx.policy.Policies.fault("local-retry"),
                tdxcheck.model.tdx.policy.Policies.zap("retry-once-then-kick"));
        TdxModel m = new TdxModel(c);
        long[] s = new long[m.stateWords()];
        m.initialState(0, s);
        assertEquals("-", m.fields(s).get("lock.epoch"));
        assertEquals("-", m.fields(s).get("lock.sept_tree"));
        TdxWords.setPc(s, 0, VcpuPc.ENTER);
        TdxWords.setPc(s, 1, VcpuPc.AUG_HELD);
        TdxWords.setFaultGpa(s, 1, 1);
        TdxWords.setZapPc(s, ZapPc.TRACK_HELD);
        var f = m.fields(s);
        assertEquals("ex zap + shared vcpu0", f.get("lock.epoch"));
        assertEquals("shared vcpu1", f.get("lock.sept_tree"));
        assertEquals("-", f.get("lock.entry[gpa0]"));
        assertEquals("ex vcpu1", f.get("lock.entry[gpa1]"));
        assertEquals("-", f.get("lock.entry[pde]"));

        TdxWords.setZeroStepGpas(s, 0, 1); // vcpu0 in zero-step mode: its VP.ENTER holds the tree EX
        TdxWords.setZapPc(s, ZapPc.BLOCK_HELD);
        f = m.fields(s);
        assertEquals("shared vcpu0", f.get("lock.epoch"));
        assertEquals("ex vcpu0,zap + shared vcpu1", f.get("lock.sept_tree"));
        assertEquals("ex zap", f.get("lock.entry[gpa0]"));

        TdxWords.setPc(s, 0, VcpuPc.ADD_HELD);
        TdxWords.setPc(s, 1, VcpuPc.ACCEPT); // guest1 in ACCEPT on gpa1, vcpu1's thread holds nothing
        TdxWords.setZapPc(s, ZapPc.REMOVE_HELD);
        f = m.fields(s);
        assertEquals("-", f.get("lock.epoch"));
        assertEquals("shared vcpu0,zap", f.get("lock.sept_tree"));
        assertEquals("ex vcpu0", f.get("lock.entry[pde]"));
        assertEquals("ex guest1", f.get("lock.entry[gpa1]"));
        assertEquals("ex zap", f.get("lock.entry[gpa0]"));
        TdxWords.setFaultGpa(s, 1, 0);
        assertEquals("ex guest1,zap", m.fields(s).get("lock.entry[gpa0]"), "two holders show (a lock-safety bug)");
    }

    @Test
    void onlyVcpuSideCallsAreLookedForOnVcpus() {
        assertEquals(EnumSet.of(Seamcall.VP_ENTER, Seamcall.MEM_SEPT_ADD, Seamcall.MEM_PAGE_AUG,
                Seamcall.MEM_PAGE_ACCEPT), EnumSet.copyOf(java.util.Arrays.stream(Seamcall.values())
                .filter(LockHolders::vcpuSideMayHold).toList()));
    }
}
