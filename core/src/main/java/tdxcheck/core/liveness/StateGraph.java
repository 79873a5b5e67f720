package tdxcheck.core.liveness;

/**
 * An immutable explored state graph in compressed-sparse-row form, kept for liveness checking.
 *
 * <p>Nodes are {@code 0 .. nodeCount()-1}; the first {@link #initialCount()} are the initial
 * states. The outgoing edges of node {@code v} are the edge indices
 * {@code firstEdge(v) .. endEdge(v)-1}, in the order the engine reported them. Each edge has a
 * destination, an action id (the model's action index, used to replay a counterexample), an
 * actor ({@code 0 .. actorCount()-1}) and a progress mask (bit i: operation i makes progress on
 * it). Each node has a pending mask (bit i: operation i is pending in it).
 *
 * <p>Storage is primitive arrays only: {@code int[] edgeStart} (nodeCount + 1),
 * {@code int[] edgeDst}, {@code int[] edgeAction}, {@code byte[] edgeActor}, {@code int[]
 * edgeProgress} (only if some edge has a nonzero progress mask) and {@code int[] nodePending}:
 * 9 bytes per edge (13 with progress masks) plus 8 bytes per node. Build one with
 * {@link StateGraphBuilder}.
 */
public final class StateGraph {
    /** Actors are kept in {@code long} bitmasks: at most 64 per graph. */
    public static final int MAX_ACTORS = 64;

    /**
     * Bits 28..31 of an edge's progress mask: 1 + the site of a successful attempt of a retried
     * operation by the edge's actor, 0 for any other edge (fairness {@link Fairness#HW};
     * {@link SuccessMarking} sets them). Operations 28..31 are therefore not available to an hw
     * check. A success <em>event</em> is the pair (actor, site), numbered
     * {@code actor * successSites() + site}; at most 64 per graph.
     */
    public static final int SUCCESS_SHIFT = 28;
    public static final int SUCCESS_MASK = 0xF << SUCCESS_SHIFT;
    /** Success at site 0 (for graphs written by hand). */
    public static final int SUCCESS_BIT = 1 << SUCCESS_SHIFT;

    private final int actorCount;
    private final int initialCount;
    private final int nodeCount;
    private final int edgeCount;
    private final int[] edgeStart;
    private final int[] edgeDst;
    private final int[] edgeAction;
    private final byte[] edgeActor;
    private final int[] edgeProgress; // null when every progress mask is 0
    private final int[] nodePending;
    private final int[] edgePerm; // null when every edge's permutation is the identity
    private final int[] initialIndex; // null: initial node v is initial state v
    private final int[] initialPerm;
    private final long[] nodeWaiting; // null: no node holds an actor back
    private final int successSites;

    /** Arrays are taken over, not copied: exact lengths, already validated by the builder. */
    StateGraph(int actorCount, int initialCount, int[] edgeStart, int[] edgeDst, int[] edgeAction,
            byte[] edgeActor, int[] edgeProgress, int[] nodePending) {
        this(actorCount, initialCount, edgeStart, edgeDst, edgeAction, edgeActor, edgeProgress, nodePending, null,
                null, null);
    }

    StateGraph(int actorCount, int initialCount, int[] edgeStart, int[] edgeDst, int[] edgeAction,
            byte[] edgeActor, int[] edgeProgress, int[] nodePending, int[] edgePerm, int[] initialIndex,
            int[] initialPerm) {
        this(actorCount, initialCount, edgeStart, edgeDst, edgeAction, edgeActor, edgeProgress, nodePending, edgePerm,
                initialIndex, initialPerm, null);
    }

    StateGraph(int actorCount, int initialCount, int[] edgeStart, int[] edgeDst, int[] edgeAction,
            byte[] edgeActor, int[] edgeProgress, int[] nodePending, int[] edgePerm, int[] initialIndex,
            int[] initialPerm, long[] nodeWaiting) {
        this.nodeWaiting = nodeWaiting;
        this.edgePerm = edgePerm;
        this.initialIndex = initialIndex;
        this.initialPerm = initialPerm;
        this.actorCount = actorCount;
        this.initialCount = initialCount;
        this.nodeCount = nodePending.length;
        this.edgeCount = edgeDst.length;
        this.edgeStart = edgeStart;
        this.edgeDst = edgeDst;
        this.edgeAction = edgeAction;
        this.edgeActor = edgeActor;
        this.edgeProgress = edgeProgress;
        this.nodePending = nodePending;
        int sites = 1;
        if (edgeProgress != null) {
            for (int p : edgeProgress) {
                sites = Math.max(sites, (p & SUCCESS_MASK) >>> SUCCESS_SHIFT);
            }
        }
        if ((long) sites * actorCount > 64 && sites > 1) {
            throw new IllegalArgumentException("at most 64 success events (actors x sites), got " + actorCount
                    + " x " + sites);
        }
        this.successSites = sites;
    }

    public int nodeCount() {
        return nodeCount;
    }

    public int edgeCount() {
        return edgeCount;
    }

    public int actorCount() {
        return actorCount;
    }

    /** Number of initial states: nodes {@code 0 .. initialCount()-1}. */
    public int initialCount() {
        return initialCount;
    }

    public boolean isInitial(int node) {
        return node >= 0 && node < initialCount;
    }

    /** Operations pending in {@code node} (bit i = operation i). */
    public int pendingMask(int node) {
        return nodePending[node];
    }

    /** First outgoing edge index of {@code node}. */
    public int firstEdge(int node) {
        return edgeStart[node];
    }

    /** One past the last outgoing edge index of {@code node}. */
    public int endEdge(int node) {
        return edgeStart[node + 1];
    }

    public int outDegree(int node) {
        return edgeStart[node + 1] - edgeStart[node];
    }

    public int edgeDst(int edge) {
        return edgeDst[edge];
    }

    public int edgeAction(int edge) {
        return edgeAction[edge];
    }

    public int edgeActor(int edge) {
        return edgeActor[edge];
    }

    /** Operations that make progress on {@code edge} (bit i = operation i). */
    public int edgeProgress(int edge) {
        return edgeProgress == null ? 0 : edgeProgress[edge];
    }

    /** Whether any edge has a nonzero progress mask (otherwise no progress array is stored). */
    public boolean hasProgressEdges() {
        return edgeProgress != null;
    }

    /**
     * The permutation of {@code edge} in a symmetry-reduced graph: its destination is the
     * canonical form of the real successor, and this {@link tdxcheck.core.spi.Permutation} took
     * the successor there. The identity in a graph without symmetry.
     */
    public int edgePerm(int edge) {
        return edgePerm == null ? tdxcheck.core.spi.Permutation.IDENTITY : edgePerm[edge];
    }

    /** Whether some edge has a permutation other than the identity (the graph is a symmetry quotient). */
    public boolean hasPermutations() {
        return edgePerm != null;
    }

    /** The initial state (index into the model's initial states) that initial node {@code node} stands for. */
    public int initialStateIndex(int node) {
        if (!isInitial(node)) {
            throw new IllegalArgumentException("node " + node + " is not initial");
        }
        return initialIndex == null ? node : initialIndex[node];
    }

    /**
     * The permutation that took that initial state to initial node {@code node} (the identity
     * without symmetry).
     */
    public int initialPerm(int node) {
        if (!isInitial(node)) {
            throw new IllegalArgumentException("node " + node + " is not initial");
        }
        return initialPerm == null ? tdxcheck.core.spi.Permutation.IDENTITY : initialPerm[node];
    }

    /** The source node of {@code edge} (binary search over the row starts: O(log nodeCount)). */
    public int edgeSource(int edge) {
        if (edge < 0 || edge >= edgeCount) {
            throw new IndexOutOfBoundsException("edge " + edge + " of " + edgeCount);
        }
        // largest v with edgeStart[v] <= edge; it is the row that contains the edge
        int lo = 0;
        int hi = nodeCount - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (edgeStart[mid] <= edge) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * Actors enabled in {@code node}: bit a set iff the node has an outgoing edge of actor a, or
     * the explored model holds a back there for a moment ({@link #waitingActors}).
     */
    public long enabledActors(int node) {
        long mask = nodeWaiting == null ? 0L : nodeWaiting[node];
        for (int e = edgeStart[node], end = edgeStart[node + 1]; e < end; e++) {
            mask |= 1L << edgeActor[e];
        }
        return mask;
    }

    /** Actors held back in {@code node} although the system would let them move (fairness hw's windows). */
    public long waitingActors(int node) {
        return nodeWaiting == null ? 0L : nodeWaiting[node];
    }

    /** Whether {@code edge} is a successful attempt of its actor ({@link #SUCCESS_MASK}). */
    public boolean edgeSucceeds(int edge) {
        return edgeProgress != null && (edgeProgress[edge] & SUCCESS_MASK) != 0;
    }

    /** Sites per actor of the success events: 1 + the largest site of a success edge (at least 1). */
    public int successSites() {
        return successSites;
    }

    /** The success event of {@code edge} ({@code actor * successSites() + site}), or -1. */
    public int edgeEvent(int edge) {
        if (edgeProgress == null) {
            return -1;
        }
        int site = (edgeProgress[edge] & SUCCESS_MASK) >>> SUCCESS_SHIFT;
        return site == 0 ? -1 : edgeActor[edge] * successSites + site - 1;
    }

    /** Success events possible in {@code node}: bit k set iff a success edge of event k leaves it. */
    public long succeedingEvents(int node) {
        if (edgeProgress == null) {
            return 0L;
        }
        long mask = 0L;
        for (int e = edgeStart[node], end = edgeStart[node + 1]; e < end; e++) {
            int ev = edgeEvent(e);
            if (ev >= 0) {
                mask |= 1L << ev;
            }
        }
        return mask;
    }

    /**
     * The first edge {@code src -action-> dst}, or -1 if there is none (a linear scan of the
     * source's row).
     */
    public int findEdge(int src, int action, int dst) {
        if (src < 0 || src >= nodeCount) {
            return -1;
        }
        for (int e = edgeStart[src], end = edgeStart[src + 1]; e < end; e++) {
            if (edgeAction[e] == action && edgeDst[e] == dst) {
                return e;
            }
        }
        return -1;
    }

    /**
     * Exact payload bytes of the graph's arrays (element count times element size, summed;
     * object headers and the few scalar fields are not counted).
     */
    public long memoryBytes() {
        long bytes = 4L * edgeStart.length
                + 4L * edgeDst.length
                + 4L * edgeAction.length
                + (long) edgeActor.length
                + 4L * nodePending.length;
        if (edgeProgress != null) {
            bytes += 4L * edgeProgress.length;
        }
        if (edgePerm != null) {
            bytes += 4L * edgePerm.length;
        }
        if (nodeWaiting != null) {
            bytes += 8L * nodeWaiting.length;
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "StateGraph[nodes=" + nodeCount + ", edges=" + edgeCount + ", initial="
                + initialCount + ", actors=" + actorCount + ", bytes=" + memoryBytes() + "]";
    }
}
