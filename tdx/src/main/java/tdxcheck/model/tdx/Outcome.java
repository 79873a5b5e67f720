package tdxcheck.model.tdx;

/**
 * What a step returns, as a trace shows it: TDX module status codes with their operand ids
 * (encodings from tdx_error_codes_defs.h, tdx-facts §2), TD exit reasons, and KVM results.
 */
public enum Outcome {
    NONE("", 0L),
    TDX_SUCCESS("TDX_SUCCESS", 0L),
    BUSY_TD_EPOCH("TDX_OPERAND_BUSY|TD_EPOCH", 0x80000200000000A9L),
    BUSY_SEPT_TREE("TDX_OPERAND_BUSY|SEPT_TREE", 0x8000020000000092L),
    BUSY_RCX("TDX_OPERAND_BUSY|RCX", 0x8000020000000001L),
    BUSY_HOST_PRIORITY_RCX("TDX_OPERAND_BUSY_HOST_PRIORITY|RCX", 0x8000020400000001L),
    /**
     * What the guest receives when its TDCALL met host priority: the dispatcher rewrites
     * TDX_OPERAND_BUSY_HOST_PRIORITY to TDX_OPERAND_BUSY, keeping the operand (tdx-facts §8.2).
     */
    BUSY_RCX_HOST_PRIORITY_REWRITTEN("TDX_OPERAND_BUSY|RCX (host priority; the module rewrote"
            + " TDX_OPERAND_BUSY_HOST_PRIORITY)", 0x8000020000000001L),
    PREVIOUS_TLB_EPOCH_BUSY("TDX_PREVIOUS_TLB_EPOCH_BUSY", 0x8000020100000000L),
    // TDH.VP.ENTER's operand-less errors, SW errors and a NON_RECOVERABLE TD exit (tdx-facts §7e.3;
    // tdx_errno.h, asm/tdx.h; intel/tdx-module 1.5.01 tdh_vp_enter.c): see VpEnterError.
    HOST_PRIORITY_BUSY_TIMEOUT("TDX_HOST_PRIORITY_BUSY_TIMEOUT", 0x9000020500000000L),
    RND_NO_ENTROPY("TDX_RND_NO_ENTROPY", 0x8000020300000000L),
    TSC_ROLLBACK("TDX_TSC_ROLLBACK", 0xC000070600000000L),
    TDCX_NUM_INCORRECT("TDX_TDCX_NUM_INCORRECT", 0xC000061000000000L),
    LIMIT_CPUID_MAXVAL_SET("TDX_LIMIT_CPUID_MAXVAL_SET", 0xC000090100000000L),
    VCPU_ASSOCIATED("TDX_VCPU_ASSOCIATED", 0x8000070100000000L),
    VMFAILINVALID("TDX_SW_ERROR VMFAILINVALID", 0x8000FF00FFFF0000L),
    SEAMCALL_UD("TDX_SEAMCALL_UD", 0x8000FF0000000006L),
    SEAMCALL_GP("TDX_SEAMCALL_GP", 0x8000FF000000000DL),
    NON_RECOVERABLE_VCPU_TRIPLE_FAULT("TDX_NON_RECOVERABLE_VCPU|EXIT_REASON_TRIPLE_FAULT", 0x4000000100000002L),
    GPA_RANGE_NOT_BLOCKED("TDX_GPA_RANGE_NOT_BLOCKED|RCX", 0xC0000B0600000001L),
    TLB_TRACKING_NOT_DONE("TDX_TLB_TRACKING_NOT_DONE|RCX", 0xC0000B0800000001L),
    GPA_RANGE_ALREADY_BLOCKED("TDX_GPA_RANGE_ALREADY_BLOCKED|RCX", 0x00000B0700000001L),
    EPT_ENTRY_STATE_INCORRECT("TDX_EPT_ENTRY_STATE_INCORRECT|RCX", 0xC0000B0D00000001L),
    PAGE_ALREADY_ACCEPTED("TDX_PAGE_ALREADY_ACCEPTED", 0x00000B0A00000000L),
    /**
     * TDH.MEM.PAGE.DEMOTE found a host interrupt pending (is_interrupt_pending_host_side) and
     * returned without splitting: "not restartable, no need to save state" (tdx-facts §7a.1.9).
     * Not an operand busy.
     */
    INTERRUPTED_RESTARTABLE("TDX_INTERRUPTED_RESTARTABLE", 0x8000000400000000L),
    /**
     * A 2M ACCEPT of a page mapped at 4K: TDX_PAGE_SIZE_MISMATCH to the guest, whose try_accept_one
     * falls back to 4K at once (tdx-facts §6c.3, §7a.7); the model folds the two TDCALLs into one step.
     */
    SIZE_MISMATCH_THEN_4K("TDX_PAGE_SIZE_MISMATCH at 2M, guest falls back to 4K: locks taken", 0L),
    /** Lock(s) taken; the call completes in its next step. */
    LOCKS_TAKEN("locks taken", 0L),
    EXIT_EPT_VIOLATION("EXIT_REASON_EPT_VIOLATION", 48L),
    EXIT_EPT_VIOLATION_ACCEPT("EXIT_REASON_EPT_VIOLATION (ACCEPT, not counted)", 48L),
    /**
     * A 4K ACCEPT under a 2M leaf that is not yet accessible: the module exits with EEQ type ACCEPT
     * (not counted for zero-step) until the host demotes (tdx-facts §7a.7).
     */
    EXIT_EPT_VIOLATION_ACCEPT_2M_LEAF("EXIT_REASON_EPT_VIOLATION (4K ACCEPT under a 2M leaf, not counted)", 48L),
    EXIT_EPT_VIOLATION_PENDING("EXIT_REASON_EPT_VIOLATION (PENDING page, counted)", 48L),
    ACCEPT_SKIPPED("already accepted (unaccepted bitmap clear): no TDCALL", 0L),
    EXIT_EPT_VIOLATION_ZERO_STEP("EXIT_REASON_EPT_VIOLATION (zero-step, synthesised)", 48L),
    EXIT_EXTERNAL_INTERRUPT("EXIT_REASON_EXTERNAL_INTERRUPT (kick IPI)", 1L),
    EXIT_TDCALL("EXIT_REASON_TDCALL", 77L),
    GUEST_ENTERED("TDX_SUCCESS (guest entered)", 0L),
    ACCESS_OK("access ok (RIP advances)", 0L),
    RET_PF_RETRY_FROZEN("RET_PF_RETRY (FROZEN_SPTE)", 0L),
    RET_PF_RETRY_BUSY("RET_PF_RETRY (-EBUSY)", 0L),
    RET_PF_RETRY_INVALID_SLOT("RET_PF_RETRY (KVM_MEMSLOT_INVALID, no SEAMCALL)", 0L),
    RET_PF_RETRY_INVALIDATION("RET_PF_RETRY (mmu_invalidate_retry_gfn: invalidation in progress, no SEAMCALL)", 0L),
    RET_PF_SPURIOUS("RET_PF_SPURIOUS", 0L),
    RET_PF_FIXED("RET_PF_FIXED", 0L),
    SPTE_FROZEN("FROZEN_SPTE set", 0L),
    BREAK_PENDING_EVENT("kvm_vcpu_has_events(): leave local retry", 0L),
    /** kvm_mmu_prepare_memory_fault_exit, -EFAULT: KVM_RUN returns to userspace (tdx-facts §6e.1). */
    EXIT_MEMORY_FAULT("KVM_EXIT_MEMORY_FAULT (private fault on a shared GFN, -EFAULT to userspace)", 0L),
    USERSPACE_CONVERT("KVM_SET_MEMORY_ATTRIBUTES(private), then KVM_RUN", 0L),
    USERSPACE_RERUN("KVM_RUN again, attributes unchanged", 0L),
    EXIT_MAP_GPA("TDVMCALL MapGPA -> KVM_EXIT_HYPERCALL(KVM_HC_MAP_GPA_RANGE) to userspace", 0L),
    MAP_GPA_DONE("KVM_RUN (MapGPA succeeded)", 0L),
    /** --present-spte kvm-bug: the mirror SPTE update of the fake exit meets a present SPTE. */
    MIRROR_SPTE_PRESENT("mirror SPTE already present (zero-step fake exit)", 0L),
    WAITING("", 0L),
    KVM_BUG_ON("KVM_BUG_ON", 0L);

    private final String label;
    private final long code;

    Outcome(String label, long code) {
        this.label = label;
        this.code = code;
    }

    public String label() {
        return label;
    }

    /** The raw 64-bit value KVM sees in RAX (status or exit reason); 0 where not applicable. */
    public long code() {
        return code;
    }

    /** tdx_operand_busy(): (err &amp; TDX_SEAMCALL_STATUS_MASK) == TDX_OPERAND_BUSY. */
    public boolean operandBusy() {
        return (code & 0xFFFFFFFF00000000L) == 0x8000020000000000L;
    }

    /** Any BUSY-class status (operand busy, host priority, previous epoch). */
    public boolean busyClass() {
        return this == BUSY_TD_EPOCH || this == BUSY_SEPT_TREE || this == BUSY_RCX
                || this == BUSY_HOST_PRIORITY_RCX || this == PREVIOUS_TLB_EPOCH_BUSY;
    }
}
