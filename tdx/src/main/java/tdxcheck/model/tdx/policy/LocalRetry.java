package tdxcheck.model.tdx.policy;

/**
 * The 6.16 loop (merged for 6.14-6.16, tdx-facts §3; Linux tdx.c @3829d81b): tdx_handle_ept_violation
 * loops while the fault returns RET_PF_RETRY, for a frozen SPTE, -EBUSY, an open invalidation
 * window and an INVALID memslot alike, until an event is pending; it holds SRCU while it spins, so
 * a memslot deletion waiting for SRCU waits for it (tdx-facts §6d.2; Yan Zhao's report
 * 20250519023737.30360-1-yan.y.zhao@intel.com). Preset v6.16; upstream adds the slot break.
 */
public final class LocalRetry implements FaultRetryPolicy {
    public static final String ID = "local-retry";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "every RET_PF_RETRY retried in KVM until an event is pending, SRCU held (6.16)";
    }

    @Override
    public boolean retryLocally(RetryCause cause) {
        return true;
    }
}
