package tdxcheck.tdbuild.guard;

import tdxcheck.tdbuild.Ioctl;
import tdxcheck.tdbuild.KvmLocks;
import tdxcheck.tdbuild.Program;

/**
 * Candidate: 6.16 plus one lock. INIT_VCPU also takes slots_lock (inside its vcpu->mutex, KVM's
 * usual order, tdx-facts §7c.3) and checks the TD state under it. Every SEAMCALL that takes the
 * TDR exclusive (PAGE.ADD, MR.EXTEND, MR.FINALIZE) already runs under slots_lock in 6.16, so this
 * puts VP.CREATE/ADDCX/INIT on the same side of it.
 */
public final class SlotsLockGuard extends V616Guard {
    @Override
    public String id() {
        return "slots-lock";
    }

    @Override
    public String description() {
        return "candidate: 6.16 + slots_lock around INIT_VCPU's SEAMCALLs, state check under it";
    }

    @Override
    public void enter(Program.Builder b, Ioctl io, int vcpu, int vcpus) {
        if (io == Ioctl.INIT_VCPU) {
            b.lock(KvmLocks.vcpuMutex(vcpu), "kvm_vcpu_ioctl: mutex_lock(&vcpu->mutex)")
                    .lock(KvmLocks.SLOTS_LOCK, "tdx_vcpu_init: guard(mutex)(&kvm->slots_lock)")
                    .checkNotRunnable("tdx_vcpu_init: TD RUNNABLE -> -EINVAL (under slots_lock)");
            return;
        }
        super.enter(b, io, vcpu, vcpus);
    }
}
