package tdxcheck.model.tdx;

/** State of a leaf S-EPT entry in the TDX module (tdx-facts §2, PAGE.REMOVE preconditions). */
public final class SeptState {
    public static final int FREE = 0;
    /** After TDH.MEM.PAGE.AUG, before the guest's TDG.MEM.PAGE.ACCEPT. */
    public static final int PENDING = 1;
    public static final int MAPPED = 2;
    public static final int BLOCKED_PENDING = 3;
    public static final int BLOCKED_MAPPED = 4;

    private static final String[] NAMES = {"FREE", "PENDING", "MAPPED", "PENDING_BLOCKED", "BLOCKED"};

    private SeptState() {
    }

    public static String name(int s) {
        return NAMES[s];
    }

    /** The guest (and a zero-step walk) can reach the page: present and not blocked. */
    public static boolean present(int s) {
        return s == PENDING || s == MAPPED;
    }

    public static boolean blocked(int s) {
        return s == BLOCKED_PENDING || s == BLOCKED_MAPPED;
    }
}
