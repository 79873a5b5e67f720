package tdxcheck.model.tdx;

/**
 * The guest on a vCPU in guest mode: runs its script op by op. An access to a MAPPED page makes
 * progress (RIP advances, zero-step state clears); to a missing or blocked page it takes a real
 * private EPT-violation exit, counted by the zero-step detector. A PENDING page depends on the
 * guest kind (tdx-facts §6c.4): with SEPT #VE enabled the module injects #VE and the guest's
 * handler accepts it, not logged (progress, as before); a Linux guest (SEPT #VE disabled) takes a
 * counted exit of type PENDING and KVM kills the VM.
 *
 * <p>ACCEPT goes through Linux's accept_memory(): the range is claimed in the unaccepted bitmap
 * first, so a second vCPU accepting the same page waits, and a page already accepted is not
 * accepted again (its bitmap bit is clear). The claim lasts from the first ACCEPT attempt to its
 * success, across EPT exits (tdx-facts §6c.3; arch/x86/coco/tdx/tdx-shared.c @41c177cf).
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
            case ACCESS, ACCESS_MANY -> {
                int g = firstMissing(c, s, op.gpas());
                if (g < 0) {
                    progress(c, s, vcpu);
                    return Outcome.ACCESS_OK;
                }
                int st = TdxWords.sept(s, g);
                ZeroStepDetector.onEptViolationExit(c, s, vcpu, g);
                if (st == SeptState.PENDING) {
                    // EEQ type PENDING: tdx_is_sept_violation_unexpected_pending -> kvm_vm_dead (§6c.6)
                    leaveGuest(s, vcpu, VcpuPc.RUN);
                    TdxWords.setVmDead(s);
                    return Outcome.EXIT_EPT_VIOLATION_PENDING;
                }
                leaveGuest(s, vcpu, VcpuPc.FAULT);
                TdxWords.setFaultGpa(s, vcpu, g);
                return Outcome.EXIT_EPT_VIOLATION;
            }
            case ACCEPT, TDCALL_ACCEPT -> {
                if (op.kind() == GuestOp.Kind.ACCEPT && !TdxWords.accepting(s, vcpu)
                        && TdxWords.sept(s, op.gpa()) == SeptState.MAPPED) {
                    progress(c, s, vcpu); // the unaccepted bitmap says accepted: no TDCALL
                    return Outcome.ACCEPT_SKIPPED;
                }
                TdxWords.setAccepting(s, vcpu, true);
                Outcome o = PageAccept.acquire(c, s, vcpu, op.gpa());
                if (o == Outcome.EXIT_EPT_VIOLATION_ACCEPT || o == Outcome.EXIT_EPT_VIOLATION_ACCEPT_2M_LEAF) {
                    leaveGuest(s, vcpu, VcpuPc.FAULT);
                    TdxWords.setFaultGpa(s, vcpu, op.gpa());
                } else if (o != Outcome.LOCKS_TAKEN && o != Outcome.SIZE_MISMATCH_THEN_4K) {
                    TdxWords.setGuestPanicked(s); // a Linux guest does not retry ACCEPT BUSY (tdx-facts §5)
                }
                return o;
            }
            case MAP_GPA -> {
                // KVM returns success to the guest after userspace converted: RIP moves past the TDVMCALL
                progress(c, s, vcpu);
                leaveGuest(s, vcpu, VcpuPc.MAP_GPA_USERSPACE);
                TdxWords.setMapGpaRequested(s);
                return Outcome.EXIT_MAP_GPA;
            }
            default -> {
                progress(c, s, vcpu);
                leaveGuest(s, vcpu, VcpuPc.RUN);
                return Outcome.EXIT_TDCALL;
            }
        }
    }

    /**
     * The lowest GPA of {@code mask} the access cannot use: not MAPPED, and not PENDING in a #VE
     * guest (whose handler accepts it); -1 when the instruction can complete. Pages are touched in
     * GPA order, so an instruction re-run after a fault meets the next missing page.
     */
    static int firstMissing(TdxConfig c, long[] s, int mask) {
        for (int m = mask; m != 0; m &= m - 1) {
            int g = Integer.numberOfTrailingZeros(m);
            int st = TdxWords.sept(s, g);
            if (st != SeptState.MAPPED && !(st == SeptState.PENDING && !c.linuxGuest())) {
                return g;
            }
        }
        return -1;
    }

    /** The guest's ACCEPT returns: release the entry lock, RIP advances. */
    public static Outcome acceptComplete(TdxConfig c, long[] s, int vcpu) {
        int g = TdxWords.faultGpa(s, vcpu);
        if (PageAccept.under2mLeaf(c, s, g)) {
            // --accept-4k-locks-2m: the 4K ACCEPT held the 2M entry's lock; it now exits (§7a.7)
            leaveGuest(s, vcpu, VcpuPc.FAULT);
            return Outcome.EXIT_EPT_VIOLATION_ACCEPT_2M_LEAF;
        }
        if (PageAccept.locksBlocked2mLeaf(c, s, g) || !SeptState.present(TdxWords.sept(s, g))) {
            // the entry (the blocked 2M leaf, or a FREE or BLOCKED 4K entry) is not ACCEPTable:
            // lock released, EEQ ACCEPT exit (PageAccept.locks4kEntry)
            leaveGuest(s, vcpu, VcpuPc.FAULT);
            return Outcome.EXIT_EPT_VIOLATION_ACCEPT;
        }
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
        TdxWords.setAccepting(s, vcpu, false);
        ZeroStepDetector.onProgress(s, vcpu);
    }

    /** Any TD exit: the TLB refcount drops and a pending kick is acknowledged. */
    private static void leaveGuest(long[] s, int vcpu, int nextPc) {
        TdxWords.exitTd(s, vcpu);
        Kick.acknowledge(s, vcpu);
        TdxWords.setPc(s, vcpu, nextPc);
    }

    /**
     * Whether guest {@code vcpu} must wait before its next op: it is an ACCEPT of a page another
     * vCPU of the guest has claimed in accept_memory() and not finished.
     */
    public static boolean waitsForAccept(TdxConfig c, long[] s, int vcpu) {
        if (TdxWords.accepting(s, vcpu)) {
            return false;
        }
        GuestOp op = currentOp(c, s, vcpu);
        if (op == null || op.kind() != GuestOp.Kind.ACCEPT) {
            return false;
        }
        for (int u = 0; u < c.vcpus(); u++) {
            if (u != vcpu && TdxWords.accepting(s, u) && currentOp(c, s, u).gpa() == op.gpa()) {
                return true;
            }
        }
        return false;
    }

    private static GuestOp currentOp(TdxConfig c, long[] s, int vcpu) {
        GuestScript script = c.script(vcpu);
        int pos = TdxWords.pos(s, vcpu);
        return pos < script.length() ? script.ops().get(pos) : null;
    }
}
