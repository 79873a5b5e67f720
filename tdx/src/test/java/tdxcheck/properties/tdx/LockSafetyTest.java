package tdxcheck.properties.tdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tdxcheck.model.tdx.Spte;
import tdxcheck.model.tdx.TdxModel;
import tdxcheck.model.tdx.TdxScenarios;
import tdxcheck.model.tdx.TdxWords;
import tdxcheck.model.tdx.VcpuPc;
import tdxcheck.model.tdx.ZapPc;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.core.property.PropertyKind;

/**
 * lock-safety holds on every reachable state of the default runs, and fails on each kind of
 * broken state (built by hand: the model never reaches them), each next to a twin that is fine.
 * fault-storm 2x2: vcpu0, vcpu1, guest0, guest1, zap of gpa0.
 */
class LockSafetyTest {
    private final TdxModel m = States.faultStorm();
    private final LockSafety p = new LockSafety(m.config());

    private long[] init() {
        return States.initial(m);
    }

    @Test
    void holdsOnEveryReachableStateOfTheDefaultRuns() {
        int states = 0;
        for (TdxModel run : States.defaultRuns()) {
            LockSafety safety = new LockSafety(run.config());
            for (long[] s : States.reachable(run)) {
                assertTrue(safety.holds(s), run.name() + " " + run.fields(s));
                states++;
            }
        }
        assertTrue(states > 20_000, "states: " + states);
        assertEquals("lock-safety", p.id());
        assertEquals(PropertyKind.INVARIANT, p.kind());
        assertTrue(p.description().contains("exclusive"));
    }

    @Test
    void initialStateHolds() {
        assertTrue(p.holds(init()));
    }

    @Test
    void twoHoldersOfOneEntryLock() {
        long[] s = init();
        TdxWords.setPc(s, 0, VcpuPc.AUG_HELD); // vcpu0 in PAGE.AUG on gpa0 (its leaf SPTE frozen)
        TdxWords.setSpte(s, 0, Spte.FROZEN);
        TdxWords.setPc(s, 1, VcpuPc.ACCEPT);   // guest1 in ACCEPT on gpa1: another entry
        TdxWords.setFaultGpa(s, 1, 1);
        assertTrue(p.holds(s));
        TdxWords.setFaultGpa(s, 1, 0);         // ... on gpa0: the same entry
        assertFalse(p.holds(s));
        long[] t = init();                     // the same on gpa1
        TdxWords.setPc(t, 0, VcpuPc.AUG_HELD);
        TdxWords.setFaultGpa(t, 0, 1);
        TdxWords.setSpte(t, 1, Spte.FROZEN);
        TdxWords.setPc(t, 1, VcpuPc.ACCEPT);
        assertTrue(p.holds(t));
        TdxWords.setFaultGpa(t, 1, 1);
        assertFalse(p.holds(t));
    }

    @Test
    void twoHoldersOfTheNonLeafEntry() {
        long[] s = init();
        TdxWords.setNonLeaf(s, Spte.FROZEN);
        TdxWords.setPc(s, 0, VcpuPc.ADD_HELD);
        assertTrue(p.holds(s));
        TdxWords.setPc(s, 1, VcpuPc.ADD_HELD);
        assertFalse(p.holds(s));
    }

    @Test
    void zapHoldingAnEntryAgainstAGuest() {
        long[] s = init();
        TdxWords.setZapPc(s, ZapPc.REMOVE_HELD); // zap holds gpa0's entry
        TdxWords.setPc(s, 1, VcpuPc.ACCEPT);
        TdxWords.setFaultGpa(s, 1, 1);
        assertTrue(p.holds(s));
        TdxWords.setFaultGpa(s, 1, 0);
        assertFalse(p.holds(s));
    }

    @Test
    void epochExclusiveWithASharedHolder() {
        long[] s = init();
        TdxWords.setPc(s, 0, VcpuPc.ENTER);
        TdxWords.setPc(s, 1, VcpuPc.ENTER);
        assertTrue(p.holds(s), "two VP.ENTERs share the epoch lock");
        long[] t = init();
        TdxWords.setZapPc(t, ZapPc.TRACK_HELD);
        assertTrue(p.holds(t), "TRACK alone holds it exclusive");
        TdxWords.setPc(t, 1, VcpuPc.ENTER);
        assertFalse(p.holds(t));
    }

    @Test
    void treeExclusiveWithASharedHolder() {
        long[] s = init();
        TdxWords.setPc(s, 0, VcpuPc.ENTER);
        TdxWords.setPc(s, 1, VcpuPc.AUG_HELD);
        TdxWords.setFaultGpa(s, 1, 1);
        TdxWords.setSpte(s, 1, Spte.FROZEN);
        assertTrue(p.holds(s), "VP.ENTER outside zero-step takes no tree lock");
        TdxWords.setZeroStepGpas(s, 0, 1);
        assertFalse(p.holds(s), "zero-step VP.ENTER holds the tree EX while PAGE.AUG holds it shared");
    }

    @Test
    void twoExclusiveTreeHolders() {
        long[] s = init();
        TdxWords.setZapPc(s, ZapPc.BLOCK_HELD);
        assertTrue(p.holds(s));
        TdxWords.setPc(s, 0, VcpuPc.ENTER);
        assertTrue(p.holds(s));
        TdxWords.setZeroStepGpas(s, 0, 2);
        assertFalse(p.holds(s), "zero-step VP.ENTER and RANGE.BLOCK both EX");
        long[] t = init();
        TdxWords.setPc(t, 0, VcpuPc.ENTER);
        TdxWords.setPc(t, 1, VcpuPc.ENTER);
        TdxWords.setZeroStepGpas(t, 0, 1);
        assertTrue(p.holds(t));
        TdxWords.setZeroStepGpas(t, 1, 1);
        assertFalse(p.holds(t), "two zero-step VP.ENTERs");
    }

    @Test
    void mmuLockWriteWithAReader() {
        long[] s = init();
        TdxWords.setPc(s, 0, VcpuPc.LEAF); // a fault under mmu_lock read
        TdxWords.setZapPc(s, ZapPc.WAIT_WRITE);
        assertTrue(p.holds(s), "a queued writer does not hold the lock");
        TdxWords.setZapPc(s, ZapPc.PRE_KICK);
        assertFalse(p.holds(s));
        TdxWords.setPc(s, 0, VcpuPc.RUN);
        assertTrue(p.holds(s));
    }

    @Test
    void frozenNonLeafSpteNeedsExactlyOneOwner() {
        long[] s = init();
        TdxWords.setNonLeaf(s, Spte.FROZEN);
        assertFalse(p.holds(s), "frozen with no owner");
        TdxWords.setPc(s, 0, VcpuPc.ADD_FROZEN);
        assertTrue(p.holds(s));
        TdxWords.setPc(s, 1, VcpuPc.ADD_FROZEN);
        assertFalse(p.holds(s), "two owners");
        TdxWords.setPc(s, 1, VcpuPc.RUN);
        TdxWords.setNonLeaf(s, Spte.PRESENT);
        assertFalse(p.holds(s), "an owner of a SPTE that is not frozen");
    }

    @Test
    void frozenLeafSpteNeedsExactlyOneOwner() {
        long[] s = init();
        TdxWords.setSpte(s, 1, Spte.FROZEN);
        assertFalse(p.holds(s), "frozen with no owner");
        TdxWords.setPc(s, 0, VcpuPc.AUG_FROZEN);
        TdxWords.setFaultGpa(s, 0, 1);
        assertTrue(p.holds(s));
        TdxWords.setPc(s, 1, VcpuPc.AUG_FROZEN);
        TdxWords.setFaultGpa(s, 1, 0);
        assertFalse(p.holds(s), "an owner of gpa0, which is not frozen");
        TdxWords.setFaultGpa(s, 1, 1);
        assertFalse(p.holds(s), "two owners of gpa1");
        TdxWords.setSpte(s, 0, Spte.FROZEN);
        TdxWords.setFaultGpa(s, 1, 0);
        assertTrue(p.holds(s), "one owner each");
    }

    @Test
    void withoutAZapOnlyTheVcpusCount() {
        TdxModel race = new TdxModel(TdxScenarios.build(TdxScenarios.FROZEN_SPTE_RACE, 2, 1, 6, false,
                Policies.fault("local-retry"), Policies.zap("retry-once-then-kick")));
        LockSafety q = new LockSafety(race.config());
        long[] s = States.initial(race);
        TdxWords.setPc(s, 0, VcpuPc.LEAF);
        assertTrue(q.holds(s));
        TdxWords.setPc(s, 0, VcpuPc.ADD_HELD); // SEPT.ADD holds the tree shared
        TdxWords.setNonLeaf(s, Spte.FROZEN);
        TdxWords.setPc(s, 1, VcpuPc.ENTER);
        assertTrue(q.holds(s));
        TdxWords.setZeroStepGpas(s, 1, 1);
        assertFalse(q.holds(s));
    }
}
