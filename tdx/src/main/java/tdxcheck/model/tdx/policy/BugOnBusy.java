package tdxcheck.model.tdx.policy;

import tdxcheck.model.tdx.Outcome;
import tdxcheck.model.tdx.Seamcall;

/** Any BUSY in the zap path is KVM_BUG_ON: the baseline that shows where BUSY can happen at all. */
public final class BugOnBusy implements ZapRetryPolicy {
    public static final String ID = "bug-on-busy";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "any BUSY in the zap path is KVM_BUG_ON";
    }

    @Override
    public ZapBusyAction onError(Seamcall call, Outcome status, boolean retried) {
        return ZapBusyAction.BUG;
    }
}
