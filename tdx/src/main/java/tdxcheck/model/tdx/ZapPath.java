package tdxcheck.model.tdx;

import tdxcheck.model.tdx.policy.ZapBusyAction;

/**
 * tdx_sept_remove_private_spte under mmu_lock write (tdx-facts §3): RANGE.BLOCK, TDH.MEM.TRACK
 * followed by the unconditional kick of tdx_track(), then PAGE.REMOVE. The zap retry policy
 * decides what a non-success status does (it sees the call and the full status). The write lock excludes
 * faults, not running vCPUs or guest TDCALLs. Nothing to do if the GPA is not mapped.
 */
public final class ZapPath {
    private static final int[] RETRY_PCS = {ZapPc.BLOCK, ZapPc.TRACK, ZapPc.REMOVE, ZapPc.DEMOTE};

    private ZapPath() {
    }

    /**
     * The zap's first step. A memslot deletion first installs the INVALID slot and starts
     * synchronize_srcu_expedited: it waits for every vCPU holding SRCU now (not for later readers),
     * kvm_invalidate_memslot (tdx-facts §6b.8, §6d). Other kinds take the write lock.
     */
    public static Outcome start(TdxConfig c, long[] s) {
        if (c.zapKind() == ZapKind.MEMSLOT) {
            TdxWords.setSlotInvalid(s, true);
            for (int v = 0; v < c.vcpus(); v++) {
                TdxWords.setSrcuWaited(s, v, VcpuPc.holdsSrcu(TdxWords.pc(s, v)));
            }
            TdxWords.setZapPc(s, ZapPc.SRCU_WAIT);
            return Outcome.NONE;
        }
        return writeLock(c, s);
    }

    /** The SRCU grace period is over: no vCPU that held SRCU at its start still does. */
    public static boolean srcuGracePeriodOver(TdxConfig c, long[] s) {
        for (int v = 0; v < c.vcpus(); v++) {
            if (TdxWords.srcuWaited(s, v)) {
                return false;
            }
        }
        return true;
    }

    /** write_lock(mmu_lock): taken at once if no reader holds it, else queued (readers now wait). */
    public static Outcome writeLock(TdxConfig c, long[] s) {
        if (MmuLock.hasReaders(c, s)) {
            TdxWords.setZapPc(s, ZapPc.WAIT_WRITE);
            return Outcome.WAITING;
        }
        return locked(c, s);
    }

    /**
     * The write lock is held: kvm_mmu_invalidate_begin opens the window (tdx-facts §6b.5-6), then
     * start removing, or go straight to the unlock if the leaf SPTE is not present.
     */
    public static Outcome locked(TdxConfig c, long[] s) {
        if (c.zapKind().opensWindow() && !c.hugePage().split()) {
            // a split opens no window: KVM's demote on a 4K ACCEPT's exit is no invalidation (§7a.6-7)
            TdxWords.setInvalWindow(s, true);
        }
        boolean nothingToDo = c.hugePage().split() ? !TdxWords.huge(s) : TdxWords.spte(s, c.zapGpa(s)) != Spte.PRESENT;
        if (nothingToDo) {
            TdxWords.setZapPc(s, ZapPc.UNLOCK);
            return Outcome.NONE;
        }
        TdxWords.setZapPc(s, c.zapRetry().kickBeforeBlock() ? ZapPc.PRE_KICK : ZapPc.BLOCK);
        return Outcome.NONE;
    }

    /** After tdx_track(): the removal's PAGE.REMOVE, or the split's tdx_pamt_get (tdx-facts §7a.6). */
    public static int afterTrackKick(TdxConfig c) {
        return c.hugePage().split() ? ZapPc.PAMT_GET : ZapPc.REMOVE;
    }

    /**
     * The split's tdx_pamt_get for the new S-EPT page and the 2M range (KVM_BUG_ON on failure). In
     * this family it cannot fail: no other actor holds those PAMT entries (Dynamic PAMT's
     * contention is the dpamt family's question).
     */
    public static Outcome pamtGet(TdxConfig c, long[] s) {
        TdxWords.setPamtGot(s, true);
        TdxWords.setZapPc(s, ZapPc.DEMOTE);
        return Outcome.NONE;
    }

    /** Set wait_for_sept_zap (vCPUs stop entering) and kick every vCPU out of guest mode. */
    public static void noVcpusEnterStart(TdxConfig c, long[] s, int nextPc) {
        TdxWords.setWaitForSeptZap(s, true);
        Kick.kickAll(c, s);
        TdxWords.setZapPc(s, nextPc);
    }

    /** Acquire step of a host zap SEAMCALL on the zap GPA (or none, for TRACK). */
    static Outcome acquireHostCall(TdxConfig c, long[] s, Seamcall call, int heldPc) {
        int g = call == Seamcall.MEM_TRACK ? -1 : c.zapGpa(s);
        Outcome o = LockTable.tryAcquire(c, s, c.zapActor(), call, false, g);
        if (o == Outcome.LOCKS_TAKEN) {
            if (g >= 0) {
                TdxWords.setHostPriority(s, g, false);
            }
            TdxWords.setZapPc(s, heldPc);
            return o;
        }
        if (o == Outcome.BUSY_RCX) {
            TdxWords.setHostPriority(s, g, true);
        }
        onError(c, s, call, o);
        return o;
    }

    /** The zap policy decides on a non-success status; the acquire step of {@code call} is where a retry goes. */
    private static void onError(TdxConfig c, long[] s, Seamcall call, Outcome status) {
        ZapBusyAction a = c.zapRetry().onError(call, status, TdxWords.zapRetried(s));
        int index = call == Seamcall.MEM_RANGE_BLOCK ? 0 : call == Seamcall.MEM_TRACK ? 1
                : call == Seamcall.MEM_PAGE_REMOVE ? 2 : 3;
        switch (a) {
            case RETRY -> TdxWords.setZapPc(s, RETRY_PCS[index]); // the loop calls it again
            case KICK_THEN_RETRY -> {
                TdxWords.setZapRetryCall(s, index);
                TdxWords.setZapPc(s, ZapPc.RETRY_KICK);
            }
            default -> TdxWords.setBugged(s);
        }
    }

    /** tdx_no_vcpus_enter_start() after a BUSY: flag, kick, and go back to retry the call once. */
    public static Outcome retryKick(TdxConfig c, long[] s) {
        TdxWords.setZapRetried(s, true);
        noVcpusEnterStart(c, s, RETRY_PCS[TdxWords.zapRetryCall(s)]);
        return Outcome.NONE;
    }

    /**
     * Complete step of {@code call}: a non-success status goes to the zap policy (every policy
     * here bugs the VM on a status that is not operand-busy); success ends a kicked retry (flag
     * cleared).
     */
    public static Outcome complete(TdxConfig c, long[] s, Seamcall call, Outcome status, int nextPc) {
        if (status != Outcome.TDX_SUCCESS) {
            onError(c, s, call, status);
            return status;
        }
        if (TdxWords.zapRetried(s)) {
            TdxWords.setZapRetried(s, false);
            TdxWords.setZapRetryCall(s, 0);
            TdxWords.setWaitForSeptZap(s, false); // tdx_no_vcpus_enter_stop()
        }
        TdxWords.setZapPc(s, nextPc);
        return status;
    }

    /**
     * write_unlock(mmu_lock); kick-before-block clears its flag once PAGE.REMOVE is done. The
     * window stays open: a conversion stores the attribute next, a punch-hole truncates (§6b.5-6).
     */
    public static Outcome unlock(TdxConfig c, long[] s) {
        if (c.zapRetry().kickBeforeBlock()) {
            TdxWords.setWaitForSeptZap(s, false);
        }
        if (c.zapKind() == ZapKind.MEMSLOT) {
            TdxWords.setSlotInvalid(s, false); // the slot is re-added (a move): faults can map again
        }
        if (!TdxWords.invalWindow(s)) {
            return finish(c, s);
        }
        TdxWords.setZapPc(s, c.zapKind() == ZapKind.CONVERSION ? ZapPc.ATTR_STORE : ZapPc.TRUNCATE);
        return Outcome.NONE;
    }

    /** KVM_SET_MEMORY_ATTRIBUTES' xa_store, outside mmu_lock: the page is now shared (§6b.6). */
    public static Outcome attrStore(TdxConfig c, long[] s) {
        TdxWords.setShared(s, c.zapGpa(s), true);
        TdxWords.setZapPc(s, ZapPc.INVAL_END);
        return Outcome.NONE;
    }

    /** guest_memfd truncates the punched pages, outside mmu_lock: faults run and see the window. */
    public static Outcome truncate(TdxConfig c, long[] s) {
        TdxWords.setZapPc(s, ZapPc.INVAL_END);
        return Outcome.NONE;
    }

    /** kvm_mmu_invalidate_end under mmu_lock write (taken once no reader holds it): the window closes. */
    public static Outcome invalidateEnd(TdxConfig c, long[] s) {
        TdxWords.setInvalWindow(s, false);
        return finish(c, s);
    }

    /**
     * The zap is over; with a second zap (--zaps 2) the zap actor starts it, on its own page, only
     * now: the first zap's TRACK and kick are done under its mmu_lock write (tdx-facts §6g.1).
     */
    private static Outcome finish(TdxConfig c, long[] s) {
        if (c.hasSecondZap() && !TdxWords.secondZap(s)) {
            TdxWords.setSecondZap(s);
            TdxWords.setZapPc(s, ZapPc.IDLE);
        } else {
            TdxWords.setZapPc(s, ZapPc.DONE);
        }
        return Outcome.NONE;
    }
}
