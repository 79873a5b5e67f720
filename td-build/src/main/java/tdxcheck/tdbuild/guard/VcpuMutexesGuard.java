package tdxcheck.tdbuild.guard;

import tdxcheck.tdbuild.Ioctl;
import tdxcheck.tdbuild.KvmLocks;
import tdxcheck.tdbuild.Program;

/**
 * Candidate: the vCPU ioctls take every vcpu->mutex (kvm_lock_all_vcpus order) instead of only
 * their own; the VM ioctls stay as in 6.16. It serialises the vCPU ioctls against each other but
 * not against FINALIZE_VM, which holds kvm->lock and slots_lock only.
 */
public final class VcpuMutexesGuard extends V616Guard {
    @Override
    public String id() {
        return "vcpu-mutexes";
    }

    @Override
    public String description() {
        return "candidate: INIT_VCPU and INIT_MEM_REGION take every vcpu->mutex; the VM ioctls as in 6.16";
    }

    @Override
    public void enter(Program.Builder b, Ioctl io, int vcpu, int vcpus) {
        if (io == Ioctl.INIT_VCPU || io == Ioctl.INIT_MEM_REGION) {
            for (int i = 0; i < vcpus; i++) {
                b.lock(KvmLocks.vcpuMutex(i), "mutex_lock(&vcpu" + i + "->mutex)");
            }
            if (io == Ioctl.INIT_MEM_REGION) {
                b.lock(KvmLocks.SLOTS_LOCK, "tdx_vcpu_init_mem_region: guard(mutex)(&kvm->slots_lock)");
            }
            b.checkNotRunnable("TD RUNNABLE -> -EINVAL (under every vcpu->mutex)");
            return;
        }
        super.enter(b, io, vcpu, vcpus);
    }
}
