package tdxcheck.model.tdx;

/**
 * TDH.MEM.RANGE.BLOCK: secure_ept_lock exclusive, then the entry lock; the entry becomes BLOCKED
 * and PAMT.BEPOCH records the current TD epoch (tdx-facts §2).
 */
public final class RangeBlock {
    private RangeBlock() {
    }

    public static Outcome acquire(TdxConfig c, long[] s) {
        return ZapPath.acquireHostCall(c, s, Seamcall.MEM_RANGE_BLOCK, ZapPc.BLOCK_HELD);
    }

    public static Outcome complete(TdxConfig c, long[] s) {
        int g = c.zapGpa(s);
        int st = TdxWords.sept(s, g);
        if (SeptState.blocked(st)) {
            return Outcome.GPA_RANGE_ALREADY_BLOCKED;
        }
        if (!SeptState.present(st)) {
            return Outcome.EPT_ENTRY_STATE_INCORRECT;
        }
        TdxWords.setSept(s, g, st == SeptState.MAPPED ? SeptState.BLOCKED_MAPPED : SeptState.BLOCKED_PENDING);
        TdxWords.setBlockEpoch(s, g, TdxWords.epoch(s));
        return Outcome.TDX_SUCCESS;
    }
}
