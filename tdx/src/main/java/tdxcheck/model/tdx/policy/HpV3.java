package tdxcheck.model.tdx.policy;

import tdxcheck.model.tdx.Outcome;
import tdxcheck.model.tdx.Seamcall;

/**
 * Yan Zhao's "[PATCH v3 00/24] KVM: TDX huge page support for private memory" (6 Jan 2026,
 * 20260106101646.24809-1-yan.y.zhao@intel.com; not merged; tdx-facts §7a.6): every zap SEAMCALL,
 * DEMOTE included, goes through tdh_do_no_vcpus(): on tdx_operand_busy() set wait_for_sept_zap,
 * kick, retry once; anything else, or BUSY again, is TDX_BUG_ON. TDX_INTERRUPTED_RESTARTABLE is not
 * an operand busy, so it is a bug too: the series enables huge pages only when the module
 * enumerates ENHANCED_DEMOTE_INTERRUPTIBILITY. On 4K zaps it is {@link RetryOnceThenKick}.
 */
public final class HpV3 implements ZapRetryPolicy {
    public static final String ID = "hp-v3";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "huge-page series v3: BUSY from BLOCK/TRACK/REMOVE/DEMOTE retried once after kick + wait_for_sept_zap;"
                + " BUSY again or INTERRUPTED_RESTARTABLE is KVM_BUG_ON";
    }

    @Override
    public ZapBusyAction onError(Seamcall call, Outcome status, boolean retried) {
        if (!status.operandBusy()) {
            return ZapBusyAction.BUG; // TDX_INTERRUPTED_RESTARTABLE included: TDX_BUG_ON
        }
        return retried ? ZapBusyAction.BUG : ZapBusyAction.KICK_THEN_RETRY;
    }
}
