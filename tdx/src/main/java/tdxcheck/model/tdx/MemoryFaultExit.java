package tdxcheck.model.tdx;

/**
 * KVM_EXIT_MEMORY_FAULT (tdx-facts §6e): kvm_mmu_faultin_pfn finds the fault's private bit
 * different from the GFN's memory attribute, fills run->memory_fault and returns -EFAULT, so
 * KVM_RUN returns to userspace (Linux arch/x86/kvm/mmu/mmu.c @3ccbf6f4,
 * kvm_mmu_prepare_memory_fault_exit). The local retry loop stops too: it only loops on
 * RET_PF_RETRY. Out of KVM_RUN the vCPU holds neither SRCU nor mmu_lock and is not in guest mode.
 * Userspace then may convert the GFN back to private (QEMU's kvm_convert_memory does) or not,
 * and calls KVM_RUN: the guest re-executes the same RIP, so a plain access exits again counted
 * (its EPT violation was counted when it exited) and an ACCEPT's exits stay uncounted (§6e.3).
 */
public final class MemoryFaultExit {
    private MemoryFaultExit() {
    }

    public static Outcome exit(long[] s, int vcpu) {
        TdxWords.setPc(s, vcpu, VcpuPc.USERSPACE);
        return Outcome.EXIT_MEMORY_FAULT;
    }

    /**
     * Userspace's KVM_SET_MEMORY_ATTRIBUTES(private) for the faulting GFN waits for slots_lock, so
     * not while a conversion of the zap is between its zap and its invalidate_end (tdx-facts §6b.6).
     * <b>Choice:</b> the flip is one step (its own window and zap have nothing private to remove).
     */
    public static boolean mayConvert(TdxConfig c, long[] s) {
        int z = TdxWords.zapPc(s);
        return !(c.hasZap() && c.zapKind() == ZapKind.CONVERSION && z != ZapPc.IDLE && z != ZapPc.DONE);
    }

    /** KVM_RUN again; with {@code convert}, after storing the fault's GFN as private. */
    public static Outcome rerun(long[] s, int vcpu, boolean convert) {
        if (convert) {
            TdxWords.setShared(s, TdxWords.faultGpa(s, vcpu), false);
        }
        TdxWords.setPc(s, vcpu, VcpuPc.RUN);
        return convert ? Outcome.USERSPACE_CONVERT : Outcome.USERSPACE_RERUN;
    }
}
