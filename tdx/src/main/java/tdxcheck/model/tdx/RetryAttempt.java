package tdxcheck.model.tdx;

import tdxcheck.core.spi.Attempt;

/**
 * Which steps are attempts of an operation that KVM retries, and whether they succeeded, for the
 * {@code hw} fairness mode ({@link tdxcheck.core.spi.Model#attemptOutcome}). An attempt is a
 * try-lock SEAMCALL's acquire step (TDH.VP.ENTER, SEPT.ADD, PAGE.AUG, RANGE.BLOCK, MEM.TRACK,
 * PAGE.REMOVE: the module's locks are try-locks that return BUSY, tdx-facts §2, module 1.5.01
 * tdx_locks.h) and the fault path's walk, which fails on a FROZEN mirror SPTE (RET_PF_RETRY,
 * kvm_tdp_mmu_map in Linux v6.16). Decided from the program counters before and after the step:
 * no allocation, invariant under the vCPU symmetry.
 */
final class RetryAttempt {
    /** Sites: a vCPU's TDH.VP.ENTER, its fault walk, SEPT.ADD, PAGE.AUG; the zap's BLOCK, TRACK, REMOVE, DEMOTE. */
    static final int SITES = 4;
    private static final int ENTER = 0;
    private static final int WALK = 1;
    private static final int ADD = 2;
    private static final int AUG = 3;
    private static final int BLOCK = 0;
    private static final int TRACK = 1;
    private static final int REMOVE = 2;
    /** DEMOTE's acquire (its try-locks); its INTERRUPTED_RESTARTABLE is the environment's, no attempt outcome. */
    private static final int DEMOTE = 3;

    private RetryAttempt() {
    }

    static int outcome(TdxConfig c, long[] before, int action, long[] after) {
        int actor = TdxAction.actor(action);
        int vcpus = c.vcpus();
        if (actor < vcpus) {
            if ((action & 1) == 1) {
                return Attempt.NONE; // the kick exit and the pending-event break are no attempts
            }
            int pc = TdxWords.pc(before, actor);
            return switch (pc) {
                case VcpuPc.RUN -> succeeded(ENTER, TdxWords.pc(after, actor) == VcpuPc.ENTER);
                case VcpuPc.ADD_FROZEN -> succeeded(ADD, TdxWords.pc(after, actor) == VcpuPc.ADD_HELD);
                case VcpuPc.AUG_FROZEN -> succeeded(AUG, TdxWords.pc(after, actor) == VcpuPc.AUG_HELD);
                case VcpuPc.FAULT, VcpuPc.FAULT_RETRY, VcpuPc.LEAF -> succeeded(WALK, !walkMeetsFrozen(before, actor, pc));
                default -> Attempt.NONE;
            };
        }
        if (actor < 2 * vcpus || !c.hasZap()) {
            return Attempt.NONE; // the guest's ACCEPT is not retried by a loop of KVM
        }
        int z = TdxWords.zapPc(before);
        int za = TdxWords.zapPc(after);
        return switch (z) {
            case ZapPc.BLOCK -> succeeded(BLOCK, za == ZapPc.BLOCK_HELD);
            case ZapPc.TRACK -> succeeded(TRACK, za == ZapPc.TRACK_HELD);
            case ZapPc.REMOVE -> succeeded(REMOVE, za == ZapPc.REMOVE_HELD);
            case ZapPc.DEMOTE -> succeeded(DEMOTE, za == ZapPc.DEMOTE_HELD);
            default -> Attempt.NONE;
        };
    }

    private static int succeeded(int site, boolean ok) {
        return ok ? Attempt.succeeds(site) : Attempt.fails(site);
    }

    /** The walk of {@link FaultPath#attempt} / {@link FaultPath#leaf} returns RET_PF_RETRY (FROZEN_SPTE). */
    private static boolean walkMeetsFrozen(long[] s, int vcpu, int pc) {
        int g = TdxWords.faultGpa(s, vcpu);
        if (TdxWords.spte(s, g) == Spte.PRESENT) {
            return false;
        }
        if (pc != VcpuPc.LEAF) {
            int nl = TdxWords.nonLeaf(s);
            if (nl == Spte.NONE) {
                return false;
            }
            if (nl == Spte.FROZEN) {
                return true;
            }
        }
        return TdxWords.spte(s, g) == Spte.FROZEN;
    }
}
