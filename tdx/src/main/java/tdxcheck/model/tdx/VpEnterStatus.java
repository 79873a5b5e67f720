package tdxcheck.model.tdx;

/**
 * The status domain of TDH.VP.ENTER's RAX, classified the way mainline KVM does before it reads an
 * exit reason (tdx-facts §4, §7e.2; Linux arch/x86/kvm/vmx/tdx.c @3829d81b tdx_to_vmx_exit_reason,
 * tdx_vcpu_run, tdx_handle_exit; values from tdx_errno.h and asm/tdx.h): SUCCESS and the
 * NON_RECOVERABLE classes carry a VMX exit reason in bits 31:0; BUSY carries an operand id; the SW
 * errors (#UD/#GP on SEAMCALL, VMfailInvalid) and every other error carry none.
 */
public final class VpEnterStatus {
    /** TDX_SEAMCALL_STATUS_MASK: bits 63:32 are the class, 31:0 operand or exit reason. */
    public static final long STATUS_MASK = 0xFFFFFFFF00000000L;
    /** TDX_ERROR (bit 63) | bits 47:40: set for the kernel's own SEAMCALL failures. */
    public static final long SW_ERROR = 0x8000FF0000000000L;
    public static final long OPERAND_BUSY = 0x8000020000000000L;
    public static final long NON_RECOVERABLE_VCPU = 0x4000000100000000L;
    public static final long NON_RECOVERABLE_TD = 0x4000000200000000L;
    public static final long NON_RECOVERABLE_TD_NON_ACCESSIBLE = 0x6000000500000000L;
    public static final long NON_RECOVERABLE_TD_WRONG_APIC_MODE = 0x6000000700000000L;

    /** VMX basic exit reasons a trace names (Intel SDM Appendix C). */
    public static final int EXIT_REASON_EXCEPTION_NMI = 0;
    public static final int EXIT_REASON_TRIPLE_FAULT = 2;
    public static final int EXIT_REASON_TDCALL = 77;

    private VpEnterStatus() {
    }

    /** The statuses whose bits 31:0 are a real VM exit's reason (tdx_to_vmx_exit_reason's cases). */
    public static boolean hasExitReason(long ret) {
        long st = ret & STATUS_MASK;
        return st == 0 || st == NON_RECOVERABLE_VCPU || st == NON_RECOVERABLE_TD
                || st == NON_RECOVERABLE_TD_NON_ACCESSIBLE || st == NON_RECOVERABLE_TD_WRONG_APIC_MODE;
    }

    /** (ret &amp; TDX_SW_ERROR) == TDX_SW_ERROR: SEAMCALL #UD/#GP or VMfailInvalid. */
    public static boolean swError(long ret) {
        return (ret & SW_ERROR) == SW_ERROR;
    }

    /** tdx_operand_busy(). */
    public static boolean operandBusy(long ret) {
        return (ret & STATUS_MASK) == OPERAND_BUSY;
    }

    /** How a trace names basic exit reason {@code basic}. */
    public static String reasonName(int basic) {
        return switch (basic) {
            case EXIT_REASON_EXCEPTION_NMI -> "EXIT_REASON_EXCEPTION_NMI";
            case EXIT_REASON_TRIPLE_FAULT -> "EXIT_REASON_TRIPLE_FAULT";
            case 6 -> "EXIT_REASON_OTHER_SMI";
            case 13 -> "EXIT_REASON_INVD";
            case EXIT_REASON_TDCALL -> "EXIT_REASON_TDCALL";
            default -> "basic exit reason " + basic + " (no VMX exit: unexpected-exit path)";
        };
    }
}
