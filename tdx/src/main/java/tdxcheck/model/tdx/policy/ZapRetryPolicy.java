package tdxcheck.model.tdx.policy;

import tdxcheck.model.tdx.Outcome;
import tdxcheck.model.tdx.Seamcall;

/**
 * The zap axis: what the zap path (RANGE.BLOCK, MEM.TRACK, PAGE.REMOVE under mmu_lock write)
 * does with a SEAMCALL that did not return TDX_SUCCESS. The policy sees the call and the full
 * status, operand included (TDX_OPERAND_BUSY|SEPT_TREE is not TDX_OPERAND_BUSY|RCX: the MMU
 * part 2 code compared the whole 64-bit value, tdx-facts §6a.1, Yan Zhao's "[PATCH 0/7] KVM: TDX
 * SEPT SEAMCALL retry", 13 Jan 2025, 20250113021250.18948-1-yan.y.zhao@intel.com).
 * Implementations must be stateless; "already retried once" is passed in.
 */
public interface ZapRetryPolicy {
    String id();

    String description();

    /** Whether the zap sets wait_for_sept_zap and kicks before RANGE.BLOCK, clearing after PAGE.REMOVE. */
    default boolean kickBeforeBlock() {
        return false;
    }

    /**
     * Whether tdx_track() leaves out its kick after TDH.MEM.TRACK (a mutation: KVM always kicks,
     * tdx-facts §6g.1); the regression baseline must catch it.
     */
    default boolean skipTrackKick() {
        return false;
    }

    /**
     * The reaction to {@code status} (any non-success: a BUSY from the acquire step, or a module
     * error such as TDX_PREVIOUS_TLB_EPOCH_BUSY from the complete step) returned by {@code call};
     * {@code retried}: this call is already a kicked retry.
     */
    ZapBusyAction onError(Seamcall call, Outcome status, boolean retried);
}
