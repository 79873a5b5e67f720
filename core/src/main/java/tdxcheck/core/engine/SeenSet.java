package tdxcheck.core.engine;

/**
 * The set of states the search has seen, matched on 64-bit fingerprints (or on the full state in
 * exact mode). One interface over the four stores, so the search chooses its store once
 * ({@link StoreKind}, in the {@link SearchPlan}) and never switches on it again.
 *
 * <p>Only {@link ConcurrentFingerprintSet} may be added to from several threads, and it never
 * grows inside {@link #add}: the parallel BFS makes room for a segment with {@link #reserve} at a
 * barrier and reports the insertions with {@link #addSize} at the next one. For the other stores
 * those two calls are no-ops.
 */
public interface SeenSet {
    /** {@link #add}'s answer for a new state. */
    int NEW = -1;
    /** {@link #add}'s answer for a state seen before, from a store that keeps no ids. */
    int SEEN = -2;

    /**
     * Adds the state {@code state} with fingerprint {@code fp}. Returns {@link #NEW} when it was
     * not present (stores that keep ids give it {@code newId}, which must be the number of states
     * stored so far); else the id of the stored state, or {@link #SEEN} when the store keeps no ids.
     */
    int add(long fp, long[] state, int newId);

    /**
     * Reads the home slots of {@code fps[0 .. n)} and returns a value depending on them: a batch of
     * these before the real lookups lets the processor overlap their cache misses. No effect on the
     * contents.
     */
    long touch(long[] fps, int n);

    /** Bytes held by the store. */
    long bytes();

    /** Whether {@link #add} answers with the id of a state seen before (needed for graph edges and events). */
    default boolean keepsIds() {
        return false;
    }

    /** New states whose fingerprint equalled that of a different stored state (exact mode; else 0). */
    default long collisions() {
        return 0;
    }

    /**
     * At a barrier: makes room so that at least {@code minimum} insertions can follow without
     * growing, and returns how many can (unbounded for a store that grows as it goes).
     */
    default long reserve(long minimum) {
        return Long.MAX_VALUE;
    }

    /** At a barrier: grows, if the store must, so that {@code n} insertions fit at its normal load. */
    default void ensureRoom(long n) {
    }

    /** At a barrier: records {@code n} insertions made since the last call (no-op for a store that counts itself). */
    default void addSize(long n) {
    }

    /**
     * Heap bytes the store's next growth allocates (the new table; the old one lives on during
     * the rehash); 0 for a store that does not grow that way. {@link AutoDisk} plans with it.
     */
    default long growthBytes() {
        return 0;
    }

    /**
     * At a barrier, for {@link AutoDisk}: hands over the fingerprint table (0 = empty slot, the
     * others {@link Fingerprint#nonZero} fingerprints) and leaves the store unusable. Null for a
     * store that cannot (it keeps ids or full states, or is on disk already).
     */
    default long[] surrenderTable() {
        return null;
    }

    /** After the search: releases what the store holds outside the heap (the disk store's file). */
    default void close() {
    }
}
