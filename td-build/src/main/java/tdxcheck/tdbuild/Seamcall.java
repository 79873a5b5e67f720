package tdxcheck.tdbuild;

/**
 * The build SEAMCALLs and what KVM does when one returns BUSY (tdx-facts §7c.2, [KVM-6.16]
 * torvalds/linux 3829d81b arch/x86/kvm/vmx/tdx.c): every error of VP.CREATE/ADDCX/INIT is a
 * KVM_BUG_ON; MR.FINALIZE and PAGE.ADD map BUSY to -EBUSY; MR.EXTEND's handling is the guard's
 * ({@code -EIO} in 6.16, a bug from ad44aa4c5d3f on). The locks each one takes are in
 * {@link ModuleLockTable}.
 */
public enum Seamcall {
    MNG_INIT("TDH.MNG.INIT", Handling.EIO, false),
    MR_FINALIZE("TDH.MR.FINALIZE", Handling.EBUSY_RETRY, false),
    VP_CREATE("TDH.VP.CREATE", Handling.KVM_BUG_ON, true),
    VP_ADDCX("TDH.VP.ADDCX", Handling.KVM_BUG_ON, true),
    VP_INIT("TDH.VP.INIT", Handling.KVM_BUG_ON, true),
    PAGE_ADD("TDH.MEM.PAGE.ADD", Handling.EBUSY_RETRY, true),
    MR_EXTEND("TDH.MR.EXTEND", Handling.EIO, true);

    private final String mnemonic;
    private final Handling onBusy;
    private final boolean build;

    Seamcall(String mnemonic, Handling onBusy, boolean build) {
        this.mnemonic = mnemonic;
        this.onBusy = onBusy;
        this.build = build;
    }

    public String mnemonic() {
        return mnemonic;
    }

    /** KVM's handling of BUSY in 6.16 (MR.EXTEND's may be overridden by the guard). */
    public Handling onBusy() {
        return onBusy;
    }

    /** A call that adds to the TD being built, which the module accepts only before MR.FINALIZE. */
    public boolean isBuildStep() {
        return build;
    }
}
