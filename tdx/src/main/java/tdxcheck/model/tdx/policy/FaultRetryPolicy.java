package tdxcheck.model.tdx.policy;

import tdxcheck.model.tdx.Outcome;
import tdxcheck.model.tdx.Seamcall;

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

    /**
     * How the fault path reads a failed TDH.MEM.SEPT.ADD or TDH.MEM.PAGE.AUG: true means -EBUSY,
     * i.e. RET_PF_RETRY (then {@link #retryLocally}); false means KVM_BUG_ON. The default is
     * upstream's tdx_operand_busy(): any operand, nothing else (tdx-facts §3).
     */
    default boolean mapErrorIsRetry(Seamcall call, Outcome status) {
        return status.operandBusy();
    }
}
