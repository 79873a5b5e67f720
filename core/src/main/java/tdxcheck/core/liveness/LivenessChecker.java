package tdxcheck.core.liveness;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.Objects;

/**
 * Finds fair cycles on which an operation stays pending forever, on a kept {@link StateGraph}.
 *
 * <p>A violation for operation {@code op} is a cycle reachable from an initial node such that
 * {@code op} is pending in every state of the cycle, no edge of the cycle is a progress edge for
 * {@code op}, and the cycle is fair ({@link Fairness}; an actor is enabled in a state iff the
 * state has an outgoing edge of that actor in the <em>full</em> graph).
 *
 * <p>Per operation: restrict the graph to the nodes where {@code op} is pending and the edges
 * between them that are not progress edges for {@code op}, and compute its SCCs with the
 * iterative {@link Tarjan}. A nontrivial SCC (more than one node, or a self-loop) holds a
 * weakly fair cycle iff every actor enabled at every node of the SCC has an edge inside it (the
 * cycle through all its nodes and edges is then fair; if such an actor has none, no cycle in
 * the SCC can be fair). For strong fairness an SCC where an actor is enabled somewhere but never
 * steps inside is refined: the nodes where such actors are enabled cannot lie on a fair cycle,
 * so they are deleted and the SCCs of the rest are recomputed (a worklist, no recursion); an
 * SCC where every actor enabled somewhere in it steps inside it holds a strongly fair cycle.
 * A refinement deletes every node where the offending actor is enabled, so an actor offends at
 * most once along a chain of refinements: O(actors * (V + E)) for strong fairness, O(V + E) per
 * operation for weak fairness and none.
 *
 * <p>Lasso: the shortest stem (BFS over the full graph from all initial nodes at once) to any
 * node of a fair SCC, then a cycle inside that SCC (restricted edges only) from the stem's last
 * node back to it, built by chaining shortest paths: one through an edge of each actor fairness
 * needs to see step (or, under weak fairness, through a node where that actor is disabled,
 * whichever is nearer), then back. The cycle's own fairness is re-checked and the walk extended
 * until it holds, so the reported cycle is fair by itself, not just its SCC.
 *
 * <p>Memory: 44 bytes per node on top of the graph (region labels, Tarjan, BFS arrays); no
 * boxing on graph-sized paths. An instance is not thread-safe; reuse it for several checks of
 * the same graph.
 */
public final class LivenessChecker {
    /** Operations are int bitmasks. */
    public static final int MAX_OPERATIONS = 32;

    /** region label: not pending / deleted / in no fair SCC. Fair SCC k gets {@code -2 - k}. */
    private static final int OUT = -1;
    private static final int UNSEEN = -2;
    private static final int ROOT = -1;

    private final StateGraph graph;
    private final int n;
    private final int[] region;
    private final Tarjan tarjan;
    private int[] bfsParent; // edge into a node; UNSEEN / ROOT; allocated on the first violation
    private int[] bfsQueue;
    private final IntArrayList workNodes = new IntArrayList();
    private final IntArrayList workSegments = new IntArrayList();

    public LivenessChecker(StateGraph graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.n = graph.nodeCount();
        this.region = new int[n];
        this.tarjan = new Tarjan(graph);
    }

    /** Checks operations {@code 0 .. operationCount-1} of {@code graph}. */
    public static LivenessResult check(StateGraph graph, Fairness fairness, int operationCount) {
        return new LivenessChecker(graph).check(fairness, operationCount);
    }

    /** Checks operations {@code 0 .. operationCount-1}. */
    public LivenessResult check(Fairness fairness, int operationCount) {
        Objects.requireNonNull(fairness, "fairness");
        if (operationCount < 0 || operationCount > MAX_OPERATIONS) {
            throw new IllegalArgumentException("operationCount must be in 0.." + MAX_OPERATIONS
                    + ", got " + operationCount);
        }
        if (fairness == Fairness.HW && operationCount > StateGraph.SUCCESS_SHIFT) {
            throw new IllegalArgumentException("fairness hw keeps bits 28..31 for success edges: at most "
                    + StateGraph.SUCCESS_SHIFT + " operations, got " + operationCount);
        }
        Lasso[] lassos = new Lasso[operationCount];
        Lasso[] found = new Lasso[operationCount];
        for (int op = 0; op < operationCount; op++) {
            found[op] = checkOperation(fairness, op);
            lassos[op] = found[op] == null ? null : minimize(found[op], fairness);
        }
        return new LivenessResult(fairness, lassos, 0, found);
    }

    /** {@link LassoMinimizer}: the shortest fair sub-cycle, then a shortest stem to it. */
    Lasso minimize(Lasso l, Fairness fairness) {
        int steps = l.stepCount();
        long[] enabled = new long[steps + 1];
        long[] succeeding = new long[steps + 1];
        int[] events = new int[steps];
        for (int i = 0; i <= steps; i++) {
            enabled[i] = graph.enabledActors(l.node(i));
            succeeding[i] = graph.succeedingEvents(l.node(i));
            if (i < steps) {
                events[i] = graph.edgeEvent(graph.findEdge(l.node(i), l.action(i), l.node(i + 1)));
            }
        }
        Lasso m = LassoMinimizer.minimize(new LassoMinimizer.Facts(l, enabled, succeeding, events), fairness).lasso();
        return LassoMinimizer.shortestStem(m, graph);
    }

    /** The lasso of a fair cycle on which {@code op} stays pending, or null if there is none. */
    public Lasso checkOperation(Fairness fairness, int op) {
        Objects.requireNonNull(fairness, "fairness");
        if (op < 0 || op >= MAX_OPERATIONS) {
            throw new IllegalArgumentException("operation must be in 0.." + (MAX_OPERATIONS - 1)
                    + ", got " + op);
        }
        final int bit = 1 << op;
        final StateGraph g = graph;
        Tarjan.EdgeFilter filter = g.hasProgressEdges()
                ? e -> (g.edgeProgress(e) & bit) == 0
                : Tarjan.EdgeFilter.ALL;
        if (markFairComponents(fairness, bit, filter) == 0) {
            return null;
        }
        ensureBfsArrays();
        IntArrayList stem = new IntArrayList();
        int start = stemToFairNode(stem);
        if (start < 0) {
            return null; // every fair SCC is unreachable
        }
        int cycleStart = stem.isEmpty() ? start : g.edgeDst(stem.getInt(stem.size() - 1));
        IntArrayList cycle = buildCycle(fairness, cycleStart, filter);
        return toLasso(start, stem, cycle);
    }

    // ---- fair SCCs -------------------------------------------------------------------------

    /**
     * Labels the nodes of every fair SCC k with {@code -2 - k} in {@link #region}, every other
     * node with {@link #OUT}. Returns the number of fair SCCs.
     */
    private int markFairComponents(Fairness fairness, int bit, Tarjan.EdgeFilter filter) {
        for (int v = 0; v < n; v++) {
            region[v] = (graph.pendingMask(v) & bit) != 0 ? 0 : OUT;
        }
        int fair;
        if (fairness == Fairness.STRONG || fairness == Fairness.HW) {
            fair = refineStrong(fairness, filter);
        } else {
            fair = 0;
            int count = tarjan.run(region, 0, filter);
            for (int c = 0; c < count; c++) {
                if (tarjan.isNontrivial(c) && (fairness == Fairness.NONE || weaklyFair(c, filter))) {
                    labelFair(c, fair++);
                }
            }
        }
        for (int v = 0; v < n; v++) {
            if (region[v] >= 0) {
                region[v] = OUT;
            }
        }
        return fair;
    }

    /** Every actor enabled at every node of component c has an edge inside c. */
    private boolean weaklyFair(int c, Tarjan.EdgeFilter filter) {
        int[] nodes = tarjan.componentNodeArray();
        long enabledEverywhere = -1L;
        long steps = 0L;
        for (int i = tarjan.componentStart(c), end = tarjan.componentEnd(c); i < end; i++) {
            int v = nodes[i];
            long enabled = graph.waitingActors(v);
            for (int e = graph.firstEdge(v), ee = graph.endEdge(v); e < ee; e++) {
                long a = 1L << graph.edgeActor(e);
                enabled |= a;
                if ((steps & a) == 0 && tarjan.componentOf(graph.edgeDst(e)) == c
                        && filter.allows(e)) {
                    steps |= a;
                }
            }
            enabledEverywhere &= enabled;
        }
        return (enabledEverywhere & ~steps) == 0;
    }

    /**
     * Streett-style refinement with a LIFO worklist of node sets (region ids 1, 2, ...): strong
     * fairness per actor, or (hw) strong fairness on success per actor with weak fairness per
     * actor checked on the components that need no refinement.
     */
    private int refineStrong(Fairness fairness, Tarjan.EdgeFilter filter) {
        workNodes.clear();
        workSegments.clear();
        int[] nextRegion = {1};
        tarjan.run(region, 0, filter);
        int fair = processStrong(fairness, 0, nextRegion, filter);
        while (!workSegments.isEmpty()) {
            int top = workSegments.size();
            int regionId = workSegments.getInt(top - 1);
            int to = workSegments.getInt(top - 2);
            int from = workSegments.getInt(top - 3);
            workSegments.size(top - 3);
            tarjan.run(region, regionId, workNodes.elements(), from, to, filter);
            workNodes.size(from); // the segment was on top; Tarjan keeps its own results
            fair = processStrong(fairness, fair, nextRegion, filter);
        }
        return fair;
    }

    /** Classifies the components of the last Tarjan run; returns the new fair SCC count. */
    private int processStrong(Fairness fairness, int fair, int[] nextRegion, Tarjan.EdgeFilter filter) {
        int[] nodes = tarjan.componentNodeArray();
        boolean hw = fairness == Fairness.HW;
        for (int c = 0, count = tarjan.componentCount(); c < count; c++) {
            if (!tarjan.isNontrivial(c)) {
                continue;
            }
            int from = tarjan.componentStart(c);
            int to = tarjan.componentEnd(c);
            long enabledSomewhere = 0L;
            long enabledEverywhere = -1L;
            long steps = 0L;
            long successSomewhere = 0L;
            long successSteps = 0L;
            for (int i = from; i < to; i++) {
                int v = nodes[i];
                long enabled = 0L;
                for (int e = graph.firstEdge(v), ee = graph.endEdge(v); e < ee; e++) {
                    long a = 1L << graph.edgeActor(e);
                    enabled |= a;
                    int ev = hw ? graph.edgeEvent(e) : -1;
                    long event = ev < 0 ? 0L : 1L << ev;
                    successSomewhere |= event;
                    if (((steps & a) == 0 || (successSteps & event) != event)
                            && tarjan.componentOf(graph.edgeDst(e)) == c && filter.allows(e)) {
                        steps |= a;
                        successSteps |= event;
                    }
                }
                enabled |= graph.waitingActors(v);
                enabledSomewhere |= enabled;
                enabledEverywhere &= enabled;
            }
            long bad = hw ? successSomewhere & ~successSteps : enabledSomewhere & ~steps;
            if (bad == 0) {
                if (!hw || (enabledEverywhere & ~steps) == 0) {
                    labelFair(c, fair++);
                }
                continue; // hw: an actor enabled everywhere never steps, no cycle here is weakly fair
            }
            // no fair cycle can visit a node where a bad actor is enabled (hw: could succeed)
            int regionId = nextRegion[0]++;
            int segmentStart = workNodes.size();
            for (int i = from; i < to; i++) {
                int v = nodes[i];
                long offends = hw ? graph.succeedingEvents(v) : graph.enabledActors(v);
                if ((offends & bad) != 0) {
                    region[v] = OUT;
                } else {
                    region[v] = regionId;
                    workNodes.add(v);
                }
            }
            if (workNodes.size() > segmentStart) {
                workSegments.add(segmentStart);
                workSegments.add(workNodes.size());
                workSegments.add(regionId);
            }
        }
        return fair;
    }

    private void labelFair(int c, int k) {
        int[] nodes = tarjan.componentNodeArray();
        int label = -2 - k;
        for (int i = tarjan.componentStart(c), end = tarjan.componentEnd(c); i < end; i++) {
            region[nodes[i]] = label;
        }
    }

    private static boolean isFairLabel(int label) {
        return label <= -2;
    }

    // ---- lasso -----------------------------------------------------------------------------

    private void ensureBfsArrays() {
        if (bfsParent == null) {
            bfsParent = new int[n];
            bfsQueue = new int[n];
            Arrays.fill(bfsParent, UNSEEN);
        }
    }

    /**
     * BFS over the full graph from all initial nodes (in id order) to the nearest node of a fair
     * SCC. Appends the stem's edges to {@code out} and returns its first node, or -1 if no fair
     * SCC is reachable.
     */
    private int stemToFairNode(IntArrayList out) {
        int[] parent = bfsParent;
        int[] queue = bfsQueue;
        int tail = 0;
        for (int v = 0, init = graph.initialCount(); v < init; v++) {
            parent[v] = ROOT;
            queue[tail++] = v;
        }
        int found = -1;
        for (int head = 0; head < tail; head++) {
            int u = queue[head];
            if (isFairLabel(region[u])) {
                found = u;
                break;
            }
            for (int e = graph.firstEdge(u), end = graph.endEdge(u); e < end; e++) {
                int w = graph.edgeDst(e);
                if (parent[w] == UNSEEN) {
                    parent[w] = e;
                    queue[tail++] = w;
                }
            }
        }
        int start = found < 0 ? -1 : appendPathTo(found, out);
        resetBfs(tail);
        return start;
    }

    /**
     * Appends the BFS tree path to {@code node} to {@code out}; returns the path's first node.
     */
    private int appendPathTo(int node, IntArrayList out) {
        int from = out.size();
        int x = node;
        while (bfsParent[x] >= 0) {
            int e = bfsParent[x];
            out.add(e);
            x = graph.edgeSource(e);
        }
        // reverse the appended part
        for (int i = from, j = out.size() - 1; i < j; i++, j--) {
            int t = out.getInt(i);
            out.set(i, out.getInt(j));
            out.set(j, t);
        }
        return x;
    }

    private void resetBfs(int tail) {
        for (int i = 0; i < tail; i++) {
            bfsParent[bfsQueue[i]] = UNSEEN;
        }
    }

    /**
     * A fair cycle from {@code s} back to {@code s} inside the fair SCC of {@code s}, using only
     * restricted edges (both ends in the SCC, not a progress edge for the operation).
     */
    private IntArrayList buildCycle(Fairness fairness, int s, Tarjan.EdgeFilter filter) {
        int label = region[s];
        IntArrayList cycle = new IntArrayList();
        int cur = s;
        FairnessDebt debt = new FairnessDebt(fairness, graph.enabledActors(s), graph.succeedingEvents(s));
        while (true) {
            if (debt.settled() && cur == s && !cycle.isEmpty()) {
                return cycle;
            }
            debt.nextRound("node " + s);
            int before = cycle.size();
            if (!debt.settled()) {
                cur = pathInside(cur, label, filter, debt.missing(), debt.missingSuccess(), debt.disabledGoal(), -1,
                        cycle);
            } else {
                cur = pathInside(cur, label, filter, 0L, 0L, 0L, s, cycle);
            }
            for (int i = before; i < cycle.size(); i++) {
                int e = cycle.getInt(i);
                int d = graph.edgeDst(e);
                debt.step(graph.edgeActor(e), graph.edgeEvent(e), graph.enabledActors(d), graph.succeedingEvents(d));
            }
        }
    }

    /**
     * Shortest path inside the SCC labelled {@code label} from {@code from} to the nearest goal:
     * an edge of an actor in {@code edgeGoal}, a success edge of an event in {@code successGoal},
     * an edge into {@code target} (if >= 0), or a node other than {@code from} where an actor in
     * {@code nodeGoal} is disabled. Appends the path (at least one edge) to {@code out}; returns
     * its last node.
     */
    private int pathInside(int from, int label, Tarjan.EdgeFilter filter, long edgeGoal, long successGoal,
            long nodeGoal, int target, IntArrayList out) {
        int[] parent = bfsParent;
        int[] queue = bfsQueue;
        parent[from] = ROOT;
        queue[0] = from;
        int tail = 1;
        int reachedNode = -1;
        int lastEdge = -1;
        search:
        for (int head = 0; head < tail; head++) {
            int u = queue[head];
            if (nodeGoal != 0 && u != from && (nodeGoal & ~graph.enabledActors(u)) != 0) {
                reachedNode = u;
                break;
            }
            for (int e = graph.firstEdge(u), end = graph.endEdge(u); e < end; e++) {
                int w = graph.edgeDst(e);
                if (region[w] != label || !filter.allows(e)) {
                    continue;
                }
                long a = 1L << graph.edgeActor(e);
                int ev = successGoal == 0 ? -1 : graph.edgeEvent(e);
                if ((edgeGoal & a) != 0 || w == target || (ev >= 0 && (successGoal & (1L << ev)) != 0)) {
                    reachedNode = u;
                    lastEdge = e;
                    break search;
                }
                if (parent[w] == UNSEEN) {
                    parent[w] = e;
                    queue[tail++] = w;
                }
            }
        }
        if (reachedNode < 0) {
            resetBfs(tail);
            throw new IllegalStateException("internal error: goal not reachable inside the fair"
                    + " SCC of node " + from);
        }
        appendPathTo(reachedNode, out);
        resetBfs(tail);
        if (lastEdge >= 0) {
            out.add(lastEdge);
            return graph.edgeDst(lastEdge);
        }
        return reachedNode;
    }

    private Lasso toLasso(int start, IntArrayList stem, IntArrayList cycle) {
        int steps = stem.size() + cycle.size();
        int[] nodes = new int[steps + 1];
        int[] actions = new int[steps];
        int[] actors = new int[steps];
        nodes[0] = start;
        for (int i = 0; i < steps; i++) {
            int e = i < stem.size() ? stem.getInt(i) : cycle.getInt(i - stem.size());
            actions[i] = graph.edgeAction(e);
            actors[i] = graph.edgeActor(e);
            nodes[i + 1] = graph.edgeDst(e);
        }
        return new Lasso(nodes, actions, actors, stem.size());
    }
}
