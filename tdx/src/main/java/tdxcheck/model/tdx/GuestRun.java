package tdxcheck.model.tdx;

/**
 * The guest on a vCPU in guest mode: runs its script op by op. An access to a present page makes
 * progress (RIP advances, zero-step state clears); to a missing or blocked page it takes a real
 * private EPT-violation exit, counted by the zero-step detector. A PENDING page counts as present:
 * the module handles it with a #VE in the guest, which zero-step does not log (tdx-facts §1).
 */
public final class GuestRun {
    private GuestRun() {
    }

    public static Outcome step(TdxConfig c, long[] s, int vcpu) {
        GuestScript script = c.script(vcpu);
        int pos = TdxWords.pos(s, vcpu);
        if (pos >= script.length()) {
            leaveGuest(s, vcpu, VcpuPc.DONE);
            return Outcome.NONE;
        }
        GuestOp op = script.ops().get(pos);
        switch (op.kind()) {
            case ACCESS -> {
                int g = op.gpa();
                if (SeptState.present(TdxWords.sept(s, g))) {
                    progress(c, s, vcpu);
                    return Outcome.ACCESS_OK;
                }
                ZeroStepDetector.onEptViolationExit(c, s, vcpu, g);
                leaveGuest(s, vcpu, VcpuPc.FAULT);
                TdxWords.setFaultGpa(s, vcpu, g);
                return Outcome.EXIT_EPT_VIOLATION;
            }
            case ACCEPT -> {
                Outcome o = PageAccept.acquire(c, s, vcpu, op.gpa());
                if (o == Outcome.EXIT_EPT_VIOLATION_ACCEPT) {
                    leaveGuest(s, vcpu, VcpuPc.FAULT);
                    TdxWords.setFaultGpa(s, vcpu, op.gpa());
                } else if (o != Outcome.LOCKS_TAKEN) {
                    TdxWords.setGuestPanicked(s); // a Linux guest does not retry ACCEPT BUSY (tdx-facts §5)
                }
                return o;
            }
            default -> {
                progress(c, s, vcpu);
                leaveGuest(s, vcpu, VcpuPc.RUN);
                return Outcome.EXIT_TDCALL;
            }
        }
    }

    /** The guest's ACCEPT returns: release the entry lock, RIP advances. */
    public static Outcome acceptComplete(TdxConfig c, long[] s, int vcpu) {
        Outcome o = PageAccept.complete(c, s, vcpu);
        progress(c, s, vcpu);
        return o;
    }

    /** A kick IPI arrives while in the guest: TD exit without RIP progress. */
    public static Outcome kickExit(long[] s, int vcpu) {
        leaveGuest(s, vcpu, VcpuPc.RUN);
        return Outcome.EXIT_EXTERNAL_INTERRUPT;
    }

    private static void progress(TdxConfig c, long[] s, int vcpu) {
        GuestScript script = c.script(vcpu);
        int next = TdxWords.pos(s, vcpu) + 1;
        if (next >= script.length() && script.loops()) {
            next = 0;
        }
        TdxWords.setPos(s, vcpu, next);
        ZeroStepDetector.onProgress(s, vcpu);
    }

    /** Any TD exit: the TLB refcount drops and a pending kick is acknowledged. */
    private static void leaveGuest(long[] s, int vcpu, int nextPc) {
        TdxWords.exitTd(s, vcpu);
        Kick.acknowledge(s, vcpu);
        TdxWords.setPc(s, vcpu, nextPc);
    }
}
