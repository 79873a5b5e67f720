package tdxcheck.core.property;

/** How a property is checked, and the kind of counterexample a violation yields. */
public enum PropertyKind {
    /** Checked on every reachable state; a violation is a path to a bad state. */
    INVARIANT,
    /** Checked on every generated transition; a violation is a path ending with the bad step. */
    TRANSITION,
    /** No reachable state where an actor is unfinished and no action is enabled. */
    DEADLOCK,
    /** Needs the whole state graph; a violation is a lasso (stem + fair cycle). */
    LIVENESS;

    /** The counterexample kind in the result JSON ("SAFETY", "DEADLOCK", "LIVENESS"). */
    public String counterexampleKind() {
        return switch (this) {
            case INVARIANT, TRANSITION -> "SAFETY";
            case DEADLOCK -> "DEADLOCK";
            case LIVENESS -> "LIVENESS";
        };
    }
}
