package tdxcheck.model.tdx.policy;

/** What the zap does when a SEAMCALL returns TDX_OPERAND_BUSY. */
public enum ZapBusyAction {
    /** Call it again at once. */
    RETRY,
    /** Set wait_for_sept_zap, kick every vCPU out of guest mode and wait, then call it again. */
    KICK_THEN_RETRY,
    /** KVM_BUG_ON: the VM is bugged and the zap fails with -EIO. */
    BUG
}
