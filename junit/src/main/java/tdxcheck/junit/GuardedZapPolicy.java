package tdxcheck.junit;

import tdxcheck.model.tdx.Outcome;
import tdxcheck.model.tdx.Seamcall;
import tdxcheck.model.tdx.policy.ZapBusyAction;
import tdxcheck.model.tdx.policy.ZapRetryPolicy;

/** A user's zap policy, checked to answer every (call, status, retried) the same way each time. */
final class GuardedZapPolicy implements ZapRetryPolicy {
    private static final int OUTCOMES = Outcome.values().length;
    private static final ZapBusyAction[] ACTIONS = ZapBusyAction.values();

    private final ZapRetryPolicy user;
    private final StatelessGuard onError;
    private final StatelessGuard kick;

    GuardedZapPolicy(ZapRetryPolicy user) {
        this.user = user;
        this.onError = new StatelessGuard(user, user.id(), Seamcall.values().length * OUTCOMES * 2);
        this.kick = new StatelessGuard(user, user.id(), 1);
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
    public boolean kickBeforeBlock() {
        boolean b = user.kickBeforeBlock();
        if (kick.answer(0, b ? 1 : 0) >= 0) {
            throw kick.stateful("kickBeforeBlock()", !b, b);
        }
        return b;
    }

    @Override
    public ZapBusyAction onError(Seamcall call, Outcome status, boolean retried) {
        ZapBusyAction a = user.onError(call, status, retried);
        int first = onError.answer((call.ordinal() * OUTCOMES + status.ordinal()) * 2 + (retried ? 1 : 0), a.ordinal());
        if (first >= 0) {
            throw onError.stateful("onError(" + call + ", " + status + ", retried=" + retried + ")", ACTIONS[first], a);
        }
        return a;
    }
}
