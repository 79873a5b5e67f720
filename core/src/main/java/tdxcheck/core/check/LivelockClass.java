package tdxcheck.core.check;

/**
 * The class of a violated {@code no-busy-livelock}: {@code robust} when it is violated under
 * fairness hw (a livelock hardware can produce), {@code adversarial} when hw was decided and holds
 * (only a scheduler that lands every retry inside a momentary hold, or never lets a retry succeed
 * when it could, produces it).
 */
public enum LivelockClass {
    ROBUST("robust"),
    ADVERSARIAL("adversarial");

    private final String id;

    LivelockClass(String id) {
        this.id = id;
    }

    /** The id in JSON and reports. */
    public String id() {
        return id;
    }
}
