package tdxcheck.model.tdx;

import tdxcheck.model.tdx.policy.RetryCause;

/**
 * KVM's private EPT-violation path (tdx_handle_ept_violation -> kvm_tdp_mmu_map), tdx-facts §3
 * and §5: under mmu_lock read, many vCPUs at once; the mirror SPTE is cmpxchg'd to FROZEN_SPTE
 * before SEPT.ADD/PAGE.AUG and restored if the SEAMCALL fails; a vCPU that meets a frozen SPTE
 * gets RET_PF_RETRY. The fault retry policy decides what RET_PF_RETRY does. The non-leaf level is
 * one entry shared by all GPAs, so the first fault also needs TDH.MEM.SEPT.ADD.
 */
public final class FaultPath {
    private FaultPath() {
    }

    /**
     * kvm_mmu_faultin_pfn, then read_lock(mmu_lock) and walk: the non-leaf entry first, then the
     * leaf. A GFN in an open invalidation window gives RET_PF_RETRY before the walk and before any
     * SEAMCALL, mapped or not (tdx-facts §6b.4; Linux mmu.c @3ccbf6f4).
     */
    public static Outcome attempt(TdxConfig c, long[] s, int vcpu) {
        int g = TdxWords.faultGpa(s, vcpu);
        if (TdxWords.slotInvalid(s)) { // one memslot holds every GPA of the scenario (tdx-facts §6b.4.3)
            return retry(c, s, vcpu, RetryCause.INVALID_SLOT);
        }
        if (TdxWords.invalWindow(s) && g == c.zapGpa()) {
            return retry(c, s, vcpu, RetryCause.INVALIDATION);
        }
        if (TdxWords.spte(s, g) == Spte.PRESENT) {
            TdxWords.setPc(s, vcpu, VcpuPc.RUN);
            return Outcome.RET_PF_SPURIOUS;
        }
        int nl = TdxWords.nonLeaf(s);
        if (nl == Spte.NONE) {
            TdxWords.setNonLeaf(s, Spte.FROZEN);
            TdxWords.setPc(s, vcpu, VcpuPc.ADD_FROZEN);
            return Outcome.SPTE_FROZEN;
        }
        if (nl == Spte.FROZEN) {
            return retry(c, s, vcpu, RetryCause.FROZEN_SPTE);
        }
        return leaf(c, s, vcpu);
    }

    /** The leaf level, still under mmu_lock read. */
    public static Outcome leaf(TdxConfig c, long[] s, int vcpu) {
        int g = TdxWords.faultGpa(s, vcpu);
        int sp = TdxWords.spte(s, g);
        if (sp == Spte.PRESENT) {
            TdxWords.setPc(s, vcpu, VcpuPc.RUN);
            return Outcome.RET_PF_SPURIOUS;
        }
        if (sp == Spte.FROZEN) {
            return retry(c, s, vcpu, RetryCause.FROZEN_SPTE);
        }
        TdxWords.setSpte(s, g, Spte.FROZEN);
        TdxWords.setPc(s, vcpu, VcpuPc.AUG_FROZEN);
        return Outcome.SPTE_FROZEN;
    }

    /** TDH.MEM.SEPT.ADD; on an error restore the non-leaf SPTE and return RET_PF_RETRY (or KVM_BUG_ON). */
    public static Outcome septAdd(TdxConfig c, long[] s, int vcpu) {
        Outcome o = SeptAdd.acquire(c, s, vcpu);
        if (o != Outcome.LOCKS_TAKEN) {
            TdxWords.setNonLeaf(s, Spte.NONE);
            mapError(c, s, vcpu, Seamcall.MEM_SEPT_ADD, o);
        }
        return o;
    }

    /** TDH.MEM.PAGE.AUG; on an error restore the leaf SPTE and return RET_PF_RETRY (or KVM_BUG_ON). */
    public static Outcome pageAug(TdxConfig c, long[] s, int vcpu) {
        Outcome o = PageAug.acquire(c, s, vcpu);
        if (o != Outcome.LOCKS_TAKEN) {
            TdxWords.setSpte(s, TdxWords.faultGpa(s, vcpu), Spte.NONE);
            mapError(c, s, vcpu, Seamcall.MEM_PAGE_AUG, o);
        }
        return o;
    }

    /** The fault policy reads the status: -EBUSY (RET_PF_RETRY) or KVM_BUG_ON (tdx-facts §3, §6a.7-8). */
    static void mapError(TdxConfig c, long[] s, int vcpu, Seamcall call, Outcome status) {
        if (c.faultRetry().mapErrorIsRetry(call, status)) {
            retry(c, s, vcpu, RetryCause.SEAMCALL_BUSY);
        } else {
            TdxWords.setBugged(s);
        }
    }

    /**
     * RET_PF_RETRY: mmu_lock is dropped; the policy either loops in KVM (local retry: the next
     * attempt is the loop top, where a pending event may break out) or resumes the guest.
     */
    private static Outcome retry(TdxConfig c, long[] s, int vcpu, RetryCause cause) {
        boolean local = c.faultRetry().retryLocally(cause);
        TdxWords.setPc(s, vcpu, local ? VcpuPc.FAULT_RETRY : VcpuPc.RUN);
        return switch (cause) {
            case FROZEN_SPTE -> Outcome.RET_PF_RETRY_FROZEN;
            case INVALIDATION -> Outcome.RET_PF_RETRY_INVALIDATION;
            case INVALID_SLOT -> Outcome.RET_PF_RETRY_INVALID_SLOT;
            default -> Outcome.RET_PF_RETRY_BUSY;
        };
    }

    /** kvm_vcpu_has_events(): the local retry loop breaks and the vCPU re-enters the guest. */
    public static Outcome breakOnPendingEvent(long[] s, int vcpu) {
        TdxWords.setPc(s, vcpu, VcpuPc.RUN);
        return Outcome.BREAK_PENDING_EVENT;
    }
}
