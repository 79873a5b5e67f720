package tdxcheck.core.engine;

/**
 * The parent id of every state id (-1 for an initial state), from which a counterexample is
 * rebuilt ({@link TraceBuilder}). {@link IntChunks} holds any order of writes (the parallel BFS
 * writes slices from several threads, DFS parents go up and down); {@link MonotoneParents} holds
 * the one-thread BFS's non-decreasing parents in about a byte each.
 */
interface Parents {
    int get(int id);

    /** Sets the parent of {@code id}. */
    void set(int id, int parentId);

    /** Allocates up to index {@code id}, so that later {@link #set}s may run on several threads (each its own ids). */
    void ensureIndex(int id);

    /** Heap bytes held. */
    long bytes();
}
