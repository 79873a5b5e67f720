package tdxcheck.core.liveness;

/**
 * Receives the state graph while the engine explores it (liveness runs only). The engine calls
 * {@link #node} once per distinct state in id order (0, 1, 2, ...; the first
 * {@code initialStateCount} ids are the initial states) and {@link #edge} once per generated
 * transition, grouped by source in non-decreasing source order, so a sink can store the graph
 * in compressed-sparse-row form without sorting.
 */
public interface GraphSink {
    /**
     * A new state. {@code pendingMask}: operations pending in it (bit i = operation i of the
     * liveness property).
     */
    void node(int id, int pendingMask);

    /**
     * A new state in which the actors of {@code waitingActors} are held back for a moment (they
     * count as enabled for fairness; see {@link tdxcheck.core.property.LivenessProperty#waitingActors}).
     * The default drops them.
     */
    default void node(int id, int pendingMask, long waitingActors) {
        node(id, pendingMask);
    }

    /**
     * A transition {@code src -action-> dst} of {@code actor}. {@code progressMask}: operations
     * that make progress on this edge.
     */
    void edge(int src, int dst, int actor, int action, int progressMask);

    /**
     * A transition of a symmetry-reduced search: {@code dst} is the canonical form of the
     * successor, reached from it by permutation {@code perm} (a {@link tdxcheck.core.spi.Permutation}
     * code); {@code actor}, {@code action} and {@code progressMask} are in the frame of
     * {@code src}. The default ignores the permutation.
     */
    default void edge(int src, int dst, int actor, int action, int progressMask, int perm) {
        edge(src, dst, actor, action, progressMask);
    }

    /**
     * Initial state {@code initialIndex} is node {@code node} (its canonical form, reached from it
     * by permutation {@code perm}). Called once per initial state, also for one whose node already
     * exists. The default ignores it.
     */
    default void initialState(int initialIndex, int node, int perm) {
    }
}
