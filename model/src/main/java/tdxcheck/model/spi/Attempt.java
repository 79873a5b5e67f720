package tdxcheck.model.spi;

/**
 * What a transition is for a retry loop ({@link Model#attemptOutcome}): plain int constants, so
 * the search asks without allocating.
 */
public final class Attempt {
    /** Not an attempt of a retried operation. */
    public static final int NONE = 0;
    /** An attempt that succeeded (e.g. the try-lock was free). */
    public static final int SUCCEEDS = 1;
    /** An attempt that failed and will be retried (e.g. the try-lock returned BUSY). */
    public static final int FAILS = 2;

    private Attempt() {
    }
}
