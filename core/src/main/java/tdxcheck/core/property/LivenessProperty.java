package tdxcheck.core.property;

/**
 * "Every started operation eventually completes", for a fixed set of operations (e.g. one fault
 * per vCPU, the zap, one entry per vCPU). A violation is a reachable cycle that is fair (see
 * the engine's fairness option) in which some operation is pending in every state and no edge
 * is a progress edge for it.
 *
 * <p>Operations are declared by the model's user: {@link #pending} says an operation has started
 * and not completed in a state, {@link #progress} flags an edge on which it makes progress (the
 * generic "progress action" flag). Both are called while the graph is built: no allocation.
 */
public non-sealed interface LivenessProperty extends Property {
    /** Number of operations, at most 32 (pending sets are kept as int bitmasks). */
    int operationCount();

    /** Display name of an operation, e.g. {@code fault(vcpu1)} or {@code zap}. */
    String operationName(int op);

    /** Bitmask of operations pending in {@code state}. */
    int pendingMask(long[] state);

    /** Bitmask of operations that make progress on the transition {@code before -action-> after}. */
    int progressMask(long[] before, int action, long[] after);

    /**
     * Actors that the explored model holds back in {@code state} although the system itself
     * would let them move (fairness hw: the others wait while an actor finishes a momentary
     * window). They count as enabled for weak fairness. Default: none.
     */
    default long waitingActors(long[] state) {
        return 0L;
    }

    /**
     * Whether {@link #permuteOperation} is implemented: the pending and progress masks are then
     * equivariant under the model's symmetry (for every permutation p of the symmetry slots,
     * pending(p(s)) = p(pending(s))), and liveness may be checked on the symmetry quotient.
     */
    default boolean symmetric() {
        return false;
    }

    /** The operation that {@code op} becomes under permutation {@code p} of the model's symmetry slots. */
    default int permuteOperation(int op, int p) {
        return op;
    }

    @Override
    default PropertyKind kind() {
        return PropertyKind.LIVENESS;
    }
}
