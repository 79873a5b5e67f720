package tdxcheck.model.tdx;

/**
 * TDH.MEM.PAGE.DEMOTE (tdh_mem_page_demote.c, TDX module 1.5.01 @72d8cff; tdx-facts §7a.1):
 * secure_ept_lock shared, then the 2M leaf entry's host lock (BUSY|RCX); the entry must be a 2M
 * leaf (else TDX_EPT_ENTRY_STATE_INCORRECT), BLOCKED (else TDX_GPA_RANGE_NOT_BLOCKED) and the block
 * tracked (else TDX_TLB_TRACKING_NOT_DONE); then the new S-EPT page's PAMT EX, the split, and the
 * host-interrupt check: with an interrupt pending it returns TDX_INTERRUPTED_RESTARTABLE and
 * nothing changes ("not restartable, no need to save state"). Otherwise pamt_demote and the commit:
 * the parent becomes a non-leaf and the 512 children are unblocked, MAPPED or PENDING as the leaf
 * was.
 *
 * <p>Whether an interrupt is pending is the environment's choice at the complete step, offered
 * only without ENHANCED_DEMOTE_INTERRUPTIBILITY (TDX_FEATURES0 bit 51: with it the module does not
 * return INTERRUPTED_RESTARTABLE for TDs without L2 VMs, §7a.4; {@link HugePage#interruptible}).
 */
public final class PageDemote {
    private PageDemote() {
    }

    public static Outcome acquire(TdxConfig c, long[] s) {
        return ZapPath.acquireHostCall(c, s, Seamcall.MEM_PAGE_DEMOTE, ZapPc.DEMOTE_HELD);
    }

    /** {@code interruptPending}: the environment raised a host interrupt during the call. */
    public static Outcome complete(TdxConfig c, long[] s, boolean interruptPending) {
        int g = c.zapGpa(s);
        int st = TdxWords.sept(s, g);
        if (!TdxWords.huge(s)) {
            return Outcome.EPT_ENTRY_STATE_INCORRECT;
        }
        if (!SeptState.blocked(st)) {
            return Outcome.GPA_RANGE_NOT_BLOCKED;
        }
        if (!MemTrack.tracked(c, s, g)) {
            return Outcome.TLB_TRACKING_NOT_DONE;
        }
        if (interruptPending && c.hugePage().interruptible()) {
            return Outcome.INTERRUPTED_RESTARTABLE;
        }
        TdxWords.setHuge(s, false);
        TdxWords.setSept(s, g, st == SeptState.BLOCKED_MAPPED ? SeptState.MAPPED : SeptState.PENDING);
        TdxWords.setBlockEpoch(s, g, 0);
        return Outcome.TDX_SUCCESS;
    }
}
