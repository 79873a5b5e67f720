package tdxcheck.app.regress;

/** A baseline file that cannot be read or is malformed; the message is one line (exit code 2). */
public final class BaselineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BaselineException(String message) {
        super(message);
    }
}
