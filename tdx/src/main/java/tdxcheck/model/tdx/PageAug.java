package tdxcheck.model.tdx;

/**
 * TDH.MEM.PAGE.AUG: secure_ept_lock shared, then the leaf entry lock (host side); on success the
 * entry becomes PENDING (tdx-facts §2). A host that fails on the entry lock sets host priority.
 */
public final class PageAug {
    private PageAug() {
    }

    public static Outcome acquire(TdxConfig c, long[] s, int vcpu) {
        int g = TdxWords.faultGpa(s, vcpu);
        Outcome o = LockTable.tryAcquire(c, s, vcpu, Seamcall.MEM_PAGE_AUG, false, g);
        if (o == Outcome.BUSY_RCX) {
            TdxWords.setHostPriority(s, g, true);
        }
        if (o == Outcome.LOCKS_TAKEN) {
            TdxWords.setHostPriority(s, g, false);
            TdxWords.setPc(s, vcpu, VcpuPc.AUG_HELD);
        }
        return o;
    }

    /** The page is PENDING; KVM sets the mirror SPTE and drops mmu_lock: the fault is fixed. */
    public static Outcome complete(TdxConfig c, long[] s, int vcpu) {
        int g = TdxWords.faultGpa(s, vcpu);
        TdxWords.setSept(s, g, SeptState.PENDING);
        TdxWords.setSpte(s, g, Spte.PRESENT);
        TdxWords.setPc(s, vcpu, VcpuPc.RUN);
        return Outcome.TDX_SUCCESS;
    }
}
