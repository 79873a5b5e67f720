package tdxcheck.app.suite;

/**
 * A bad suite file or configuration value: unknown key, wrong type, unknown id, missing
 * scenario, unreadable file. The message is the one line the CLI prints (exit code 2); it names
 * the file and line (or the command-line option) and, for a misspelt key or id, the nearest
 * valid one.
 */
public final class SuiteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SuiteException(String message) {
        super(message);
    }
}
