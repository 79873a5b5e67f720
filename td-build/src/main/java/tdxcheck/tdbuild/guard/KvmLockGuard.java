package tdxcheck.tdbuild.guard;

import tdxcheck.tdbuild.Ioctl;
import tdxcheck.tdbuild.KvmLocks;
import tdxcheck.tdbuild.Program;

/**
 * Candidate: the two vCPU ioctls also take kvm->lock, as the VM ioctls do, and check the TD state
 * under it. kvm->lock sits outside vcpu->mutex, so they need the unlocked vCPU-ioctl path that
 * 15945e9ec195 adds (tdx-facts §7c.3): kvm->lock first, then the vCPU's own mutex.
 */
public final class KvmLockGuard extends V616Guard {
    @Override
    public String id() {
        return "kvm-lock";
    }

    @Override
    public String description() {
        return "candidate: INIT_VCPU and INIT_MEM_REGION also under kvm->lock (unlocked vCPU-ioctl path)";
    }

    @Override
    public void enter(Program.Builder b, Ioctl io, int vcpu, int vcpus) {
        if (io == Ioctl.INIT_VCPU || io == Ioctl.INIT_MEM_REGION) {
            b.lock(KvmLocks.KVM_LOCK, "mutex_lock(&kvm->lock)")
                    .lock(KvmLocks.vcpuMutex(vcpu), "mutex_lock(&vcpu->mutex)");
            if (io == Ioctl.INIT_MEM_REGION) {
                b.lock(KvmLocks.SLOTS_LOCK, "tdx_vcpu_init_mem_region: guard(mutex)(&kvm->slots_lock)");
            }
            b.checkNotRunnable("TD RUNNABLE -> -EINVAL (under kvm->lock)");
            return;
        }
        super.enter(b, io, vcpu, vcpus);
    }
}
