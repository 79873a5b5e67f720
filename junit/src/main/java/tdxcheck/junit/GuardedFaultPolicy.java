package tdxcheck.junit;

import tdxcheck.model.tdx.Outcome;
import tdxcheck.model.tdx.Seamcall;
import tdxcheck.model.tdx.policy.FaultRetryPolicy;
import tdxcheck.model.tdx.policy.RetryCause;

/** A user's fault policy, checked to answer every question the same way each time. */
final class GuardedFaultPolicy implements FaultRetryPolicy {
    private static final int OUTCOMES = Outcome.values().length;

    private final FaultRetryPolicy user;
    private final StatelessGuard retry;
    private final StatelessGuard mapError;

    GuardedFaultPolicy(FaultRetryPolicy user) {
        this.user = user;
        this.retry = new StatelessGuard(user, user.id(), RetryCause.values().length);
        this.mapError = new StatelessGuard(user, user.id(), Seamcall.values().length * OUTCOMES);
    }

    @Override
    public String id() {
        return user.id();
    }

    @Override
    public String description() {
        return user.description();
    }

    @Override
    public boolean retryLocally(RetryCause cause) {
        boolean b = user.retryLocally(cause);
        if (retry.answer(cause.ordinal(), b ? 1 : 0) >= 0) {
            throw retry.stateful("retryLocally(" + cause + ")", !b, b);
        }
        return b;
    }

    @Override
    public boolean mapErrorIsRetry(Seamcall call, Outcome status) {
        boolean b = user.mapErrorIsRetry(call, status);
        if (mapError.answer(call.ordinal() * OUTCOMES + status.ordinal(), b ? 1 : 0) >= 0) {
            throw mapError.stateful("mapErrorIsRetry(" + call + ", " + status + ")", !b, b);
        }
        return b;
    }
}
