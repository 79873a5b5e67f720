package tdxcheck.app.jpf;

/**
 * The JPF mode cannot give a trustworthy answer: no usable jpf-core, a failed canary, a JPF
 * error, or a run JPF did not really explore. The message is the one line the CLI prints (exit 2).
 */
public final class JpfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JpfException(String message) {
        super(message);
    }
}
