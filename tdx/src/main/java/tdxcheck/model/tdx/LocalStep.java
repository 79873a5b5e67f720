package tdxcheck.model.tdx;

/**
 * The steps the partial-order reduction may take alone ({@code Model.isLocal}): steps that touch
 * only their own vCPU's record, that no other actor can enable, disable or change the outcome of,
 * and that no safety property sees. Deliberately few, and only once the zap can no longer kick
 * (a kick gives the vCPU thread a TD exit that would take the guest out of guest mode) nor
 * block, track or remove a page (which would change what a guest access does):
 * <ul>
 *   <li>the guest's access to pages that are mapped for it (RIP progress; the zero-step counter
 *   and list of its own vCPU clear, which no other actor reads: tdx-facts §1, module 1.5.01
 *   td_exit_stepping.c; no-zero-step counts vCPUs entering the mode, which a clear never does);</li>
 *   <li>the guest's ACCEPT of a page accept_memory() already accepted (skipped, no TDCALL,
 *   tdx-facts §6c.3, arch/x86/coco/tdx/tdx-shared.c @41c177cf);</li>
 *   <li>the guest halting at the end of its script (it leaves guest mode: its TLB refcount,
 *   read only by TDH.MEM.TRACK of a zap that is over, drops);</li>
 *   <li>the vCPU thread's KVM_RUN after its userspace finished a MapGPA conversion (the run
 *   loop's top; it waits for a zap that is over, tdx-facts §6b.9);</li>
 *   <li>TDH.VP.ENTER outside zero-step mode, both steps: it takes only the epoch lock shared,
 *   which nothing but a zap's TDH.MEM.TRACK takes exclusive (tdx-facts §2; Yan Zhao's lock table,
 *   message ZuP5eNXFCljzRgWo).</li>
 * </ul>
 * A guest that may still claim or wait for an ACCEPT (its own claim set) is never local: another
 * vCPU's accept_memory() reads the claim. The dynamic check of these claims is
 * {@code LocalStepValidatorTest} (every reachable state of every scenario at small sizes).
 */
public final class LocalStep {
    private LocalStep() {
    }

    /** Whether {@code action} (enabled in {@code s}, the VM alive) is local in {@code s}. */
    public static boolean isLocal(TdxConfig c, long[] s, int action) {
        if (!zapCannotInterfere(c, s)) {
            return false;
        }
        int actor = TdxAction.actor(action);
        int vcpus = c.vcpus();
        if (actor < vcpus) {
            return !TdxAction.alt(action) && vcpuLocal(c, s, actor);
        }
        if (actor >= 2 * vcpus) {
            return false;
        }
        int v = actor - vcpus;
        if (TdxWords.pc(s, v) != VcpuPc.GUEST || TdxWords.kickPending(s, v) || TdxWords.accepting(s, v)) {
            return false;
        }
        GuestScript script = c.script(v);
        int pos = TdxWords.pos(s, v);
        if (pos >= script.length()) {
            return true; // halts: leaves guest mode for good
        }
        GuestOp op = script.ops().get(pos);
        return switch (op.kind()) {
            case ACCESS, ACCESS_MANY -> usable(c, s, op.gpas());
            case ACCEPT -> TdxWords.sept(s, op.gpa()) == SeptState.MAPPED && TdxWords.spte(s, op.gpa()) == Spte.PRESENT;
            default -> false;
        };
    }

    /**
     * The vCPU thread's next step: KVM_RUN after a finished MapGPA, or TDH.VP.ENTER outside
     * zero-step mode (acquire: the epoch lock shared, which only TDH.MEM.TRACK takes exclusive,
     * LockTable row VP_ENTER; complete: into the guest) when the environment gives VP.ENTER no
     * error return to choose instead.
     */
    private static boolean vcpuLocal(TdxConfig c, long[] s, int v) {
        int pc = TdxWords.pc(s, v);
        if (pc == VcpuPc.MAP_GPA_USERSPACE) {
            return true;
        }
        if ((pc != VcpuPc.RUN && pc != VcpuPc.ENTER) || ZeroStepDetector.inZeroStepMode(s, v)) {
            return false;
        }
        return pc == VcpuPc.ENTER || c.vpEnter().errors() == 0;
    }

    /**
     * Every page of {@code mask} lets the access complete ({@link GuestRun#firstMissing}) and has a
     * present leaf SPTE, so no fault of another vCPU can PAGE.AUG it: only a zap could change it.
     */
    private static boolean usable(TdxConfig c, long[] s, int mask) {
        if (GuestRun.firstMissing(c, s, mask) >= 0) {
            return false;
        }
        for (int m = mask; m != 0; m &= m - 1) {
            if (TdxWords.spte(s, Integer.numberOfTrailingZeros(m)) != Spte.PRESENT) {
                return false;
            }
        }
        return true;
    }

    /**
     * The zap has no kick, RANGE.BLOCK, TRACK or PAGE.REMOVE left: there is none, it is done, or
     * it is past its unlock (attribute store, truncate, invalidate_end) with no second zap to come.
     */
    private static boolean zapCannotInterfere(TdxConfig c, long[] s) {
        if (!c.hasZap()) {
            return true;
        }
        int z = TdxWords.zapPc(s);
        if (z == ZapPc.DONE) {
            return true;
        }
        boolean pastUnlock = z == ZapPc.ATTR_STORE || z == ZapPc.TRUNCATE || z == ZapPc.INVAL_END;
        return pastUnlock && (!c.hasSecondZap() || TdxWords.secondZap(s));
    }
}
