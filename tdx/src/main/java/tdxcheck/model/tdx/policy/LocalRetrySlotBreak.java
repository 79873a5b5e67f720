package tdxcheck.model.tdx.policy;

/**
 * Mainline since 6.18 (inferred from the pull, tdx-facts §6d.3, §8.7): the 6.16 local-retry loop,
 * but it breaks out when the fault's memslot is KVM_MEMSLOT_INVALID, so the vCPU re-enters the
 * guest (dropping SRCU around the entry) and a memslot deletion's synchronize_srcu can finish.
 * Sean Christopherson, "KVM: TDX: Do not retry locally when the retry is caused by invalid
 * memslot", posted by Yan Zhao 22 Aug 2025 (20250822070523.26495-1-yan.y.zhao@intel.com),
 * commit 2bc2694fe20b. The re-entry re-runs the faulting instruction: a counted exit for a plain
 * access.
 */
public final class LocalRetrySlotBreak implements FaultRetryPolicy {
    public static final String ID = "local-retry-slot-break";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "local-retry, but an invalid memslot breaks out and re-enters the guest (mainline since 2bc2694fe20b)";
    }

    @Override
    public boolean retryLocally(RetryCause cause) {
        return cause != RetryCause.INVALID_SLOT;
    }
}
