package tdxcheck.reports.result;

/** A result file could not be read; the message is one line naming the problem. */
public class ResultFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ResultFormatException(String message) {
        super(message);
    }
}
