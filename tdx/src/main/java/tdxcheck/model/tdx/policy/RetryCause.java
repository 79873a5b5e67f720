package tdxcheck.model.tdx.policy;

/** Why the TDP MMU returned RET_PF_RETRY (tdx-facts §3). */
public enum RetryCause {
    /** Another vCPU holds the mirror SPTE frozen (FROZEN_SPTE) while it calls the TDX module. */
    FROZEN_SPTE,
    /** TDH.MEM.SEPT.ADD or TDH.MEM.PAGE.AUG returned TDX_OPERAND_BUSY (-EBUSY). */
    SEAMCALL_BUSY,
    /**
     * The GFN is in an open mmu-invalidation window (mmu_invalidate_retry_gfn, tdx-facts §6b.4):
     * RET_PF_RETRY before any SEAMCALL; the 6.16 local-retry loop spins on it.
     */
    INVALIDATION,
    /**
     * The memslot is KVM_MEMSLOT_INVALID (being deleted): RET_PF_RETRY (kvm_mmu_faultin_pfn,
     * tdx-facts §6d). The 6.16 loop spins on it holding SRCU; since 2bc2694fe20b it breaks out.
     */
    INVALID_SLOT
}
