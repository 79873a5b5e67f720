package tdxcheck.model.tdx.policy;

import tdxcheck.model.tdx.Outcome;
import tdxcheck.model.tdx.Seamcall;

/**
 * Pre-2025 KVM (the TDX MMU part 2 series): every RET_PF_RETRY re-enters the guest, which faults
 * again (seed 004, "Idea" context). It also carries MMU part 2's reading of map errors
 * (tdx-facts §6a.7-8; MMU part 2 v2 18/24, 20241112073804.22242-1-yan.y.zhao@intel.com):
 * SEPT.ADD retried only on the exact BUSY|SEPT_TREE (anything else KVM_BUG_ON), and PAGE.AUG
 * tested {@code err & TDX_OPERAND_BUSY}, true for every error, so every AUG error became -EBUSY.
 * This lives here, not in a separate policy, because resume-guest is that code: no other kernel
 * resumed the guest on RET_PF_RETRY.
 */
public final class ResumeGuest implements FaultRetryPolicy {
    public static final String ID = "resume-guest";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "RET_PF_RETRY re-enters the guest, which faults again (pre-2025 KVM)";
    }

    @Override
    public boolean retryLocally(RetryCause cause) {
        return false;
    }

    @Override
    public boolean mapErrorIsRetry(Seamcall call, Outcome status) {
        return call == Seamcall.MEM_PAGE_AUG || status == Outcome.BUSY_SEPT_TREE;
    }
}
