package tdxcheck.model.tdx;

/**
 * Initial state of a vCPU: its guest script and its zero-step detector (a counter and the set
 * of recorded GPAs; a non-empty set means the vCPU starts in zero-step mode, tdx-facts §1).
 */
public record VcpuInit(GuestScript script, int zeroStepCount, int zeroStepGpas) {
    public static VcpuInit of(GuestScript script) {
        return new VcpuInit(script, 0, 0);
    }
}
