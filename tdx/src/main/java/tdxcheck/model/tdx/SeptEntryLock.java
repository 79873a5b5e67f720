package tdxcheck.model.tdx;

/**
 * The per-entry S-EPT lock (bit 11 of the entry) with the host-priority bit (bit 52), tdx-facts
 * §2 and seed 004 row 7. Exclusive. Every host mem SEAMCALL takes it on its target entry, the
 * guest's TDG.MEM.PAGE.ACCEPT too. A host that fails sets HP and gets TDX_OPERAND_BUSY|RCX; a
 * guest that fails gets TDX_OPERAND_BUSY|RCX, and a guest that finds HP set releases and gets
 * TDX_OPERAND_BUSY_HOST_PRIORITY|RCX; a host that succeeds clears HP.
 */
public final class SeptEntryLock {
    public static final String NAME = "entry";
    /** A failed host or guest try-lock on a held entry: the entry is named by RCX (tdx-facts §2). */
    public static final Outcome BUSY = Outcome.BUSY_RCX;

    private SeptEntryLock() {
    }

    /** Whether {@code call} takes the entry lock of its target: the entry column of {@link LockTable}. */
    public static boolean taken(Seamcall call) {
        return LockTable.row(call).entry();
    }

    /** The result of a try-lock on an entry: {@code held} whether someone holds it. */
    public static Outcome tryLock(boolean guestSide, boolean held, boolean hostPriority) {
        if (held) {
            return BUSY;
        }
        if (guestSide && hostPriority) {
            return Outcome.BUSY_HOST_PRIORITY_RCX;
        }
        return Outcome.LOCKS_TAKEN;
    }
}
