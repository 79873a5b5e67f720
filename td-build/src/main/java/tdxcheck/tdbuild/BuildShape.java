package tdxcheck.tdbuild;

import tdxcheck.core.spi.ModelException;

/**
 * What userspace does: one VM thread (INIT_VM, then FINALIZE_VM when {@code finalizes}) and one
 * thread per vCPU (KVM_CREATE_VCPU, INIT_VCPU with {@code tdcx} TDH.VP.ADDCX calls, and for the
 * first {@code memRegions} vCPUs an INIT_MEM_REGION of {@code pages} pages, each measured with
 * TDH.MR.EXTEND when {@code measure}). All threads run concurrently, as a buggy or hostile VMM
 * may run them.
 */
public record BuildShape(int vcpus, int memRegions, int pages, int tdcx, boolean measure, boolean finalizes,
                         VpInitTdr vpInitTdr) {
    public static final int MAX_VCPUS = 3;

    public BuildShape {
        if (vcpus < 1 || vcpus > MAX_VCPUS) {
            throw new ModelException("--vcpus must be an integer from 1 to " + MAX_VCPUS + " (got " + vcpus + ")");
        }
        if (memRegions < 0 || memRegions > vcpus) {
            throw new ModelException("--mem-regions must be from 0 to --vcpus (" + vcpus + ") (got " + memRegions + ")");
        }
    }

    /** Threads: the VM thread, then one per vCPU. */
    public int threads() {
        return 1 + vcpus;
    }
}
