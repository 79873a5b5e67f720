package tdxcheck.core.liveness;

import java.util.Arrays;
import tdxcheck.core.spi.Permutation;

/**
 * Collects the state graph from the engine ({@link GraphSink}) into a {@link StateGraph}.
 *
 * <p>Contract (checked, {@link IllegalStateException} when broken): nodes arrive in id order
 * 0, 1, 2, ...; edges arrive grouped by source in non-decreasing source order (an edge may name
 * a node that is reported later, but by {@link #build()} every source and destination must be
 * a reported node); at least {@code initialCount} nodes exist at build time. Arguments out of
 * range (negative ids, actor not below {@code actorCount}, negative action) throw
 * {@link IllegalArgumentException}. Arrays grow geometrically (x1.5) and are trimmed to exact
 * length by {@link #build()}; the edges and row starts are kept in the graph's compact form from
 * the start ({@link EdgeTargets}, {@link RowStarts}: the nodes that exist at the first edge are
 * its tree base). Not thread-safe: the engine serializes its calls.
 */
public final class StateGraphBuilder implements GraphSink {
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int actorCount;
    private final int initialCount;

    private int nodeCount;
    /** Node labels (pending mask, held-back actors) and edge labels, coded ({@link LabelTable}). */
    private LabelTable nodeLabels = new LabelTable();
    private CodeArray nodeCodes;

    private int edgeCount;
    private final int edgeCapacity;
    /** Null until the first edge (its tree base is the node count then). */
    private EdgeTargets edges;
    private LabelTable edgeLabels = new LabelTable();
    private int[] initialIndex = new int[0]; // per initial node: an initial state it stands for
    private int[] initialPerm = new int[0];
    private int initialNodes; // distinct initial nodes reported through initialState()
    private int maxDst = -1;

    /** Entries 0 .. lastSrc: the first edge of every node up to the last source. */
    private RowStarts edgeStart;
    private int lastSrc = -1;

    private boolean built;

    public StateGraphBuilder(int actorCount, int initialCount) {
        this(actorCount, initialCount, 1024, 4096);
    }

    /** With capacity hints (the arrays still grow past them). */
    public StateGraphBuilder(int actorCount, int initialCount, int expectedNodes, int expectedEdges) {
        if (actorCount < 1 || actorCount > StateGraph.MAX_ACTORS) {
            throw new IllegalArgumentException("actorCount must be in 1.." + StateGraph.MAX_ACTORS
                    + ", got " + actorCount);
        }
        if (initialCount < 0) {
            throw new IllegalArgumentException("initialCount must be >= 0, got " + initialCount);
        }
        if (expectedNodes < 0 || expectedEdges < 0) {
            throw new IllegalArgumentException("capacity hints must be >= 0");
        }
        this.actorCount = actorCount;
        this.initialCount = initialCount;
        int nodeCap = Math.max(16, expectedNodes);
        int edgeCap = Math.max(16, expectedEdges);
        nodeCodes = new CodeArray(nodeCap);
        edgeStart = new RowStarts(nodeCap + 1);
        edgeCapacity = edgeCap;
    }

    public int actorCount() {
        return actorCount;
    }

    public int initialCount() {
        return initialCount;
    }

    /** Nodes reported so far. */
    public int nodeCount() {
        return nodeCount;
    }

    /** Edges reported so far. */
    public int edgeCount() {
        return edgeCount;
    }

    @Override
    public void node(int id, int pendingMask) {
        node(id, pendingMask, 0L);
    }

    @Override
    public void node(int id, int pendingMask, long waitingActors) {
        checkOpen();
        if (id != nodeCount) {
            throw new IllegalStateException("node " + id + " reported out of order: expected id "
                    + nodeCount);
        }
        grow(nodeCount + 1);
        nodeCodes.add(nodeLabels.intern(pendingMask, waitingActors));
        nodeCount++;
    }

    @Override
    public void edge(int src, int dst, int actor, int action, int progressMask) {
        edge(src, dst, actor, action, progressMask, Permutation.IDENTITY);
    }

    @Override
    public void initialState(int index, int node, int perm) {
        checkOpen();
        if (index < 0 || node < 0) {
            throw new IllegalArgumentException("negative initial state " + index + " or node " + node);
        }
        if (node >= initialIndex.length) {
            int cap = Math.max(node + 1, initialIndex.length * 2);
            int old = initialIndex.length;
            initialIndex = Arrays.copyOf(initialIndex, cap);
            initialPerm = Arrays.copyOf(initialPerm, cap);
            Arrays.fill(initialIndex, old, cap, -1);
        }
        if (initialIndex[node] < 0) {
            initialIndex[node] = index;
            initialPerm[node] = perm;
        }
        initialNodes = Math.max(initialNodes, node + 1);
    }

    @Override
    public void edge(int src, int dst, int actor, int action, int progressMask, int perm) {
        checkOpen();
        if (src < 0 || dst < 0) {
            throw new IllegalArgumentException("negative node id in edge " + src + " -> " + dst);
        }
        if (actor < 0 || actor >= actorCount) {
            throw new IllegalArgumentException("actor " + actor + " out of range 0.."
                    + (actorCount - 1) + " in edge " + src + " -> " + dst);
        }
        if (action < 0) {
            throw new IllegalArgumentException("negative action " + action + " in edge " + src
                    + " -> " + dst);
        }
        if (src < lastSrc) {
            throw new IllegalStateException("edge " + src + " -> " + dst + " out of order: edges"
                    + " must be grouped by non-decreasing source, but source " + lastSrc
                    + " was already reported");
        }
        if (src > lastSrc) {
            grow(src + 2);
            startRowsUpTo(src);
            lastSrc = src;
        }
        grow(edgeCount + 1);
        if (edges == null) {
            edges = new EdgeTargets(nodeCount, edgeCapacity);
        }
        edges.add(dst, edgeLabels.intern(StateGraph.edgeKey1(action, progressMask), StateGraph.edgeKey2(actor, perm)));
        edgeCount++;
        if (dst > maxDst) {
            maxDst = dst;
        }
    }

    /**
     * The graph (arrays trimmed to exact length). The builder cannot be used afterwards.
     *
     * @throws IllegalStateException if an edge names a node never reported or fewer than
     *     {@code initialCount} nodes were reported
     */
    public StateGraph build() {
        checkOpen();
        int initial = initialNodes > 0 ? initialNodes : initialCount;
        if (initial > nodeCount) {
            throw new IllegalStateException("initialCount " + initial + " but only "
                    + nodeCount + " nodes were reported");
        }
        for (int v = 0; v < initialNodes; v++) {
            if (initialIndex[v] < 0) {
                throw new IllegalStateException("initial node " + v + " was not reported as an initial state");
            }
        }
        if (lastSrc >= nodeCount || maxDst >= nodeCount) {
            throw new IllegalStateException("an edge names node " + Math.max(lastSrc, maxDst)
                    + " but only " + nodeCount + " nodes were reported");
        }
        built = true;
        startRowsUpTo(nodeCount);
        edgeStart.trim();
        if (edges == null) {
            edges = new EdgeTargets(nodeCount, 0);
        }
        edges.trim();
        nodeCodes.trim();
        StateGraph graph = new StateGraph(actorCount, initial, edgeStart, edges, edgeLabels,
                new StateGraph.Coded(nodeLabels, nodeCodes),
                initialNodes > 0 ? Arrays.copyOf(initialIndex, initialNodes) : null,
                initialNodes > 0 ? Arrays.copyOf(initialPerm, initialNodes) : null);
        // release the growth arrays
        edgeStart = null;
        edges = null;
        nodeCodes = null;
        edgeLabels = null;
        nodeLabels = null;
        return graph;
    }

    /** Rows lastSrc + 1 .. {@code v} start at the current edge count (rows with no edges so far, then row v). */
    private void startRowsUpTo(int v) {
        for (int u = lastSrc + 1; u <= v; u++) {
            edgeStart.add(edgeCount);
        }
    }

    private void checkOpen() {
        if (built) {
            throw new IllegalStateException("graph already built");
        }
    }

    /** Checks that {@code needed} nodes fit in int-indexed arrays. */
    private static void grow(int needed) {
        grow(needed - 1, needed);
    }

    private static int grow(int current, int needed) {
        if (needed > MAX_ARRAY) {
            throw new IllegalStateException("state graph too large for int-indexed arrays");
        }
        long next = Math.max((long) needed, current + (current >> 1) + 16L);
        return (int) Math.min(next, MAX_ARRAY);
    }
}
