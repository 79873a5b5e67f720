package tdxcheck.model.tdx.policy;

/**
 * Sean's RET_PF_RETRY_FROZEN idea (seed 004, 13 Sep 2024; a proposal, never merged): a frozen
 * SPTE is retried in KVM without re-entering; BUSY from SEPT.ADD/PAGE.AUG still resumes the guest.
 */
public final class LocalRetryFrozen implements FaultRetryPolicy {
    public static final String ID = "local-retry-frozen";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "frozen SPTE retried in KVM; BUSY from SEPT.ADD/PAGE.AUG resumes the guest (RET_PF_RETRY_FROZEN idea)";
    }

    @Override
    public boolean retryLocally(RetryCause cause) {
        return cause == RetryCause.FROZEN_SPTE;
    }
}
