package tdxcheck.tdbuild;

/** How a SEAMCALL holds a module lock (tdx-facts §2: sharex try-locks, no waiting, no fairness). */
public enum LockMode {
    NONE, SHARED, EXCLUSIVE;

    /** Whether a request in this mode fails against a holder in mode {@code held}. */
    public boolean conflictsWith(LockMode held) {
        if (this == NONE || held == NONE) {
            return false;
        }
        return this == EXCLUSIVE || held == EXCLUSIVE;
    }

    public String shortName() {
        return switch (this) {
            case NONE -> "-";
            case SHARED -> "S";
            case EXCLUSIVE -> "EX";
        };
    }
}
