package tdxcheck.model.tdx.policy;

/** Why the TDP MMU returned RET_PF_RETRY (tdx-facts §3). */
public enum RetryCause {
    /** Another vCPU holds the mirror SPTE frozen (FROZEN_SPTE) while it calls the TDX module. */
    FROZEN_SPTE,
    /** TDH.MEM.SEPT.ADD or TDH.MEM.PAGE.AUG returned TDX_OPERAND_BUSY (-EBUSY). */
    SEAMCALL_BUSY
}
