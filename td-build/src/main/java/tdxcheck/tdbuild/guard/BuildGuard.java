package tdxcheck.tdbuild.guard;

import tdxcheck.tdbuild.Handling;
import tdxcheck.tdbuild.Ioctl;
import tdxcheck.tdbuild.Program;

/**
 * A locking scheme for the TD-build ioctls: which KVM locks each ioctl takes before its SEAMCALLs
 * and where it checks the TD state. One class per guard; the bodies of the ioctls (their
 * SEAMCALLs) are the same for every guard ({@link tdxcheck.tdbuild.Ioctls}).
 */
public interface BuildGuard {
    String id();

    String description();

    /**
     * Writes the start of {@code io} for {@code vcpu} (ignored for the VM ioctls) into {@code b}:
     * its locks, in order, and its state checks.
     */
    void enter(Program.Builder b, Ioctl io, int vcpu, int vcpus);

    /** KVM-next runs TDH.VP.INIT under mmu_lock held for write (tdx-facts §7c.4). */
    default boolean vpInitUnderMmuWrite() {
        return false;
    }

    /** KVM-next issues TDH.MEM.PAGE.ADD from the mirror-EPT map path, under mmu_lock read (§7c.4). */
    default boolean pageAddUnderMmuRead() {
        return false;
    }

    /** What a failed TDH.MR.EXTEND becomes: -EIO in 6.16, a bug from ad44aa4c5d3f on (§7c.4). */
    default Handling extendFailure() {
        return Handling.EIO;
    }
}
