package tdxcheck.model.tdx;

import tdxcheck.model.tdx.policy.ExitDecode;

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
            decode(c, s, o.code());
            return o; // tdx_vcpu_run: BUSY is EXIT_FASTPATH_EXIT_HANDLED, the run loop re-enters later
        }
        TdxWords.setPc(s, vcpu, VcpuPc.ENTER);
        TdxWords.enterTd(s, vcpu, TdxWords.epoch(s));
        return o;
    }

    /**
     * The module returns {@code e} instead of entering (the environment's choice, tdx-facts §7e.3).
     * KVM decodes it per the exit-decode policy, then handles it as mainline does (tdx_vcpu_run,
     * tdx_handle_exit @3829d81b): a SW error is KVM_BUG_ON(!kvm_rebooting); any other error and a
     * NON_RECOVERABLE exit go to userspace (KVM_EXIT_INTERNAL_ERROR, KVM_EXIT_SHUTDOWN for a triple
     * fault), so this vCPU thread runs no more. Under v19-union the model keeps that continuation:
     * the question is the decode, which happens first.
     */
    public static Outcome error(TdxConfig c, long[] s, int vcpu, VpEnterError e) {
        long ret = e.status().code();
        decode(c, s, ret);
        Kick.acknowledge(s, vcpu);
        if (VpEnterStatus.swError(ret)) {
            TdxWords.setBugged(s);
        } else {
            TdxWords.setPc(s, vcpu, VcpuPc.DONE);
        }
        return e.status();
    }

    /** KVM reads an exit reason out of {@code ret}; one out of a status that has none is a misdecode. */
    private static void decode(TdxConfig c, long[] s, long ret) {
        if (c.vpEnter().decode().basicReason(ret) != ExitDecode.NOT_DECODED && !VpEnterStatus.hasExitReason(ret)) {
            TdxWords.setMisdecoded(s);
        }
    }

    /**
     * For traces: what KVM makes of the status {@code ret} before handling it, or null when it reads
     * no exit reason or a real one. "bits 15:0 = 0 read as EXIT_REASON_EXCEPTION_NMI, intr_info an
     * NMI: spurious NMI (vmx_do_nmi_irqoff)".
     */
    public static String decodeNote(TdxConfig c, long ret) {
        int basic = c.vpEnter().decode().basicReason(ret);
        if (basic == ExitDecode.NOT_DECODED || VpEnterStatus.hasExitReason(ret)) {
            return null;
        }
        String read = String.format("0x%016X: bits 15:0 = %d read as %s", ret, basic, VpEnterStatus.reasonName(basic));
        if (basic == VpEnterStatus.EXIT_REASON_EXCEPTION_NMI) {
            return read + (c.vpEnter().errorR9Nmi() ? ", intr_info an NMI: spurious NMI (vmx_do_nmi_irqoff)"
                    : ", intr_info not an NMI: handled as an exception exit");
        }
        return read;
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
