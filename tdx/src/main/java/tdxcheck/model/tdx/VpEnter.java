package tdxcheck.model.tdx;

/**
 * TDH.VP.ENTER (tdh_vp_enter.c, tdx-facts §1, §2, §4), as two steps. Acquire: the epoch lock
 * shared (the module bumps refcount[epoch] under it), and secure_ept_lock exclusive in
 * zero-step mode; a failure returns BUSY with the first failing operand and the vCPU is not
 * entered. Complete: release the epoch lock; in zero-step mode, if a recorded GPA is still
 * unmapped, release the tree lock, revert the refcount and synthesise an EPT violation;
 * otherwise enter the guest. The module's epoch hold is momentary: the window between the two
 * steps is where TDH.MEM.TRACK can see it.
 */
public final class VpEnter {
    private VpEnter() {
    }

    public static Outcome acquire(TdxConfig c, long[] s, int vcpu) {
        boolean zs = ZeroStepDetector.inZeroStepMode(s, vcpu);
        Outcome o = LockTable.tryAcquire(c, s, vcpu, Seamcall.VP_ENTER, zs, -1);
        if (o != Outcome.LOCKS_TAKEN) {
            return o; // tdx_vcpu_run: BUSY is EXIT_FASTPATH_EXIT_HANDLED, the run loop re-enters later
        }
        TdxWords.setPc(s, vcpu, VcpuPc.ENTER);
        TdxWords.enterTd(s, vcpu, TdxWords.epoch(s));
        return o;
    }

    public static Outcome complete(TdxConfig c, long[] s, int vcpu) {
        if (ZeroStepDetector.inZeroStepMode(s, vcpu)) {
            int g = ZeroStepDetector.firstUnmappedRecorded(c, s, vcpu);
            if (g >= 0) {
                TdxWords.exitTd(s, vcpu);
                Kick.acknowledge(s, vcpu);
                TdxWords.setPc(s, vcpu, VcpuPc.FAULT);
                TdxWords.setFaultGpa(s, vcpu, g);
                return Outcome.EXIT_EPT_VIOLATION_ZERO_STEP;
            }
        }
        TdxWords.setPc(s, vcpu, VcpuPc.GUEST);
        return Outcome.GUEST_ENTERED;
    }
}
