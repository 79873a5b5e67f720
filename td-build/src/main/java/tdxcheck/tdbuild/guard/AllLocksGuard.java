package tdxcheck.tdbuild.guard;

import tdxcheck.tdbuild.Handling;
import tdxcheck.tdbuild.Ioctl;
import tdxcheck.tdbuild.KvmLocks;
import tdxcheck.tdbuild.Program;

/**
 * "KVM: TDX: Guard VM state transitions with "all" the locks" (Sean Christopherson, PATCH v4
 * 26/28 of the post-populate cleanups, &lt;20251030200951.3402865-27-seanjc@google.com&gt;, commit
 * 15945e9ec195; tdx-facts §7c.3) as applied in kvm-x86 09c6f74e (§7c.4): all four ioctls take
 * kvm->lock, every vcpu->mutex (kvm_lock_all_vcpus; the vCPU ioctls come in through an unlocked
 * path so their own mutex is not already held) and slots_lock, and check the TD state under
 * them; TDH.VP.INIT runs under mmu_lock write, PAGE.ADD from the map path under mmu_lock read,
 * and a failed MR.EXTEND is a bug (ad44aa4c5d3f). The created_vcpus != online_vcpus check is not
 * modelled: KVM_CREATE_VCPU is one step here.
 */
public final class AllLocksGuard implements BuildGuard {
    @Override
    public String id() {
        return "all-locks";
    }

    @Override
    public String description() {
        return "15945e9ec195 (post-populate cleanups): kvm->lock, every vcpu->mutex and slots_lock around every build ioctl";
    }

    @Override
    public void enter(Program.Builder b, Ioctl io, int vcpu, int vcpus) {
        b.lock(KvmLocks.KVM_LOCK, "mutex_lock(&kvm->lock)");
        if (io != Ioctl.INIT_VM) {
            // INIT_VM runs before any vCPU exists: kvm_lock_all_vcpus takes nothing there.
            for (int i = 0; i < vcpus; i++) {
                b.lock(KvmLocks.vcpuMutex(i), "kvm_lock_all_vcpus: mutex_lock(&vcpu" + i + "->mutex)");
            }
        }
        b.lock(KvmLocks.SLOTS_LOCK, "mutex_lock(&kvm->slots_lock)");
        if (io != Ioctl.INIT_VM) {
            b.checkNotRunnable("TD RUNNABLE -> -EINVAL (checked under all the locks)");
        }
    }

    @Override
    public boolean vpInitUnderMmuWrite() {
        return true;
    }

    @Override
    public boolean pageAddUnderMmuRead() {
        return true;
    }

    @Override
    public Handling extendFailure() {
        return Handling.KVM_BUG_ON;
    }
}
