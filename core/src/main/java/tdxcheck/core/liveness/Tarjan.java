package tdxcheck.core.liveness;

import java.util.Arrays;

/**
 * Iterative Tarjan strongly-connected-components over a {@link StateGraph}, restricted to a node
 * region and an edge filter. No recursion (graphs have millions of nodes): the depth-first
 * search keeps its own call stack in primitive arrays.
 *
 * <p>One instance is reusable: each {@code run} only visits nodes whose {@code region[v]}
 * equals the run's region id (all nodes when {@code region} is null) and follows edge {@code e}
 * from {@code v} to {@code w} only if {@code w} is in the region too and the filter allows
 * {@code e}. After a run, the components of the visited nodes are numbered
 * {@code 0 .. componentCount()-1} in completion order, which is a reverse topological order of
 * the condensation (a component is completed before any component that reaches it). A new run
 * resets only the nodes the previous run visited, so many small runs cost what they visit.
 *
 * <p>Memory: seven {@code int} arrays of the node count (28 bytes per node): a completed node's
 * component is kept in its preorder slot.
 */
public final class Tarjan {
    /** Which edges a run may follow. Must be side-effect free. */
    @FunctionalInterface
    public interface EdgeFilter {
        EdgeFilter ALL = edge -> true;

        boolean allows(int edge);
    }

    private final StateGraph graph;
    private final int n;
    /** index[] of a node not visited in this run; a completed node of component c holds -2 - c. */
    private static final int UNVISITED = -1;

    private final int[] index;     // preorder number while on the SCC stack; UNVISITED in this run;
                                   // -2 - component id once its component is complete
    private final int[] low;       // lowlink
    private final int[] sccStack;
    private final int[] callNode;  // DFS call stack: node
    private final int[] callEdge;  // DFS call stack: next edge of that node to look at
    private final int[] compNodes; // nodes grouped by component, in completion order
    private final int[] compStart; // component c = compNodes[compStart[c] .. compStart[c+1])
    private int compCount;
    private int visitedCount;

    private EdgeFilter lastFilter = EdgeFilter.ALL;
    private final int[] rowDst;    // a row's destinations, decoded at once (search, isNontrivial)

    public Tarjan(StateGraph graph) {
        this.graph = graph;
        this.n = graph.nodeCount();
        index = new int[n];
        low = new int[n];
        sccStack = new int[n];
        callNode = new int[n];
        callEdge = new int[n];
        compNodes = new int[n];
        compStart = new int[n + 1];
        rowDst = new int[graph.maxOutDegree()];
        Arrays.fill(index, -1);
    }

    public StateGraph graph() {
        return graph;
    }

    /** SCCs of the whole graph under {@code filter}; returns the component count. */
    public int run(EdgeFilter filter) {
        return run(null, 0, filter);
    }

    /**
     * SCCs of the nodes with {@code region[v] == regionId} (every node if {@code region} is
     * null), roots tried in id order. Returns the component count.
     */
    public int run(int[] region, int regionId, EdgeFilter filter) {
        begin(filter);
        for (int v = 0; v < n; v++) {
            if (index[v] == UNVISITED && (region == null || region[v] == regionId)) {
                search(v, region, regionId, filter);
            }
        }
        return compCount;
    }

    /**
     * SCCs of the part of the region reachable from {@code roots[from .. to)} (roots outside the
     * region are skipped), roots tried in the given order. Returns the component count. When the
     * roots are all the nodes of the region, this costs only what the region holds.
     */
    public int run(int[] region, int regionId, int[] roots, int from, int to, EdgeFilter filter) {
        begin(filter);
        for (int i = from; i < to; i++) {
            int v = roots[i];
            if (index[v] == UNVISITED && (region == null || region[v] == regionId)) {
                search(v, region, regionId, filter);
            }
        }
        return compCount;
    }

    private void begin(EdgeFilter filter) {
        for (int i = 0; i < visitedCount; i++) {
            int v = compNodes[i];
            index[v] = UNVISITED;
        }
        visitedCount = 0;
        compCount = 0;
        compStart[0] = 0;
        lastFilter = filter;
    }

    /** One depth-first search from {@code root}. */
    private void search(int root, int[] region, int regionId, EdgeFilter filter) {
        int sp = 0; // SCC stack size
        int cp = 0; // call stack size
        int counter = 0; // preorder numbers only compare within one search
        index[root] = counter;
        low[root] = counter;
        counter++;
        sccStack[sp++] = root;
        callNode[cp] = root;
        callEdge[cp] = graph.firstEdge(root);
        cp++;
        while (cp > 0) {
            int v = callNode[cp - 1];
            int e = callEdge[cp - 1];
            int end = graph.endEdge(v);
            int first = e;
            graph.edgeDsts(e, end, rowDst); // the rest of the row, decoded once per (re)entry
            boolean descended = false;
            while (e < end) {
                int w = rowDst[e - first];
                if ((region == null || region[w] == regionId) && filter.allows(e)) {
                    int iw = index[w];
                    if (iw == UNVISITED) {
                        callEdge[cp - 1] = e + 1;
                        index[w] = counter;
                        low[w] = counter;
                        counter++;
                        sccStack[sp++] = w;
                        callNode[cp] = w;
                        callEdge[cp] = graph.firstEdge(w);
                        cp++;
                        descended = true;
                        break;
                    }
                    if (iw >= 0 && iw < low[v]) {
                        low[v] = iw; // w is on the SCC stack (a completed node's index is negative)
                    }
                }
                e++;
            }
            if (descended) {
                continue;
            }
            cp--;
            if (low[v] == index[v]) {
                int c = compCount;
                int out = compStart[c];
                int w;
                do {
                    w = sccStack[--sp];
                    index[w] = -2 - c;
                    compNodes[out++] = w;
                } while (w != v);
                compCount = c + 1;
                compStart[c + 1] = out;
                visitedCount = out;
            }
            if (cp > 0) {
                int u = callNode[cp - 1];
                if (low[v] < low[u]) {
                    low[u] = low[v];
                }
            }
        }
    }

    /** Components found by the last run. */
    public int componentCount() {
        return compCount;
    }

    /** Nodes visited by the last run (the sum of the component sizes). */
    public int visitedCount() {
        return visitedCount;
    }

    /** Component of {@code node} in the last run, or -1 if the run did not visit it. */
    public int componentOf(int node) {
        int i = index[node];
        return i <= -2 ? -2 - i : -1;
    }

    public int componentSize(int c) {
        checkComponent(c);
        return compStart[c + 1] - compStart[c];
    }

    /** The {@code i}-th node of component {@code c}. */
    public int componentNode(int c, int i) {
        checkComponent(c);
        int size = compStart[c + 1] - compStart[c];
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("node " + i + " of component size " + size);
        }
        return compNodes[compStart[c] + i];
    }

    /** The nodes of component {@code c} (a copy). */
    public int[] componentNodes(int c) {
        checkComponent(c);
        return Arrays.copyOfRange(compNodes, compStart[c], compStart[c + 1]);
    }

    /**
     * Whether component {@code c} contains a cycle: more than one node, or one node with a
     * self-loop edge that the last run's filter allows.
     */
    public boolean isNontrivial(int c) {
        checkComponent(c);
        int from = compStart[c];
        if (compStart[c + 1] - from > 1) {
            return true;
        }
        int v = compNodes[from];
        graph.edgeDsts(v, rowDst);
        for (int e = graph.firstEdge(v), first = e, end = graph.endEdge(v); e < end; e++) {
            if (rowDst[e - first] == v && lastFilter.allows(e)) {
                return true;
            }
        }
        return false;
    }

    // package-private raw access for LivenessChecker (no copies on graph-sized paths)

    int componentStart(int c) {
        return compStart[c];
    }

    int componentEnd(int c) {
        return compStart[c + 1];
    }

    int[] componentNodeArray() {
        return compNodes;
    }

    private void checkComponent(int c) {
        if (c < 0 || c >= compCount) {
            throw new IndexOutOfBoundsException("component " + c + " of " + compCount);
        }
    }
}
