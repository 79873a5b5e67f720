package tdxcheck.app.cli;

/** The CLI's exit codes (design.md, CLI and output contract). */
public final class ExitCodes {
    /** Every property holds. */
    public static final int OK = 0;
    /** Some property is violated. */
    public static final int VIOLATED = 1;
    /** Bad input: unknown id, bad number, unreadable or unwritable file, unknown option. */
    public static final int BAD_INPUT = 2;
    /** Nothing violated, but some verdict is inconclusive (a bound was hit). */
    public static final int INCONCLUSIVE = 3;
    /** A bug in tdxcheck (an unexpected exception); the stack trace is printed. */
    public static final int INTERNAL_ERROR = 4;
    /**
     * The verdicts were printed, but a result file could not be written (a full disk, a
     * read-only directory): the line after the verdicts names the file and the error.
     */
    public static final int OUTPUT_FAILED = 5;
    /** Out of memory outside the search (a renderer, a reader); one line, no stack trace. */
    public static final int OUT_OF_MEMORY = 6;

    private ExitCodes() {
    }
}
