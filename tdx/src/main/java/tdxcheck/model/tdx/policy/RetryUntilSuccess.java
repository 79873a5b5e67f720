package tdxcheck.model.tdx.policy;

import tdxcheck.model.tdx.Outcome;
import tdxcheck.model.tdx.Seamcall;

/**
 * The alternative the huge-page series rejects (tdx-facts §7a.4, §7a.6): DEMOTE is called again
 * at once, without a kick, for as long as it returns TDX_OPERAND_BUSY or
 * TDX_INTERRUPTED_RESTARTABLE, the way a caller without ENHANCED_DEMOTE_INTERRUPTIBILITY would
 * have to loop. BLOCK, TRACK and REMOVE keep the upstream kick-and-retry-once
 * ({@link RetryOnceThenKick}); any other status is KVM_BUG_ON.
 */
public final class RetryUntilSuccess implements ZapRetryPolicy {
    public static final String ID = "retry-until-success";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "DEMOTE retried at once on BUSY or INTERRUPTED_RESTARTABLE, forever; other zap calls as upstream";
    }

    @Override
    public ZapBusyAction onError(Seamcall call, Outcome status, boolean retried) {
        if (call == Seamcall.MEM_PAGE_DEMOTE && (status.operandBusy() || status == Outcome.INTERRUPTED_RESTARTABLE)) {
            return ZapBusyAction.RETRY;
        }
        if (!status.operandBusy()) {
            return ZapBusyAction.BUG;
        }
        return retried ? ZapBusyAction.BUG : ZapBusyAction.KICK_THEN_RETRY;
    }
}
