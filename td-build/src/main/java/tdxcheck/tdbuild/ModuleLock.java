package tdxcheck.tdbuild;

/**
 * One module lock a SEAMCALL tries: the object, the mode, and the operand that a failure names in
 * the status ({@code TDX_OPERAND_BUSY | operand id}, tdx-facts §2 "Encoding").
 */
public record ModuleLock(Target target, LockMode mode, String operand, int operandId) {
    /** The module objects whose locks the build SEAMCALLs contend on. */
    public enum Target {
        /** The TD root page's PAMT lock (sharex_hp_lock). */
        TDR,
        /** The calling vCPU's TDVPR page PAMT lock; only that vCPU's thread ever takes it. */
        TDVPR
    }

    /** TDX_OPERAND_BUSY (0x8000020000000000) plus the operand id. */
    public long busyStatus() {
        return 0x8000020000000000L + operandId;
    }

    public String busyText() {
        return "TDX_OPERAND_BUSY|" + operand;
    }
}
