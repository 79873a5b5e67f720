package tdxcheck.model.tdx.policy;

import tdxcheck.model.tdx.Outcome;
import tdxcheck.model.tdx.Seamcall;

/**
 * Upstream 6.16 tdx_no_vcpus_enter_start/stop and the later tdh_do_no_vcpus() (tdx-facts §3): on
 * BUSY set wait_for_sept_zap, kick all vCPUs out of guest mode and wait, retry once, clear the
 * flag; a second BUSY is KVM_BUG_ON ("the retry is guaranteed to succeed").
 */
public final class RetryOnceThenKick implements ZapRetryPolicy {
    public static final String ID = "retry-once-then-kick";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "on BUSY set wait_for_sept_zap, kick and wait, retry once; BUSY again is KVM_BUG_ON (upstream)";
    }

    @Override
    public ZapBusyAction onError(Seamcall call, Outcome status, boolean retried) {
        if (!status.operandBusy()) {
            return ZapBusyAction.BUG; // not tdx_operand_busy(): TDX_BUG_ON at once
        }
        return retried ? ZapBusyAction.BUG : ZapBusyAction.KICK_THEN_RETRY;
    }
}
