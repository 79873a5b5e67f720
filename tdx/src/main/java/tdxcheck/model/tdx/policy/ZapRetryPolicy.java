package tdxcheck.model.tdx.policy;

import tdxcheck.model.tdx.Seamcall;

/**
 * The zap axis: what the zap path (RANGE.BLOCK, MEM.TRACK, PAGE.REMOVE under mmu_lock write)
 * does with TDX_OPERAND_BUSY. Errors that are not operand-busy are always KVM_BUG_ON.
 * Implementations must be stateless; "already retried once" is passed in.
 */
public interface ZapRetryPolicy {
    String id();

    String description();

    /** Whether the zap sets wait_for_sept_zap and kicks before RANGE.BLOCK, clearing after PAGE.REMOVE. */
    default boolean kickBeforeBlock() {
        return false;
    }

    /** The reaction to BUSY from {@code call}; {@code retried}: this call is already a kicked retry. */
    ZapBusyAction onBusy(Seamcall call, boolean retried);
}
