package tdxcheck.model.tdx.policy;

/** Pre-2025 KVM: every RET_PF_RETRY re-enters the guest, which faults again (seed 004, "Idea" context). */
public final class ResumeGuest implements FaultRetryPolicy {
    public static final String ID = "resume-guest";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "RET_PF_RETRY re-enters the guest, which faults again (pre-2025 KVM)";
    }

    @Override
    public boolean retryLocally(RetryCause cause) {
        return false;
    }
}
