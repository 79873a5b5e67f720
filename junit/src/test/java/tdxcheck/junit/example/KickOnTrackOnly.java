package tdxcheck.junit.example;

import tdxcheck.model.tdx.Outcome;
import tdxcheck.model.tdx.Seamcall;
import tdxcheck.model.tdx.policy.ZapBusyAction;
import tdxcheck.model.tdx.policy.ZapRetryPolicy;

/**
 * The worked example of docs/user-policy.md: a zap retry policy written by a user, as one class.
 *
 * <p>Idea: "only TDH.MEM.TRACK can be BUSY in the zap path, because only it contends with
 * TDH.VP.ENTER (on the TD epoch lock); so kick the vCPUs out and retry once on a TRACK BUSY, and
 * treat any other BUSY as a bug." tdxcheck shows where that assumption is wrong: a vCPU in
 * zero-step mode takes secure_ept_lock exclusive in TDH.VP.ENTER, so RANGE.BLOCK can be BUSY
 * too (zap-vs-zero-step), and so can a guest's PAGE.ACCEPT holding the entry lock
 * (accept-vs-remove).
 *
 * <p>A policy must be stateless: "already retried once" is passed in as {@code retried}.
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
