package tdxcheck.model.tdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.properties.tdx.NoBusyLivelock;

/**
 * A 4K TDG.MEM.PAGE.ACCEPT whose lockless walk reaches the 4K entry takes that entry's lock before
 * it reads the entry's state ({@link PageAccept#locks4kEntry}; check_tdaccept_failure in
 * tdg_mem_page_accept.c, the same in TDX module 1.5.01 @72d8cff, 1.5.06 @1e63698 and 2.0.08
 * @1666adc; docs/model.md, "Guest ACCEPT takes the entry lock first"). A FREE or BLOCKED entry
 * is two steps, [acquire] with the lock held and [complete] with the exit; a host SEAMCALL holding
 * the entry makes that ACCEPT BUSY; only a walk that stops above the 4K level exits at once.
 */
class AcceptLocksFirstTest {
    private static TdxModel model(String scenario) {
        return new TdxModel(TdxScenarios.build(scenario, TdxScenarios.info(scenario).defaults(),
                Policies.fault("local-retry-slot-break"), Policies.zap("retry-once-then-kick")));
    }

    /** The initial state with vcpu0 entered into its guest (TDH.VP.ENTER acquire and complete). */
    private static long[] entered(TdxModel m) {
        long[] s = new long[m.stateWords()];
        m.initialState(0, s);
        assertEquals(Outcome.LOCKS_TAKEN, m.step(s, 0));
        assertEquals(Outcome.GUEST_ENTERED, m.step(s, 0));
        assertEquals(VcpuPc.GUEST, TdxWords.pc(s, 0));
        return s;
    }

    /** The main action of guest{@code v}: its next op, or the [complete] of its ACCEPT. */
    private static int guest(TdxConfig c, int v) {
        return 2 * (c.vcpus() + v);
    }

    /** (a) fault-storm (Linux guest): the released extra page is mapped, so the 4K S-EPT page exists. */
    @Test
    void anAcceptOfAFreeEntryTakesItsLockThenExitsAndAHostAugInBetweenGetsBusy() {
        TdxModel m = model(TdxScenarios.FAULT_STORM);
        TdxConfig c = m.config();
        long[] s = entered(m);
        assertEquals(Spte.PRESENT, TdxWords.nonLeaf(s));
        assertEquals(SeptState.FREE, TdxWords.sept(s, 0));
        assertTrue(PageAccept.locks4kEntry(c, s, 0));
        int zs = TdxWords.zeroStepCount(s, 0);

        assertEquals(Outcome.LOCKS_TAKEN, m.step(s, guest(c, 0)), "ACCEPT gpa0 [acquire]: the entry lock, state unread");
        assertEquals(VcpuPc.ACCEPT, TdxWords.pc(s, 0));
        assertEquals(0, TdxWords.faultGpa(s, 0));
        int h = LockHolders.of(c, s, c.vcpus());
        assertEquals(Seamcall.MEM_PAGE_ACCEPT, LockHolders.call(h), "guest0 holds the ACCEPT's locks");
        assertEquals(0, LockHolders.entry(h), "gpa0's entry lock");
        assertEquals("ex guest0", LockHolders.entryOwners(c, s, 0));
        assertNotEquals(0, new NoBusyLivelock(c).pendingMask(s) & 1, "fault(vcpu0) stays pending inside the ACCEPT");

        // vcpu1's PAGE.AUG of gpa0 meets the guest's hold: BUSY|RCX, host priority set
        long[] aug = s.clone();
        TdxWords.setPc(aug, 1, VcpuPc.AUG_FROZEN);
        TdxWords.setFaultGpa(aug, 1, 0);
        assertEquals(Outcome.BUSY_RCX, PageAug.acquire(c, aug, 1));
        assertTrue(TdxWords.hostPriority(aug, 0));
        assertEquals(VcpuPc.AUG_FROZEN, TdxWords.pc(aug, 1));

        assertEquals(Outcome.EXIT_EPT_VIOLATION_ACCEPT, m.step(s, guest(c, 0)),
                "ACCEPT gpa0 [complete]: FREE is not ACCEPTable, lock released, EEQ ACCEPT exit");
        assertEquals(VcpuPc.FAULT, TdxWords.pc(s, 0));
        assertEquals(0, TdxWords.faultGpa(s, 0));
        assertEquals(LockHolders.NONE, LockHolders.of(c, s, c.vcpus()));
        assertEquals(SeptState.FREE, TdxWords.sept(s, 0));
        assertEquals(zs, TdxWords.zeroStepCount(s, 0), "an ACCEPT exit is not counted");
        assertTrue(TdxWords.accepting(s, 0), "accept_memory() keeps its claim across the exit");
        assertFalse(TdxWords.guestPanicked(s));

        TdxWords.setPc(s, 1, VcpuPc.AUG_FROZEN);
        TdxWords.setFaultGpa(s, 1, 0);
        assertEquals(Outcome.LOCKS_TAKEN, PageAug.acquire(c, s, 1), "after the exit the entry is free");
    }

    /** (b) accept-vs-remove: the zap has blocked gpa0 (PENDING_BLOCKED) and its REMOVE holds the entry. */
    @Test
    void anAcceptOfABlockedEntryHeldByTheZapIsBusyAndTheGuestPanics() {
        TdxModel m = model(TdxScenarios.ACCEPT_VS_REMOVE);
        TdxConfig c = m.config();
        long[] s = entered(m);
        TdxWords.setSept(s, 0, SeptState.BLOCKED_PENDING);
        TdxWords.setZapPc(s, ZapPc.REMOVE_HELD);
        assertTrue(PageAccept.locks4kEntry(c, s, 0));
        assertEquals(Outcome.BUSY_RCX, m.step(s, guest(c, 0)), "the zap's PAGE.REMOVE holds gpa0's entry lock");
        assertTrue(TdxWords.guestPanicked(s), "a Linux guest does not retry an ACCEPT BUSY");
        assertEquals(LockHolders.NONE, LockHolders.of(c, s, c.vcpus()), "a failed ACCEPT holds nothing");

        // host priority left by a REMOVE that lost to an earlier ACCEPT: BUSY, rewritten
        long[] hp = entered(m);
        TdxWords.setSept(hp, 0, SeptState.BLOCKED_PENDING);
        TdxWords.setZapPc(hp, ZapPc.REMOVE);
        TdxWords.setHostPriority(hp, 0, true);
        assertEquals(Outcome.BUSY_RCX_HOST_PRIORITY_REWRITTEN, m.step(hp, guest(c, 0)));
        assertTrue(TdxWords.guestPanicked(hp));

        // the other order: the guest holds the blocked entry, the zap's PAGE.REMOVE gets BUSY|RCX
        long[] t = entered(m);
        TdxWords.setSept(t, 0, SeptState.BLOCKED_PENDING);
        TdxWords.setZapPc(t, ZapPc.REMOVE);
        assertEquals(Outcome.LOCKS_TAKEN, m.step(t, guest(c, 0)));
        long[] remove = t.clone();
        assertEquals(Outcome.BUSY_RCX, PageRemove.acquire(c, remove));
        assertTrue(TdxWords.hostPriority(remove, 0));
        assertEquals(Outcome.EXIT_EPT_VIOLATION_ACCEPT, m.step(t, guest(c, 0)));
        assertEquals(VcpuPc.FAULT, TdxWords.pc(t, 0));
        assertFalse(TdxWords.guestPanicked(t));
        assertEquals(SeptState.BLOCKED_PENDING, TdxWords.sept(t, 0));
    }

    /** (c) multi-gpa-rip (no zap, nothing mapped): no 4K S-EPT page yet, the walk stops above the entry. */
    @Test
    void withoutThe4kSeptPageTheAcceptExitsAtOnceWithoutTheLock() {
        TdxModel m = model(TdxScenarios.MULTI_GPA_RIP);
        TdxConfig c = m.config();
        long[] s = entered(m);
        assertEquals(Spte.NONE, TdxWords.nonLeaf(s));
        assertFalse(PageAccept.locks4kEntry(c, s, 0));
        long[] withPage = s.clone();
        int zs = TdxWords.zeroStepCount(s, 0);
        assertEquals(Outcome.EXIT_EPT_VIOLATION_ACCEPT, m.step(s, guest(c, 0)), "one step, no lock");
        assertEquals(VcpuPc.FAULT, TdxWords.pc(s, 0));
        assertEquals(0, TdxWords.faultGpa(s, 0));
        assertEquals(LockHolders.NONE, LockHolders.of(c, s, c.vcpus()));
        assertEquals(zs, TdxWords.zeroStepCount(s, 0));

        TdxWords.setNonLeaf(withPage, Spte.PRESENT); // the same ACCEPT once SEPT.ADD has run
        assertEquals(Outcome.LOCKS_TAKEN, m.step(withPage, guest(c, 0)));
        assertEquals(VcpuPc.ACCEPT, TdxWords.pc(withPage, 0));
    }

    /**
     * In the scenarios: the hold is reached wherever a Linux guest ACCEPTs a page that is not
     * there yet, and a host SEAMCALL meets it only where the guest accepts a page the zap is
     * removing (accept-vs-remove, double-accept, convert-vs-accept: guest bugs): PAGE.REMOVE gets
     * BUSY|RCX while the guest holds the blocked entry.
     */
    @Test
    void theScenariosReachTheHoldAndTheZapMeetsItWhereTheGuestAcceptsARemovedPage() {
        TdxModel storm = model(TdxScenarios.FAULT_STORM);
        int v = storm.config().vcpus();
        assertNotNull(ReferenceBfs.run(storm, (a, x, b) -> TdxAction.actor(x) >= v && TdxAction.actor(x) < 2 * v
                && storm.outcomeOf(a, x) == Outcome.LOCKS_TAKEN
                && TdxWords.sept(b, TdxWords.faultGpa(b, TdxAction.actor(x) - v)) == SeptState.FREE).found());

        TdxModel ar = model(TdxScenarios.ACCEPT_VS_REMOVE);
        TdxConfig c = ar.config();
        ReferenceBfs.Found f = ReferenceBfs.run(ar, (a, x, b) -> TdxAction.actor(x) == c.zapActor()
                && ar.outcomeOf(a, x) == Outcome.BUSY_RCX && TdxWords.pc(a, 0) == VcpuPc.ACCEPT
                && TdxWords.sept(a, 0) == SeptState.BLOCKED_PENDING).found();
        assertNotNull(f, "PAGE.REMOVE meets the ACCEPT's hold on the blocked entry");
        assertEquals(ZapPc.REMOVE, TdxWords.zapPc(f.states().get(f.states().size() - 2)));
        assertEquals(10, f.actions().size(), "BLOCK, TRACK, kick, VP.ENTER, ACCEPT [acquire], REMOVE [acquire]");
    }
}
