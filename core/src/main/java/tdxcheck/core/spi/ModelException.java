package tdxcheck.core.spi;

/** A model was asked for something it does not have (bad parameter, bad id); the message is one line for the user. */
public class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }
}
