package tdxcheck.app.cli;

/** A problem with the user's input or environment; the message is the one line the CLI prints. */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message);
    }
}
