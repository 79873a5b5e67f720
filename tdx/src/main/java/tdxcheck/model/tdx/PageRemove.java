package tdxcheck.model.tdx;

/**
 * TDH.MEM.PAGE.REMOVE: secure_ept_lock shared, then the entry lock; the entry must be BLOCKED
 * (else TDX_GPA_RANGE_NOT_BLOCKED|RCX) and the block tracked (else TDX_TLB_TRACKING_NOT_DONE|RCX):
 * BLOCK, TRACK, every vCPU of the old epoch exited, REMOVE (tdx-facts §2 preconditions).
 */
public final class PageRemove {
    private PageRemove() {
    }

    public static Outcome acquire(TdxConfig c, long[] s) {
        return ZapPath.acquireHostCall(c, s, Seamcall.MEM_PAGE_REMOVE, ZapPc.REMOVE_HELD);
    }

    public static Outcome complete(TdxConfig c, long[] s) {
        int g = c.zapGpa(s);
        if (!SeptState.blocked(TdxWords.sept(s, g))) {
            return Outcome.GPA_RANGE_NOT_BLOCKED;
        }
        if (!MemTrack.tracked(c, s, g)) {
            return Outcome.TLB_TRACKING_NOT_DONE;
        }
        TdxWords.setSept(s, g, SeptState.FREE);
        TdxWords.setBlockEpoch(s, g, 0);
        TdxWords.setSpte(s, g, Spte.NONE);
        return Outcome.TDX_SUCCESS;
    }
}
