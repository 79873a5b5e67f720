package tdxcheck.junit;

/**
 * A user's retry policy answered the same question two ways during one check: it keeps state
 * outside the model (a counter, a flag, a random choice). The checker explores states, and a
 * policy's answer must depend only on its arguments, or the explored graph is not the system's
 * (and a counterexample would not replay). What the policy needs to remember belongs in the model
 * state (docs/user-policy.md, "Policies must be stateless").
 */
public final class StatefulPolicyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    StatefulPolicyException(String message) {
        super(message);
    }
}
