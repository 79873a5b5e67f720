package tdxcheck.model.tdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tdxcheck.model.tdx.policy.Policies;

/**
 * Each SEAMCALL step and the zero-step detector on hand-built states: the status it returns and
 * the fields it changes (tdx-facts §1-§2). fault-storm 2x2 (vcpu0, vcpu1, guest0, guest1, zap of gpa0).
 */
class SeamcallStepsTest {
    private final TdxConfig c = TdxScenarios.build(TdxScenarios.FAULT_STORM, // the #VE storm: its zap takes gpa0
                TdxScenarios.info(TdxScenarios.FAULT_STORM).defaults().withGuest(GuestKind.VE).withThreshold(6),
            Policies.fault("local-retry"), Policies.zap("retry-once-then-kick"));
    private final TdxModel m = new TdxModel(c);

    private long[] init() {
        long[] s = new long[m.stateWords()];
        m.initialState(0, s);
        return s;
    }

    @Test
    void zeroStepDetectorCountsSixExitsThenRecords() {
        long[] s = init();
        for (int i = 1; i <= 6; i++) {
            ZeroStepDetector.onEptViolationExit(c, s, 0, 1);
            assertEquals(i, TdxWords.zeroStepCount(s, 0));
            assertFalse(ZeroStepDetector.inZeroStepMode(s, 0), "exit " + i + " only counts");
        }
        ZeroStepDetector.onEptViolationExit(c, s, 0, 1);
        assertEquals(6, TdxWords.zeroStepCount(s, 0));
        assertEquals(0b10, TdxWords.zeroStepGpas(s, 0), "the 7th exit records gpa1");
        assertTrue(ZeroStepDetector.inZeroStepMode(s, 0));
        ZeroStepDetector.onEptViolationExit(c, s, 0, 0);
        assertEquals(0b11, TdxWords.zeroStepGpas(s, 0));
        assertEquals(0, TdxWords.zeroStepGpas(s, 1), "vcpu1 untouched");
        assertEquals(0, ZeroStepDetector.firstUnmappedRecorded(c, s, 0), "gpa0 and gpa1 unmapped: the lowest");
        TdxWords.setSept(s, 0, SeptState.MAPPED);
        assertEquals(1, ZeroStepDetector.firstUnmappedRecorded(c, s, 0));
        TdxWords.setSept(s, 1, SeptState.PENDING);
        assertEquals(1, ZeroStepDetector.firstUnmappedRecorded(c, s, 0),
                "PENDING faults in the zero-step walk (suppress-#VE set, tdx-facts §6c.5)");
        TdxWords.setSept(s, 1, SeptState.MAPPED);
        assertEquals(-1, ZeroStepDetector.firstUnmappedRecorded(c, s, 0), "every recorded GPA MAPPED");
        TdxWords.setSept(s, 0, SeptState.BLOCKED_MAPPED);
        assertEquals(0, ZeroStepDetector.firstUnmappedRecorded(c, s, 0), "a blocked entry faults");
        ZeroStepDetector.onProgress(s, 0);
        assertEquals(0, TdxWords.zeroStepCount(s, 0));
        assertEquals(0, TdxWords.zeroStepGpas(s, 0));
        assertFalse(ZeroStepDetector.inZeroStepMode(s, 0));
        assertEquals(-1, ZeroStepDetector.firstUnmappedRecorded(c, s, 0));
    }

    @Test
    void zeroStepThresholdIsTheConfiguredOne() {
        TdxConfig low = TdxScenarios.build(TdxScenarios.FAULT_STORM, // the #VE storm: its zap takes gpa0
                TdxScenarios.info(TdxScenarios.FAULT_STORM).defaults().withGuest(GuestKind.VE).withThreshold(1),
                Policies.fault("local-retry"), Policies.zap("retry-once-then-kick"));
        long[] s = init();
        ZeroStepDetector.onEptViolationExit(low, s, 1, 0);
        assertEquals(1, TdxWords.zeroStepCount(s, 1));
        assertEquals(0, TdxWords.zeroStepGpas(s, 1));
        ZeroStepDetector.onEptViolationExit(low, s, 1, 0);
        assertEquals(0b01, TdxWords.zeroStepGpas(s, 1));
    }

    @Test
    void vpEnterTakesTheEpochAndEntersOrFakesAnEptViolation() {
        long[] s = init();
        TdxWords.setEpoch(s, 2);
        assertEquals(Outcome.LOCKS_TAKEN, VpEnter.acquire(c, s, 0));
        assertEquals(VcpuPc.ENTER, TdxWords.pc(s, 0));
        assertTrue(TdxWords.inTd(s, 0));
        assertEquals(2, TdxWords.entryEpoch(s, 0), "refcount[2]++");
        assertEquals(Outcome.GUEST_ENTERED, VpEnter.complete(c, s, 0));
        assertEquals(VcpuPc.GUEST, TdxWords.pc(s, 0));

        long[] t = init();
        TdxWords.setZapPc(t, ZapPc.TRACK_HELD);
        assertEquals(Outcome.BUSY_TD_EPOCH, VpEnter.acquire(c, t, 1));
        assertEquals(VcpuPc.RUN, TdxWords.pc(t, 1), "not entered");
        assertFalse(TdxWords.inTd(t, 1));

        long[] z = init(); // vcpu1 in zero-step mode on gpa1 (unmapped), zap holds the tree EX
        TdxWords.setZeroStepGpas(z, 1, 0b10);
        TdxWords.setZapPc(z, ZapPc.BLOCK_HELD);
        assertEquals(Outcome.BUSY_SEPT_TREE, VpEnter.acquire(c, z, 1));
        TdxWords.setZapPc(z, ZapPc.IDLE);
        TdxWords.setKickPending(z, 1, true);
        assertEquals(Outcome.LOCKS_TAKEN, VpEnter.acquire(c, z, 1));
        assertEquals(Outcome.EXIT_EPT_VIOLATION_ZERO_STEP, VpEnter.complete(c, z, 1));
        assertEquals(VcpuPc.FAULT, TdxWords.pc(z, 1));
        assertEquals(1, TdxWords.faultGpa(z, 1));
        assertFalse(TdxWords.inTd(z, 1), "the refcount is reverted");
        assertFalse(TdxWords.kickPending(z, 1), "leaving acknowledges a kick");
        TdxWords.setSept(z, 1, SeptState.PENDING);
        TdxWords.setPc(z, 1, VcpuPc.ENTER);
        assertEquals(Outcome.EXIT_EPT_VIOLATION_ZERO_STEP, VpEnter.complete(c, z, 1),
                "a PENDING recorded GPA still faults the zero-step walk");
        TdxWords.setSept(z, 1, SeptState.MAPPED);
        TdxWords.setPc(z, 1, VcpuPc.ENTER);
        assertEquals(Outcome.GUEST_ENTERED, VpEnter.complete(c, z, 1), "zero-step but the GPA is mapped now");
        TdxWords.setZeroStepGpas(z, 1, 0b01); // gpa0, still unmapped
        TdxWords.setPc(z, 1, VcpuPc.ENTER);
        assertEquals(Outcome.EXIT_EPT_VIOLATION_ZERO_STEP, VpEnter.complete(c, z, 1));
        assertEquals(0, TdxWords.faultGpa(z, 1));
    }

    @Test
    void memTrackAdvancesTheEpochOnceThePreviousOneIsEmpty() {
        long[] s = init();
        TdxWords.setPc(s, 0, VcpuPc.ENTER);
        assertEquals(Outcome.BUSY_TD_EPOCH, MemTrack.acquire(c, s));
        assertEquals(ZapPc.RETRY_KICK, TdxWords.zapPc(s),
                "retry-once-then-kick kicks after the BUSY");
        long[] t = init();
        TdxWords.setZapPc(t, ZapPc.TRACK);
        assertEquals(Outcome.LOCKS_TAKEN, MemTrack.acquire(c, t));
        assertEquals(ZapPc.TRACK_HELD, TdxWords.zapPc(t));
        assertEquals(Outcome.TDX_SUCCESS, MemTrack.complete(c, t));
        assertEquals(1, TdxWords.epoch(t));
        TdxWords.enterTd(t, 1, 0); // a vCPU still runs in epoch 0 = epoch - 1
        assertEquals(1, MemTrack.refcount(c, t, 0));
        assertEquals(0, MemTrack.refcount(c, t, 1));
        assertEquals(Outcome.PREVIOUS_TLB_EPOCH_BUSY, MemTrack.complete(c, t));
        assertEquals(1, TdxWords.epoch(t));
        TdxWords.enterTd(t, 0, 1);
        TdxWords.exitTd(t, 1);
        assertEquals(Outcome.TDX_SUCCESS, MemTrack.complete(c, t), "a vCPU in the current epoch does not block");
        assertEquals(2, TdxWords.epoch(t));
        TdxWords.exitTd(t, 0);
        assertEquals(Outcome.TDX_SUCCESS, MemTrack.complete(c, t));
        assertEquals(3, TdxWords.epoch(t));
        assertThrows(IllegalStateException.class, () -> MemTrack.complete(c, t), "the encoding has 2 epoch bits");
    }

    @Test
    void trackedMeansBlockedInThePreviousEpochWithNobodyLeft() {
        long[] s = init();
        TdxWords.setEpoch(s, 2);
        TdxWords.setBlockEpoch(s, 0, 1);
        assertTrue(MemTrack.tracked(c, s, 0));
        TdxWords.enterTd(s, 1, 1);
        assertFalse(MemTrack.tracked(c, s, 0), "a vCPU of epoch 1 is still in the TD");
        TdxWords.setBlockEpoch(s, 0, 0);
        assertTrue(MemTrack.tracked(c, s, 0), "blocked two epochs ago");
        TdxWords.setBlockEpoch(s, 0, 2);
        assertFalse(MemTrack.tracked(c, s, 0), "blocked in the current epoch");
    }

    @Test
    void rangeBlockBlocksAPresentEntryAndRecordsTheEpoch() {
        long[] s = init();
        TdxWords.setZapPc(s, ZapPc.BLOCK);
        TdxWords.setHostPriority(s, 0, true);
        assertEquals(Outcome.LOCKS_TAKEN, RangeBlock.acquire(c, s));
        assertEquals(ZapPc.BLOCK_HELD, TdxWords.zapPc(s));
        assertFalse(TdxWords.hostPriority(s, 0), "a host that gets the entry lock clears HP");
        assertEquals(Outcome.EPT_ENTRY_STATE_INCORRECT, RangeBlock.complete(c, s), "gpa0 is FREE");
        TdxWords.setSept(s, 0, SeptState.MAPPED);
        TdxWords.setEpoch(s, 2);
        assertEquals(Outcome.TDX_SUCCESS, RangeBlock.complete(c, s));
        assertEquals(SeptState.BLOCKED_MAPPED, TdxWords.sept(s, 0));
        assertEquals(2, TdxWords.blockEpoch(s, 0));
        assertEquals(Outcome.GPA_RANGE_ALREADY_BLOCKED, RangeBlock.complete(c, s));
        TdxWords.setSept(s, 0, SeptState.PENDING);
        assertEquals(Outcome.TDX_SUCCESS, RangeBlock.complete(c, s));
        assertEquals(SeptState.BLOCKED_PENDING, TdxWords.sept(s, 0));
        assertEquals(Outcome.GPA_RANGE_ALREADY_BLOCKED, RangeBlock.complete(c, s));

        long[] busy = init();
        TdxWords.setZapPc(busy, ZapPc.BLOCK);
        TdxWords.setPc(busy, 1, VcpuPc.ACCEPT); // guest1 holds gpa0's entry lock
        assertEquals(Outcome.BUSY_RCX, RangeBlock.acquire(c, busy));
        assertTrue(TdxWords.hostPriority(busy, 0), "a host that fails on the entry lock sets HP");
    }

    @Test
    void pageRemoveNeedsABlockedAndTrackedEntry() {
        long[] s = init();
        TdxWords.setZapPc(s, ZapPc.REMOVE);
        assertEquals(Outcome.LOCKS_TAKEN, PageRemove.acquire(c, s));
        assertEquals(ZapPc.REMOVE_HELD, TdxWords.zapPc(s));
        TdxWords.setSept(s, 0, SeptState.MAPPED);
        TdxWords.setSpte(s, 0, Spte.PRESENT);
        assertEquals(Outcome.GPA_RANGE_NOT_BLOCKED, PageRemove.complete(c, s));
        TdxWords.setSept(s, 0, SeptState.BLOCKED_MAPPED);
        TdxWords.setBlockEpoch(s, 0, 1);
        TdxWords.setEpoch(s, 1);
        assertEquals(Outcome.TLB_TRACKING_NOT_DONE, PageRemove.complete(c, s));
        assertEquals(SeptState.BLOCKED_MAPPED, TdxWords.sept(s, 0));
        TdxWords.setEpoch(s, 2);
        assertEquals(Outcome.TDX_SUCCESS, PageRemove.complete(c, s));
        assertEquals(SeptState.FREE, TdxWords.sept(s, 0));
        assertEquals(0, TdxWords.blockEpoch(s, 0));
        assertEquals(Spte.NONE, TdxWords.spte(s, 0));
    }

    @Test
    void septAddHoldsThenMakesTheNonLeafPresent() {
        long[] s = init();
        TdxWords.setPc(s, 0, VcpuPc.ADD_FROZEN);
        assertEquals(Outcome.LOCKS_TAKEN, SeptAdd.acquire(c, s, 0));
        assertEquals(VcpuPc.ADD_HELD, TdxWords.pc(s, 0));
        assertEquals(Outcome.TDX_SUCCESS, SeptAdd.complete(c, s, 0));
        assertEquals(Spte.PRESENT, TdxWords.nonLeaf(s));
        assertEquals(VcpuPc.LEAF, TdxWords.pc(s, 0));
        long[] t = init();
        TdxWords.setPc(t, 0, VcpuPc.ADD_FROZEN);
        TdxWords.setZapPc(t, ZapPc.BLOCK_HELD);
        assertEquals(Outcome.BUSY_SEPT_TREE, SeptAdd.acquire(c, t, 0));
        assertEquals(VcpuPc.ADD_FROZEN, TdxWords.pc(t, 0), "BUSY leaves the position to the caller");
    }

    @Test
    void pageAugMakesTheEntryPendingAndHandlesHostPriority() {
        long[] s = init();
        TdxWords.setPc(s, 0, VcpuPc.AUG_FROZEN);
        TdxWords.setFaultGpa(s, 0, 1);
        TdxWords.setPc(s, 1, VcpuPc.ACCEPT); // guest1 holds gpa1's entry lock
        TdxWords.setFaultGpa(s, 1, 1);
        assertEquals(Outcome.BUSY_RCX, PageAug.acquire(c, s, 0));
        assertTrue(TdxWords.hostPriority(s, 1));
        assertFalse(TdxWords.hostPriority(s, 0));
        assertEquals(VcpuPc.AUG_FROZEN, TdxWords.pc(s, 0));
        TdxWords.setPc(s, 1, VcpuPc.GUEST);
        assertEquals(Outcome.LOCKS_TAKEN, PageAug.acquire(c, s, 0));
        assertFalse(TdxWords.hostPriority(s, 1), "the host got it: HP cleared");
        assertEquals(VcpuPc.AUG_HELD, TdxWords.pc(s, 0));
        assertEquals(Outcome.TDX_SUCCESS, PageAug.complete(c, s, 0));
        assertEquals(SeptState.PENDING, TdxWords.sept(s, 1));
        assertEquals(Spte.PRESENT, TdxWords.spte(s, 1));
        assertEquals(VcpuPc.RUN, TdxWords.pc(s, 0));
        long[] t = init();
        TdxWords.setPc(t, 0, VcpuPc.AUG_FROZEN);
        TdxWords.setZapPc(t, ZapPc.BLOCK_HELD);
        assertEquals(Outcome.BUSY_SEPT_TREE, PageAug.acquire(c, t, 0));
        assertFalse(TdxWords.hostPriority(t, 0), "a tree failure does not touch HP");
    }

    @Test
    void pageAcceptTakesTheEntryGuestSide() {
        long[] s = init();
        assertEquals(Outcome.EXIT_EPT_VIOLATION_ACCEPT, PageAccept.acquire(c, s, 0, 1), "gpa1 not present");
        assertEquals(VcpuPc.RUN, TdxWords.pc(s, 0));
        TdxWords.setSept(s, 1, SeptState.PENDING);
        TdxWords.setHostPriority(s, 1, true);
        assertEquals(Outcome.BUSY_RCX_HOST_PRIORITY_REWRITTEN, PageAccept.acquire(c, s, 0, 1),
                "the guest never sees host priority (tdx-facts §8.2)");
        assertEquals(VcpuPc.RUN, TdxWords.pc(s, 0), "a failed ACCEPT holds nothing");
        assertEquals(0, TdxWords.faultGpa(s, 0));
        TdxWords.setHostPriority(s, 1, false);
        TdxWords.setPc(s, 1, VcpuPc.AUG_HELD);
        TdxWords.setFaultGpa(s, 1, 1);
        assertEquals(Outcome.BUSY_RCX, PageAccept.acquire(c, s, 0, 1), "vcpu1's PAGE.AUG holds the entry");
        assertEquals(VcpuPc.RUN, TdxWords.pc(s, 0));
        TdxWords.setPc(s, 1, VcpuPc.RUN);
        assertEquals(Outcome.LOCKS_TAKEN, PageAccept.acquire(c, s, 0, 1));
        assertEquals(VcpuPc.ACCEPT, TdxWords.pc(s, 0));
        assertEquals(1, TdxWords.faultGpa(s, 0));
        assertEquals(Outcome.TDX_SUCCESS, PageAccept.complete(c, s, 0));
        assertEquals(SeptState.MAPPED, TdxWords.sept(s, 1));
        assertEquals(VcpuPc.GUEST, TdxWords.pc(s, 0));
        TdxWords.setPc(s, 0, VcpuPc.ACCEPT);
        assertEquals(Outcome.PAGE_ALREADY_ACCEPTED, PageAccept.complete(c, s, 0));
        assertEquals(SeptState.MAPPED, TdxWords.sept(s, 1));
    }
}
