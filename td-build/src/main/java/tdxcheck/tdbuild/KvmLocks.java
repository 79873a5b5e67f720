package tdxcheck.tdbuild;

/**
 * KVM's locks in the build paths, as bits of a held-set mask (tdx-facts §7c.2-§7c.4). They block;
 * they never fail. {@code mmu_lock} is a rwlock, so it has a write bit and a read bit; every other
 * lock is a mutex. vCPU {@code i}'s {@code vcpu->mutex} is bit {@code VCPU_MUTEX + i}.
 */
public final class KvmLocks {
    public static final int KVM_LOCK = 0;
    public static final int SLOTS_LOCK = 1;
    public static final int MMU_WRITE = 2;
    public static final int MMU_READ = 3;
    public static final int VCPU_MUTEX = 4;

    private KvmLocks() {
    }

    public static int vcpuMutex(int vcpu) {
        return VCPU_MUTEX + vcpu;
    }

    /** Whether a thread may take {@code lock} while the others together hold {@code others}. */
    public static boolean free(int lock, int others) {
        return switch (lock) {
            case MMU_READ -> (others & (1 << MMU_WRITE)) == 0;
            case MMU_WRITE -> (others & ((1 << MMU_WRITE) | (1 << MMU_READ))) == 0;
            default -> (others & (1 << lock)) == 0;
        };
    }

    public static String name(int lock) {
        return switch (lock) {
            case KVM_LOCK -> "kvm->lock";
            case SLOTS_LOCK -> "slots_lock";
            case MMU_WRITE -> "mmu_lock (write)";
            case MMU_READ -> "mmu_lock (read)";
            default -> "vcpu" + (lock - VCPU_MUTEX) + "->mutex";
        };
    }
}
