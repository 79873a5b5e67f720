package tdxcheck.model.tdx;

/** How a SEAMCALL takes a lock. */
public enum LockMode {
    NONE, SHARED, EXCLUSIVE;

    /**
     * sharex try-lock semantics (tdx_locks.h, tdx-facts §2): shared fails only against an
     * exclusive holder; exclusive succeeds only when there is no holder at all. No fairness,
     * no writer preference.
     */
    public boolean conflictsWith(LockMode held) {
        if (this == NONE || held == NONE) {
            return false;
        }
        return this == EXCLUSIVE || held == EXCLUSIVE;
    }
}
