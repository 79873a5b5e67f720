package tdxcheck.model.tdx.policy;

/**
 * Upstream (merged for 6.14-6.16, tdx-facts §3): tdx_handle_ept_violation loops while the fault
 * returns RET_PF_RETRY, for a frozen SPTE and for -EBUSY alike, until an event is pending.
 */
public final class LocalRetry implements FaultRetryPolicy {
    public static final String ID = "local-retry";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "frozen SPTE and BUSY both retried in KVM until an event is pending (upstream)";
    }

    @Override
    public boolean retryLocally(RetryCause cause) {
        return true;
    }
}
