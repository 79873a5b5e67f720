package tdxcheck.model.tdx.policy;

import tdxcheck.model.tdx.Outcome;
import tdxcheck.model.tdx.Seamcall;

/**
 * Yan's Sep 2024 proposal (seed 004; modelled on KVM_REQ_MCLOCK_INPROGRESS): set the flag and
 * kick before RANGE.BLOCK, keep vCPUs out until PAGE.REMOVE is done. BUSY is then not expected;
 * the proposal gives no retry, so a BUSY is KVM_BUG_ON (and no-kvm-bug checks the claim).
 */
public final class KickBeforeBlock implements ZapRetryPolicy {
    public static final String ID = "kick-before-block";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "set wait_for_sept_zap and kick before RANGE.BLOCK, clear after PAGE.REMOVE (Sep 2024 proposal)";
    }

    @Override
    public boolean kickBeforeBlock() {
        return true;
    }

    @Override
    public ZapBusyAction onError(Seamcall call, Outcome status, boolean retried) {
        return ZapBusyAction.BUG;
    }
}
