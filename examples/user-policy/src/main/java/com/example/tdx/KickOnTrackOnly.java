package com.example.tdx;

import tdxcheck.model.tdx.Outcome;
import tdxcheck.model.tdx.Seamcall;
import tdxcheck.model.tdx.policy.ZapBusyAction;
import tdxcheck.model.tdx.policy.ZapRetryPolicy;

/**
 * A zap retry policy of your own: "only TDH.MEM.TRACK can be BUSY in the zap path, because only
 * it contends with TDH.VP.ENTER (on the TD epoch lock); so kick the vCPUs out and retry once on a
 * TRACK BUSY, and treat any other BUSY as a bug." Stateless: "already retried once" is passed in.
 */
public final class KickOnTrackOnly implements ZapRetryPolicy {
    @Override
    public String id() {
        return "kick-on-track-only";
    }

    @Override
    public String description() {
        return "on BUSY from TDH.MEM.TRACK kick and retry once; any other BUSY is KVM_BUG_ON";
    }

    @Override
    public ZapBusyAction onError(Seamcall call, Outcome status, boolean retried) {
        if (call == Seamcall.MEM_TRACK && status.operandBusy() && !retried) {
            return ZapBusyAction.KICK_THEN_RETRY;
        }
        return ZapBusyAction.BUG;
    }
}
