package tdxcheck.model.tdx;

/** KVM's mirror SPTE for a GPA (or the shared non-leaf entry): the FROZEN_SPTE protocol, tdx-facts §3. */
public final class Spte {
    public static final int NONE = 0;
    /** cmpxchg'd to FROZEN_SPTE by a vCPU that is calling SEPT.ADD/PAGE.AUG for it. */
    public static final int FROZEN = 1;
    public static final int PRESENT = 2;

    private static final String[] NAMES = {"none", "FROZEN", "present"};

    private Spte() {
    }

    public static String name(int s) {
        return NAMES[s];
    }
}
