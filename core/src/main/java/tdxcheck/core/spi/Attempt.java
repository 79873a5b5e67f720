package tdxcheck.core.spi;

/**
 * What a transition is for a retry loop ({@link Model#attemptOutcome}): plain ints, so the search
 * asks without allocating. An attempt names its <em>site</em> (which retried operation of the
 * actor it is, {@code 0 .. Model#attemptSites()-1}), because fairness on success is per actor and
 * site: a vCPU whose TDH.VP.ENTER keeps succeeding may still starve in its PAGE.AUG.
 */
public final class Attempt {
    /** Not an attempt of a retried operation. */
    public static final int NONE = 0;
    private static final int SUCCESS = 1;
    private static final int FAILURE = 2;

    private Attempt() {
    }

    /** An attempt at {@code site} that succeeded (e.g. the try-lock was free). */
    public static int succeeds(int site) {
        return SUCCESS | (site << 2);
    }

    /** An attempt at {@code site} that failed and will be retried (e.g. the try-lock returned BUSY). */
    public static int fails(int site) {
        return FAILURE | (site << 2);
    }

    public static boolean succeeded(int outcome) {
        return (outcome & 3) == SUCCESS;
    }

    public static boolean failed(int outcome) {
        return (outcome & 3) == FAILURE;
    }

    /** The site of an attempt ({@link #NONE} has none: -1). */
    public static int site(int outcome) {
        return outcome == NONE ? -1 : outcome >>> 2;
    }
}
