package tdxcheck.model.tdx;

/**
 * TDG.MEM.PAGE.ACCEPT, the guest's TDCALL: a lockless walk, then the entry lock guest-side only
 * (tdx-facts §2), taken before the entry's state is read ({@link #locks4kEntry}). An entry that is
 * not PENDING or MAPPED then gives an EPT-violation exit that zero-step does not count;
 * a held entry lock gives the guest TDX_OPERAND_BUSY|RCX, and so does host priority (the module
 * rewrites TDX_OPERAND_BUSY_HOST_PRIORITY, §8.2); a Linux guest does not retry either and panics (§5).
 */
public final class PageAccept {
    private PageAccept() {
    }

    public static Outcome acquire(TdxConfig c, long[] s, int vcpu, int gpa) {
        if (!SeptState.present(TdxWords.sept(s, gpa)) && !locksBlocked2mLeaf(c, s, gpa)
                && !locks4kEntry(c, s, gpa)) {
            return Outcome.EXIT_EPT_VIOLATION_ACCEPT; // the walk stops above the 4K entry: no lock
        }
        boolean under2m = under2mLeaf(c, s, gpa);
        if (under2m && !c.hugePage().accept4kLocks2m()) {
            // tdx-facts §7a.7: the walk stops at the 2M leaf above the requested 4K level, which is
            // not yet accessible: an EEQ ACCEPT exit, no entry lock taken, not counted (§6c.8)
            return Outcome.EXIT_EPT_VIOLATION_ACCEPT_2M_LEAF;
        }
        int guest = c.vcpus() + vcpu;
        Outcome o = LockTable.tryAcquire(c, s, guest, Seamcall.MEM_PAGE_ACCEPT, false, gpa);
        boolean held = o != Outcome.LOCKS_TAKEN;
        o = SeptEntryLock.tryLock(true, held, TdxWords.hostPriority(s, gpa));
        if (o == Outcome.BUSY_HOST_PRIORITY_RCX) {
            // tdx_td_dispatcher.c (TDX module 1.5.01 @72d8cff): the guest never sees host priority;
            // BUSY_HOST_PRIORITY becomes BUSY with the same operand (tdx-facts §8.2). The module exits
            // to the host (TDX_HOST_PRIORITY_BUSY_TIMEOUT) only when host priority persists for
            // HP_LOCK_TIMEOUT across guest retries; a Linux guest does not retry (it panics), so no
            // modelled guest reaches the timeout.
            return Outcome.BUSY_RCX_HOST_PRIORITY_REWRITTEN;
        }
        if (o == Outcome.LOCKS_TAKEN) {
            TdxWords.setFaultGpa(s, vcpu, gpa);
            TdxWords.setPc(s, vcpu, VcpuPc.ACCEPT);
            if (c.hugePage().accept2m() && !TdxWords.huge(s)) {
                return Outcome.SIZE_MISMATCH_THEN_4K; // 2M ACCEPT of a 4K mapping (§7a.7): the guest's fallback
            }
        }
        return o;
    }

    /**
     * A 2M ACCEPT whose walk ends at the requested level on a BLOCKED 2M leaf: check_tdaccept_failure
     * takes the entry lock first, then finds the leaf not ACCEPTable, releases it and exits
     * (intel/tdx-module @1666adc, 2.0.08, tdg_mem_page_accept.c). So a host SEAMCALL on the 2M entry
     * can meet it. The 4K counterpart is {@link #locks4kEntry} (docs/hugepage.md, "Model choices").
     */
    public static boolean locksBlocked2mLeaf(TdxConfig c, long[] s, int gpa) {
        return c.hugePage().accept2m() && TdxWords.huge(s) && gpa == c.zapGpa()
                && SeptState.blocked(TdxWords.sept(s, gpa));
    }

    /**
     * A 4K ACCEPT whose lockless walk reaches {@code gpa}'s 4K entry (the 4K S-EPT page is there:
     * the shared non-leaf is present, and no 2M leaf stops the walk above it). The module then takes
     * the entry's lock before it reads the entry's state, whatever that state is: a FREE or BLOCKED
     * entry exits (EEQ ACCEPT) only after the lock was taken and released, and a host SEAMCALL
     * holding the lock makes the guest see TDX_OPERAND_BUSY (check_tdaccept_failure in
     * tdg_mem_page_accept.c, identical in TDX module 1.5.01 @72d8cff, 1.5.06 @1e63698 and 2.0.08
     * @1666adc; docs/model.md, "Guest ACCEPT takes the entry lock first").
     */
    public static boolean locks4kEntry(TdxConfig c, long[] s, int gpa) {
        return !c.hugePage().accept2m() && !under2mLeaf(c, s, gpa) && TdxWords.nonLeaf(s) == Spte.PRESENT;
    }

    /**
     * A 4K ACCEPT of {@code gpa} meets a 2M leaf: the range is mapped at 2M and the guest accepts
     * at 4K (tdx-facts §7a.7; host level above accept level). With {@code --accept-4k-locks-2m} it
     * holds the 2M entry's lock until it exits (UNCONFIRMED).
     */
    public static boolean under2mLeaf(TdxConfig c, long[] s, int gpa) {
        return TdxWords.huge(s) && !c.hugePage().accept2m() && gpa == c.zapGpa();
    }

    public static Outcome complete(TdxConfig c, long[] s, int vcpu) {
        int g = TdxWords.faultGpa(s, vcpu);
        TdxWords.setPc(s, vcpu, VcpuPc.GUEST);
        if (TdxWords.sept(s, g) == SeptState.PENDING) {
            TdxWords.setSept(s, g, SeptState.MAPPED);
            return Outcome.TDX_SUCCESS;
        }
        return Outcome.PAGE_ALREADY_ACCEPTED;
    }
}
