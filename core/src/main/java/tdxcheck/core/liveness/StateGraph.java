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
 * <p>Storage is primitive arrays only: the row starts (nodeCount + 1, about 1.25 bytes each,
 * {@link RowStarts}); per edge the code of its label (action, actor, progress mask, permutation)
 * and its destination ({@link EdgeTargets}: the edge that discovered a node needs no bytes, an
 * edge back to a recent node one or two, others three; about 2.7 bytes an edge on
 * fault-storm 4x3); per node the code of its pending mask and held-back actors ({@link CodeArray},
 * {@link LabelTable}): about 2.3 bytes per node plus 2.7 per edge. Build one with
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
    private final RowStarts edgeStart;
    /** Per edge its destination and the code of its label (action, actor, progress mask, permutation). */
    private final EdgeTargets edges;
    private final int[] actionByEdge; // null: the action is in the label
    private final int[] labelAction;
    private final byte[] labelActor;
    private final int[] labelProgress;
    private final int[] labelPerm;
    private final boolean anyProgress;
    private final boolean anyPerm;
    /** Per node the code of its pending mask and held-back actors; the tables by code. */
    private final CodeArray nodeLabel;
    private final int[] codePending;
    private final long[] codeWaiting;
    private final boolean anyWaiting;
    private final int[] initialIndex; // null: initial node v is initial state v
    private final int[] initialPerm;
    private final int successSites;
    private final int maxOutDegree;

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
        this(actorCount, initialCount, RowStarts.of(edgeStart), edgeCodes(initialCount, edgeDst, edgeActor,
                edgeProgress, edgePerm), nodeCodes(nodePending, nodeWaiting), initialIndex, initialPerm, edgeAction);
    }

    /** The builder's form: every argument is taken over (trimmed). */
    StateGraph(int actorCount, int initialCount, RowStarts edgeStart, EdgeTargets edges, LabelTable edgeLabels,
            Coded nodes, int[] initialIndex, int[] initialPerm) {
        this(actorCount, initialCount, edgeStart, new Edges(edgeLabels, edges), nodes, initialIndex, initialPerm,
                null);
    }

    /**
     * {@code actionByEdge}: the edges' actions, when the labels leave them out (graphs built from
     * arrays, such as the quotient checker's product graph, whose "action" is a distinct edge
     * index: coding it would make a label per edge).
     */
    private StateGraph(int actorCount, int initialCount, RowStarts edgeStart, Edges edges,
            Coded nodes, int[] initialIndex, int[] initialPerm, int[] actionByEdge) {
        this.actionByEdge = actionByEdge;
        this.initialIndex = initialIndex;
        this.initialPerm = initialPerm;
        this.actorCount = actorCount;
        this.initialCount = initialCount;
        this.nodeCount = nodes.codes.size();
        this.edgeCount = edges.targets.size();
        this.edgeStart = edgeStart;
        this.edges = edges.targets;
        int nl = edges.labels.size();
        labelAction = new int[nl];
        labelActor = new byte[nl];
        labelProgress = new int[nl];
        labelPerm = new int[nl];
        boolean progress = false;
        boolean perm = false;
        int sites = 1;
        for (int c = 0; c < nl; c++) {
            long a = edges.labels.first(c);
            long b = edges.labels.second(c);
            labelAction[c] = (int) (a >>> 32);
            labelProgress[c] = (int) a;
            labelActor[c] = (byte) (b & 0xFF);
            labelPerm[c] = (int) (b >>> 8);
            progress |= labelProgress[c] != 0;
            perm |= labelPerm[c] != tdxcheck.core.spi.Permutation.IDENTITY;
            sites = Math.max(sites, (labelProgress[c] & SUCCESS_MASK) >>> SUCCESS_SHIFT);
        }
        this.anyProgress = progress;
        this.anyPerm = perm;
        this.nodeLabel = nodes.codes;
        int nn = nodes.labels.size();
        codePending = new int[nn];
        codeWaiting = new long[nn];
        boolean waiting = false;
        for (int c = 0; c < nn; c++) {
            codePending[c] = (int) nodes.labels.first(c);
            codeWaiting[c] = nodes.labels.second(c);
            waiting |= codeWaiting[c] != 0;
        }
        this.anyWaiting = waiting;
        if ((long) sites * actorCount > 64 && sites > 1) {
            throw new IllegalArgumentException("at most 64 success events (actors x sites), got " + actorCount
                    + " x " + sites);
        }
        this.successSites = sites;
        int maxDegree = 0;
        for (int v = 0, start = edgeStart.get(0); v < nodeCount; v++) {
            int next = edgeStart.get(v + 1);
            maxDegree = Math.max(maxDegree, next - start);
            start = next;
        }
        this.maxOutDegree = maxDegree;
    }

    /** Labels numbered by a {@link LabelTable} and the code of each edge (or node). */
    record Coded(LabelTable labels, CodeArray codes) {
    }

    /** Edge labels numbered by a {@link LabelTable} and the edges' codes and destinations. */
    private record Edges(LabelTable labels, EdgeTargets targets) {
    }

    /** The key pair of an edge label in {@link LabelTable}: (action, progress), (permutation, actor). */
    static long edgeKey1(int action, int progress) {
        return ((long) action << 32) | (progress & 0xFFFFFFFFL);
    }

    static long edgeKey2(int actor, int perm) {
        return ((long) perm << 8) | (actor & 0xFF);
    }

    /**
     * A graph from arrays whose edges carry no action ({@link #edgeAction} answers 0): the quotient
     * checker's product, which keeps each edge's quotient edge itself, in a byte.
     */
    static StateGraph withoutActions(int actorCount, int[] edgeStart, int[] edgeDst, byte[] edgeActor,
            int[] nodePending) {
        return new StateGraph(actorCount, 0, RowStarts.of(edgeStart), edgeCodes(0, edgeDst, edgeActor, null, null),
                nodeCodes(nodePending, null), null, null, null);
    }

    private static Edges edgeCodes(int treeBase, int[] dst, byte[] actor, int[] progress, int[] perm) {
        LabelTable t = new LabelTable();
        EdgeTargets targets = new EdgeTargets(treeBase, dst.length);
        for (int e = 0; e < dst.length; e++) {
            targets.add(dst[e], t.intern(edgeKey1(0, progress == null ? 0 : progress[e]),
                    edgeKey2(actor[e], perm == null ? tdxcheck.core.spi.Permutation.IDENTITY : perm[e])));
        }
        targets.trim();
        return new Edges(t, targets);
    }

    private static Coded nodeCodes(int[] pending, long[] waiting) {
        LabelTable t = new LabelTable();
        CodeArray c = new CodeArray(pending.length);
        for (int v = 0; v < pending.length; v++) {
            c.add(t.intern(pending[v], waiting == null ? 0L : waiting[v]));
        }
        c.trim();
        return new Coded(t, c);
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
        return codePending[nodeLabel.get(node)];
    }

    /** First outgoing edge index of {@code node}. */
    public int firstEdge(int node) {
        return edgeStart.get(node);
    }

    /** One past the last outgoing edge index of {@code node}. */
    public int endEdge(int node) {
        return edgeStart.get(node + 1);
    }

    public int outDegree(int node) {
        return edgeStart.get(node + 1) - edgeStart.get(node);
    }

    public int edgeDst(int edge) {
        return edges.dst(edge);
    }

    /**
     * The destinations of {@code node}'s edges, in edge order, into {@code out[0 .. outDegree)}
     * (one decoding pass: cheaper than {@link #edgeDst} per edge); returns the out-degree.
     * {@code out} must hold {@link #maxOutDegree()} ints.
     */
    public int edgeDsts(int node, int[] out) {
        int from = edgeStart.get(node);
        int to = edgeStart.get(node + 1);
        edgeDsts(from, to, out);
        return to - from;
    }

    /**
     * The destinations of the edges {@code from .. to-1} (within one node's row) into
     * {@code out[0 .. to-from)}, in one decoding pass.
     */
    public void edgeDsts(int from, int to, int[] out) {
        edges.dsts(from, to, out);
    }

    /** The largest out-degree of a node (the buffer size {@link #edgeDsts} needs). */
    public int maxOutDegree() {
        return maxOutDegree;
    }

    public int edgeAction(int edge) {
        return actionByEdge != null ? actionByEdge[edge] : labelAction[edges.label(edge)];
    }

    public int edgeActor(int edge) {
        return labelActor[edges.label(edge)];
    }

    /** Operations that make progress on {@code edge} (bit i = operation i). */
    public int edgeProgress(int edge) {
        return labelProgress[edges.label(edge)];
    }

    /** Whether any edge has a nonzero progress mask (otherwise no progress array is stored). */
    public boolean hasProgressEdges() {
        return anyProgress;
    }

    /**
     * The permutation of {@code edge} in a symmetry-reduced graph: its destination is the
     * canonical form of the real successor, and this {@link tdxcheck.core.spi.Permutation} took
     * the successor there. The identity in a graph without symmetry.
     */
    public int edgePerm(int edge) {
        return labelPerm[edges.label(edge)];
    }

    /** Whether some edge has a permutation other than the identity (the graph is a symmetry quotient). */
    public boolean hasPermutations() {
        return anyPerm;
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
            if (edgeStart.get(mid) <= edge) {
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
        long mask = codeWaiting[nodeLabel.get(node)];
        for (int e = edgeStart.get(node), end = edgeStart.get(node + 1); e < end; e++) {
            mask |= 1L << labelActor[edges.label(e)];
        }
        return mask;
    }

    /** Actors held back in {@code node} although the system would let them move (fairness hw's windows). */
    public long waitingActors(int node) {
        return codeWaiting[nodeLabel.get(node)];
    }

    /** Whether {@code edge} is a successful attempt of its actor ({@link #SUCCESS_MASK}). */
    public boolean edgeSucceeds(int edge) {
        return (labelProgress[edges.label(edge)] & SUCCESS_MASK) != 0;
    }

    /** Sites per actor of the success events: 1 + the largest site of a success edge (at least 1). */
    public int successSites() {
        return successSites;
    }

    /** The success event of {@code edge} ({@code actor * successSites() + site}), or -1. */
    public int edgeEvent(int edge) {
        int code = edges.label(edge);
        int site = (labelProgress[code] & SUCCESS_MASK) >>> SUCCESS_SHIFT;
        return site == 0 ? -1 : labelActor[code] * successSites + site - 1;
    }

    /** Success events possible in {@code node}: bit k set iff a success edge of event k leaves it. */
    public long succeedingEvents(int node) {
        if (!anyProgress) {
            return 0L;
        }
        long mask = 0L;
        for (int e = edgeStart.get(node), end = edgeStart.get(node + 1); e < end; e++) {
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
        for (int e = edgeStart.get(src), end = edgeStart.get(src + 1); e < end; e++) {
            if (edgeAction(e) == action && edges.dst(e) == dst) {
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
        return edgeStart.bytes() + edges.bytes() + nodeLabel.bytes()
                + (actionByEdge == null ? 0 : 4L * actionByEdge.length)
                + 13L * labelAction.length + 12L * codePending.length;
    }

    @Override
    public String toString() {
        return "StateGraph[nodes=" + nodeCount + ", edges=" + edgeCount + ", initial="
                + initialCount + ", actors=" + actorCount + ", bytes=" + memoryBytes() + "]";
    }
}
