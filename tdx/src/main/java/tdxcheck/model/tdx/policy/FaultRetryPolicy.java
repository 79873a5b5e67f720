package tdxcheck.model.tdx.policy;

/**
 * The fault axis: what tdx_handle_ept_violation does with RET_PF_RETRY. Retrying locally means
 * looping in KVM without TDH.VP.ENTER (so the zero-step counter does not move); not retrying
 * means resuming the guest, which faults again and counts toward zero-step. A local retry
 * always breaks out when an event is pending (kvm_vcpu_has_events, modelled by
 * --pending-events). Implementations must be stateless.
 */
public interface FaultRetryPolicy {
    /** The CLI id, e.g. {@code local-retry}. */
    String id();

    /** One line for {@code tdxcheck list}. */
    String description();

    /** Whether KVM retries the fault locally (true) or resumes the guest (false). */
    boolean retryLocally(RetryCause cause);
}
