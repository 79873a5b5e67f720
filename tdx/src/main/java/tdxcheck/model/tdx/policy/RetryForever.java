package tdxcheck.model.tdx.policy;

import tdxcheck.model.tdx.Outcome;
import tdxcheck.model.tdx.Seamcall;

/**
 * The generic loop: every zap SEAMCALL is called again while it returns TDX_OPERAND_BUSY (any
 * operand); any other error is KVM_BUG_ON. This is what "MMU part 2 just retry tdh_mem_track()
 * endlessly" (seed 004) suggested, but the posted code looped only on some calls and statuses:
 * that is {@link MmuPart2Loops} (tdx-facts §8.1). Kept as the upper bound of "just retry".
 */
public final class RetryForever implements ZapRetryPolicy {
    public static final String ID = "retry-forever";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "loop on any TDX_OPERAND_BUSY in every zap SEAMCALL (the generic loop)";
    }

    @Override
    public ZapBusyAction onError(Seamcall call, Outcome status, boolean retried) {
        return status.operandBusy() ? ZapBusyAction.RETRY : ZapBusyAction.BUG;
    }
}
