package tdxcheck.tdbuild.guard;

import tdxcheck.tdbuild.Ioctl;
import tdxcheck.tdbuild.KvmLocks;
import tdxcheck.tdbuild.Program;

/**
 * Mainline 6.16 (torvalds/linux 3829d81b, arch/x86/kvm/vmx/tdx.c; tdx-facts §7c.2): INIT_VM and
 * FINALIZE_VM under kvm->lock, FINALIZE also under slots_lock; INIT_VCPU under its own
 * vcpu->mutex only; INIT_MEM_REGION under its vcpu->mutex and slots_lock. tdx_vcpu_ioctl's
 * "RUNNABLE -> -EINVAL" check runs under the vCPU's mutex alone, so it races FINALIZE.
 */
public class V616Guard implements BuildGuard {
    @Override
    public String id() {
        return "v6.16";
    }

    @Override
    public String description() {
        return "mainline 6.16: kvm->lock for the VM ioctls, the vCPU's own mutex (+ slots_lock for INIT_MEM_REGION)";
    }

    @Override
    public void enter(Program.Builder b, Ioctl io, int vcpu, int vcpus) {
        switch (io) {
            case INIT_VM -> b.lock(KvmLocks.KVM_LOCK, "tdx_vm_ioctl: mutex_lock(&kvm->lock)");
            case FINALIZE_VM -> b.lock(KvmLocks.KVM_LOCK, "tdx_vm_ioctl: mutex_lock(&kvm->lock)")
                    .lock(KvmLocks.SLOTS_LOCK, "tdx_td_finalize: guard(mutex)(&kvm->slots_lock)")
                    .checkNotRunnable("tdx_td_finalize: TD RUNNABLE -> -EINVAL");
            case INIT_VCPU -> {
                b.lock(KvmLocks.vcpuMutex(vcpu), "kvm_vcpu_ioctl: mutex_lock(&vcpu->mutex)");
                vcpuEntry(b, vcpu);
            }
            case INIT_MEM_REGION -> {
                b.lock(KvmLocks.vcpuMutex(vcpu), "kvm_vcpu_ioctl: mutex_lock(&vcpu->mutex)");
                vcpuEntry(b, vcpu);
                b.lock(KvmLocks.SLOTS_LOCK, "tdx_vcpu_init_mem_region: guard(mutex)(&kvm->slots_lock)")
                        .checkNotRunnable("tdx_vcpu_init_mem_region: TD RUNNABLE -> -EINVAL");
            }
        }
    }

    /** tdx_vcpu_ioctl's entry check, under the vCPU's mutex only. */
    protected void vcpuEntry(Program.Builder b, int vcpu) {
        b.checkNotRunnable("tdx_vcpu_ioctl: TD RUNNABLE -> -EINVAL");
    }
}
