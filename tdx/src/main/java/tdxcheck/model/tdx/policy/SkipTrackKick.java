package tdxcheck.model.tdx.policy;

import tdxcheck.model.tdx.Outcome;
import tdxcheck.model.tdx.Seamcall;

/**
 * A mutation of upstream: {@link RetryOnceThenKick} with tdx_track()'s kick after TDH.MEM.TRACK
 * "optimised" away. KVM kicks every vCPU out of guest mode (KVM_REQ_OUTSIDE_GUEST_MODE, WAIT)
 * right after TRACK so that the old epoch's refcount drops before PAGE.REMOVE and before the
 * next TRACK (tdx-facts §6g.1, §2 REMOVE preconditions; tdx.c in v6.16, the comment "The full
 * sequence of TDH.MEM.TRACK and forcing vCPUs out of guest mode must be serialized"). Not a
 * proposal: it exists so the regression baseline pins what skipping the kick makes reachable.
 */
public final class SkipTrackKick implements ZapRetryPolicy {
    public static final String ID = "skip-track-kick";

    private final RetryOnceThenKick upstream = new RetryOnceThenKick();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "mutation: retry-once-then-kick without the kick after TDH.MEM.TRACK (the baseline must catch it)";
    }

    @Override
    public boolean skipTrackKick() {
        return true;
    }

    @Override
    public ZapBusyAction onError(Seamcall call, Outcome status, boolean retried) {
        return upstream.onError(call, status, retried);
    }
}
