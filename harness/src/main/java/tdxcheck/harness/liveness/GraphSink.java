package tdxcheck.harness.liveness;

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
     * A transition {@code src -action-> dst} of {@code actor}. {@code progressMask}: operations
     * that make progress on this edge.
     */
    void edge(int src, int dst, int actor, int action, int progressMask);
}
