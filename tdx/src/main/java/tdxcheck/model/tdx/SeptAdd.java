package tdxcheck.model.tdx;

/**
 * TDH.MEM.SEPT.ADD for the shared non-leaf entry: secure_ept_lock shared, then the parent entry's
 * lock (tdx-facts §2). Called by the fault path with the non-leaf mirror SPTE frozen.
 */
public final class SeptAdd {
    private SeptAdd() {
    }

    /** BUSY leaves the locks untouched; the caller restores the SPTE and applies the fault policy. */
    public static Outcome acquire(TdxConfig c, long[] s, int vcpu) {
        Outcome o = LockTable.tryAcquire(c, s, vcpu, Seamcall.MEM_SEPT_ADD, false, LockTable.PDE);
        if (o == Outcome.LOCKS_TAKEN) {
            TdxWords.setPc(s, vcpu, VcpuPc.ADD_HELD);
        }
        return o;
    }

    public static Outcome complete(TdxConfig c, long[] s, int vcpu) {
        TdxWords.setNonLeaf(s, Spte.PRESENT);
        TdxWords.setPc(s, vcpu, VcpuPc.LEAF);
        return Outcome.TDX_SUCCESS;
    }
}
