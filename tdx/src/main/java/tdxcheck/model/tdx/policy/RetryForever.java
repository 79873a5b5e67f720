package tdxcheck.model.tdx.policy;

import tdxcheck.model.tdx.Seamcall;

/**
 * The "MMU part 2" code before Jan 2025: loop while the SEAMCALL returns BUSY ("current code in
 * MMU part 2 just retry tdh_mem_track() endlessly", seed 004; tdx-facts §3 History). Following
 * design.md, the loop applies to every zap SEAMCALL.
 */
public final class RetryForever implements ZapRetryPolicy {
    public static final String ID = "retry-forever";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "loop on BUSY (MMU part 2: \"retries tdh_mem_track endlessly\")";
    }

    @Override
    public ZapBusyAction onBusy(Seamcall call, boolean retried) {
        return ZapBusyAction.RETRY;
    }
}
