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
    EXACT("exact store"),
    /** {@link DiskFingerprintSet}: one thread, fingerprints spilled to a sorted file when the heap runs short. */
    DISK("disk fingerprint set");

    private final String label;

    StoreKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * A new empty store as {@link #create(int, long, SearchConfig)}; the disk store goes to the
     * temporary directory with a 1024-slot table (it spills every few hundred states).
     */
    SeenSet create(int words, long expected) {
        return create(words, expected, SearchConfig.builder()
                .disk(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), 1024).build());
    }

    /** A new empty store for states of {@code words} words, sized for about {@code expected} states. */
    SeenSet create(int words, long expected, SearchConfig config) {
        return switch (this) {
            case DISK -> new DiskFingerprintSet(config.diskDir(), expected, config.diskTableSlots());
            case FINGERPRINTS -> new FingerprintSet(expected);
            case CONCURRENT_FINGERPRINTS -> new ConcurrentFingerprintSet(expected);
            case FINGERPRINT_IDS -> new FingerprintIdMap(expected);
            case EXACT -> new ExactStore(words, expected);
        };
    }
}
