package tdxcheck.model.tdx.policy;

import tdxcheck.model.tdx.Outcome;
import tdxcheck.model.tdx.Seamcall;

/**
 * The zap path of the TDX "MMU part 2" series as posted (before Jan 2025), call by call
 * (tdx-facts §6a and §8.1; sources: Yan Zhao's MMU part 2 v2 18/24, 12 Nov 2024,
 * 20241112073804.22242-1-yan.y.zhao@intel.com; the "-" lines of "[PATCH 0/7] KVM: TDX SEPT
 * SEAMCALL retry" 4/7, 13 Jan 2025, 20250113021250.18948-1-yan.y.zhao@intel.com; Paolo Bonzini's
 * "[PATCH v6 15/18] KVM: x86/tdp_mmu: Propagate tearing down mirror page tables", commit
 * 94faba8999b9):
 * <ul>
 *   <li>RANGE.BLOCK does not loop: BUSY|SEPT_TREE returns -EAGAIN, which remove_external_spte()
 *       turns into KVM_BUG_ON ("Because write lock is held, operation should success"); any
 *       other error is KVM_BUG_ON directly. So every BLOCK error bugs the VM.</li>
 *   <li>TDH.MEM.TRACK loops while {@code (err & TDX_SEAMCALL_STATUS_MASK) == TDX_OPERAND_BUSY}:
 *       any operand (TD_EPOCH included); anything else (TDX_PREVIOUS_TLB_EPOCH_BUSY) is KVM_BUG_ON.</li>
 *   <li>PAGE.REMOVE loops while {@code err == TDX_ERROR_SEPT_BUSY}, an exact 64-bit compare with
 *       BUSY|SEPT_TREE; BUSY|RCX (a guest holding the entry lock) is KVM_BUG_ON.</li>
 * </ul>
 */
public final class MmuPart2Loops implements ZapRetryPolicy {
    public static final String ID = "mmu-part2-loops";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "MMU part 2 as posted: BLOCK error -> KVM_BUG_ON, TRACK loops on any BUSY, REMOVE loops on BUSY|SEPT_TREE only";
    }

    @Override
    public ZapBusyAction onError(Seamcall call, Outcome status, boolean retried) {
        return switch (call) {
            case MEM_TRACK -> status.operandBusy() ? ZapBusyAction.RETRY : ZapBusyAction.BUG;
            case MEM_PAGE_REMOVE -> status == Outcome.BUSY_SEPT_TREE ? ZapBusyAction.RETRY : ZapBusyAction.BUG;
            default -> ZapBusyAction.BUG; // RANGE.BLOCK: -EAGAIN or error, both KVM_BUG_ON in the caller
        };
    }
}
