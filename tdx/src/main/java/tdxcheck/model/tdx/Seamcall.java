package tdxcheck.model.tdx;

/** The SEAMCALLs (and the guest TDCALL) the model knows, with their ABI names. */
public enum Seamcall {
    VP_ENTER("TDH.VP.ENTER"),
    MEM_TRACK("TDH.MEM.TRACK"),
    MEM_SEPT_ADD("TDH.MEM.SEPT.ADD"),
    MEM_PAGE_AUG("TDH.MEM.PAGE.AUG"),
    MEM_PAGE_REMOVE("TDH.MEM.PAGE.REMOVE"),
    MEM_RANGE_BLOCK("TDH.MEM.RANGE.BLOCK"),
    MEM_RANGE_UNBLOCK("TDH.MEM.RANGE.UNBLOCK"),
    MEM_SEPT_REMOVE("TDH.MEM.SEPT.REMOVE"),
    /** Guest side (TDCALL), takes only the S-EPT entry lock, guest-side. */
    MEM_PAGE_ACCEPT("TDG.MEM.PAGE.ACCEPT"),
    /** Split a 2M leaf into 512 4K leaves (huge pages, tdx-facts §7a.1); last so older ordinals stay. */
    MEM_PAGE_DEMOTE("TDH.MEM.PAGE.DEMOTE");

    private final String abiName;

    Seamcall(String abiName) {
        this.abiName = abiName;
    }

    public String abiName() {
        return abiName;
    }

    public boolean guestSide() {
        return this == MEM_PAGE_ACCEPT;
    }
}
