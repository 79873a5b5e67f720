package tdxcheck.core.engine;

/** Which {@link SeenSet} a search uses; chosen once, in {@link SearchPlan#of}. */
public enum StoreKind {
    /** {@link FingerprintSet}: one thread, fingerprints only. */
    FINGERPRINTS("fingerprint set"),
    /** {@link ConcurrentFingerprintSet}: the parallel BFS. */
    CONCURRENT_FINGERPRINTS("concurrent fingerprint set"),
    /** {@link FingerprintIdMap}: one thread, the id of every seen state (graph edges, listener events). */
    FINGERPRINT_IDS("fingerprint-to-id map"),
    /** {@link ExactStore}: one thread, full states, collisions counted. */
    EXACT("exact store");

    private final String label;

    StoreKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A new empty store for states of {@code words} words, sized for about {@code expected} states. */
    SeenSet create(int words, long expected) {
        return switch (this) {
            case FINGERPRINTS -> new FingerprintSet(expected);
            case CONCURRENT_FINGERPRINTS -> new ConcurrentFingerprintSet(expected);
            case FINGERPRINT_IDS -> new FingerprintIdMap(expected);
            case EXACT -> new ExactStore(words, expected);
        };
    }
}
