package tdxcheck.core.liveness;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.Arrays;
import java.util.Objects;
import tdxcheck.core.spi.Permutation;

/**
 * Liveness on a symmetry-reduced state graph: the same verdicts as {@link LivenessChecker} on
 * the concrete graph, and lassos that are real paths of the concrete model.
 *
 * <h2>Why it is sound</h2>
 * Each edge {@code e: c -> d} of the quotient carries the permutation {@code pi(e)} that took the
 * real successor {@code next(c, a)} to its canonical form {@code d} (actor, action and progress
 * mask are in the frame of {@code c}). Operations and actors move with the permutation
 * ({@link Symmetry}). The checker works on the <em>tracked-operation product</em>: nodes
 * {@code (c, o)} with {@code o} pending in {@code c}, edges {@code (c, o) -> (d, pi(e)(o))} for
 * every edge that is not a progress edge for {@code o} and keeps it pending. This product is the
 * symmetry quotient of the concrete product "state x operation" that {@link LivenessChecker}
 * searches operation by operation, so:
 * <ul>
 *   <li>an SCC {@code S} of the product is the image of concrete SCCs that are images of each
 *   other under the symmetry, one of which, {@code C}, contains a given concrete node over
 *   {@code S}; all of them are fair or none is;</li>
 *   <li>a spanning tree of {@code S} from a base node gives every node {@code q} a frame
 *   {@code lambda(q)} (the permutation from {@code q}'s canonical frame to the concrete frame of
 *   a node of {@code C} over {@code q}); every edge of {@code S} then gives an element of the
 *   group {@code H} that maps {@code C} onto itself, and these generate {@code H};</li>
 *   <li>the concrete nodes of {@code C} over {@code q} are {@code h(lambda(q)(q))} for
 *   {@code h} in {@code H}, so per {@code H}-orbit {@code O} of actors: {@code O} is enabled
 *   at every node of {@code C} iff {@code O} is inside {@code lambda(q)(enabled(q))} for every
 *   {@code q}, and some actor of {@code O} steps in {@code C} iff some edge of {@code S} has its
 *   actor, mapped by {@code lambda}, in {@code O}. Weak fairness of {@code C} ("every actor
 *   enabled everywhere steps") and strong fairness ("every actor enabled somewhere steps", with
 *   the same refinement as {@link LivenessChecker}: delete the nodes where an offending orbit is
 *   enabled, which removes whole orbits of concrete nodes) are decided per orbit.</li>
 * </ul>
 * Violations are reported per concrete operation: if operation {@code o} can stay pending on a
 * reachable fair cycle, so can every image of {@code o} under the symmetry group (the initial
 * states are closed under it), so whole orbits of operations are violated together; the lasso is
 * built for one of them.
 *
 * <h2>Lasso</h2>
 * The shortest stem in the quotient to a node of a fair SCC is lifted edge by edge from the real
 * initial state (each step's action is mapped through the current frame). The cycle is built in
 * the lifted graph ({@code (product node, frame)} pairs, which are concrete nodes of {@code C}),
 * with the goal chaining of {@link LivenessChecker}: a path through an edge of every actor
 * fairness needs to see step (or a node where it is disabled), then a quotient path back to the
 * start node. That walk ends in {@code mu(x)} for the start state {@code x} and some permutation
 * {@code mu} that fixes the tracked operation; repeating it {@code order(mu)} times (the copies are
 * the walk mapped by {@code mu}, {@code mu^2}, ...) closes a concrete cycle. Its fairness follows
 * from the walk's: an actor enabled everywhere on the repeated cycle is enabled everywhere on the
 * walk, where it steps; an actor enabled somewhere on copy {@code k} is the image of one enabled
 * somewhere on the walk, which steps there, so it steps in copy {@code k}.
 *
 * <p>Lasso node ids: node 0 is the graph's initial node; other states are numbered from
 * {@code nodeCount()} in order of appearance, one id per (quotient node, frame) pair, so the
 * lasso closes on the same id as the concrete path closes on the same state.
 *
 * <p>Memory: one orbit of operations at a time (for no-busy-livelock: the faults, the entries, the
 * zap), the product graph (about 4 bytes per product edge: its destination and label,
 * {@link EdgeTargets}, and its quotient edge as a byte offset in the quotient row; 5 per product
 * node) and about 40 more bytes per product node (Tarjan, frames, regions). Not thread-safe.
 */
public final class QuotientLivenessChecker {

    /** How the symmetry acts on the model's actors and actions and the property's operations. */
    public interface Symmetry {
        /** Symmetry slots (at most {@link Permutation#MAX_SLOTS}). */
        int slots();

        /** Whether the symmetry group swaps slots {@code a} and {@code b}. */
        boolean interchangeable(int a, int b);

        int permuteActor(int actor, int p);

        int permuteAction(int action, int p);

        int permuteOperation(int op, int p);
    }

    private static final int OUT = -1;
    private static final int UNSEEN = -2;
    private static final int ROOT = -1;
    private static final int NO_PERM = 0; // not a permutation code: "no frame yet"

    private final StateGraph g;
    private final Symmetry sym;
    private final int actors;
    private final int[] offset;    // product nodes of quotient node c: offset[c] .. offset[c+1]
    private final int[] prodState; // product node -> quotient node
    private final byte[] prodOp;   // product node -> tracked operation (frame of its quotient node)
    private final StateGraph prod; // product edges
    /** Per product edge: its quotient edge, as the offset in its quotient node's row ({@link #quotientEdge}). */
    private final CodeArray viaOffset;
    private final int[] region;
    private final Tarjan tarjan;
    private final int[] frame;     // per product node: lambda (NO_PERM = unset), for the SCC at hand
    private final int[] queue;
    private final IntArrayList workNodes = new IntArrayList();
    private final IntArrayList workSegments = new IntArrayList();
    private final int[] uf;
    private final IntOpenHashSet seen = new IntOpenHashSet();
    /** hw: the orbits (base frame) that could succeed somewhere in the last component and never do. */
    private long badSuccess;
    private final int sites;
    /** The last lasso {@link #lasso} built, before minimisation. */
    private Lasso lastFound;

    /**
     * The tracked-operation product of {@code graph} for the operations in {@code operations} (a
     * bitmask; one orbit of operations at a time keeps the product small), with exact-size arrays.
     */
    public QuotientLivenessChecker(StateGraph graph, Symmetry symmetry, int operations) {
        this.g = Objects.requireNonNull(graph, "graph");
        this.sym = Objects.requireNonNull(symmetry, "symmetry");
        this.actors = graph.actorCount();
        int n = graph.nodeCount();
        offset = new int[n + 1];
        long total = 0;
        for (int c = 0; c < n; c++) {
            offset[c] = (int) total;
            total += Integer.bitCount(g.pendingMask(c) & operations);
            if (total > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("tracked-operation product too large for int ids");
            }
        }
        offset[n] = (int) total;
        int p = (int) total;
        prodState = new int[p];
        prodOp = new byte[p];
        // two passes over the quotient edges: count, then fill exact-size arrays
        int[] edgeStart = new int[p + 1];
        long edges = 0;
        StateGraph built = null;
        CodeArray via = null;
        for (int pass = 0; pass < 2; pass++) {
            int[] dst = pass == 0 ? null : new int[(int) edges];
            byte[] actor = pass == 0 ? null : new byte[(int) edges];
            int k = 0;
            int[] rowDst = new int[g.maxOutDegree()];
            for (int c = 0; c < n; c++) {
                int pending = g.pendingMask(c) & operations;
                int q = offset[c];
                if (pending != 0) {
                    g.edgeDsts(c, rowDst);
                }
                for (int bits = pending; bits != 0; bits &= bits - 1, q++) {
                    int o = Integer.numberOfTrailingZeros(bits);
                    if (pass == 0) {
                        prodState[q] = c;
                        prodOp[q] = (byte) o;
                        edgeStart[q] = (int) edges;
                    }
                    for (int e = g.firstEdge(c), first = e, end = g.endEdge(c); e < end; e++) {
                        int r = productTarget(e, rowDst[e - first], o, operations);
                        if (r < 0) {
                            continue;
                        }
                        if (pass == 0) {
                            if (++edges > Integer.MAX_VALUE - 16) {
                                throw new IllegalStateException("tracked-operation product has too many edges");
                            }
                        } else {
                            dst[k] = r;
                            via.add(e - first);
                            actor[k] = (byte) g.edgeActor(e);
                            k++;
                        }
                    }
                }
            }
            if (pass == 0) {
                edgeStart[p] = (int) edges;
                via = new CodeArray((int) edges);
            } else {
                int[] pendingAll = new int[p];
                Arrays.fill(pendingAll, 1);
                built = StateGraph.withoutActions(Math.max(1, actors), edgeStart, dst, actor, pendingAll);
                via.trim();
            }
        }
        prod = built;
        viaOffset = via;
        region = new int[p];
        tarjan = new Tarjan(prod);
        frame = new int[p];
        queue = new int[p];
        uf = new int[Math.max(1, actors)];
        sites = graph.successSites();
    }

    /** The quotient edge product edge {@code pe} (leaving product node {@code q}) comes from. */
    private int quotientEdge(int q, int pe) {
        return g.firstEdge(prodState[q]) + viaOffset.get(pe);
    }

    /** The same for a product edge alone (its source found by binary search: lasso steps only). */
    private int quotientEdge(int pe) {
        return quotientEdge(prod.edgeSource(pe), pe);
    }

    /**
     * The product node that edge {@code e} (to {@code d}) leads to from (its source, operation {@code o}), or -1
     * when the edge is a progress edge for {@code o} or {@code o} is not pending after it.
     */
    private int productTarget(int e, int d, int o, int operations) {
        if ((g.edgeProgress(e) & (1 << o)) != 0) {
            return -1;
        }
        int o2 = sym.permuteOperation(o, g.edgePerm(e));
        int pd = g.pendingMask(d) & operations;
        if ((pd & (1 << o2)) == 0) {
            return -1;
        }
        return offset[d] + Integer.bitCount(pd & ((1 << o2) - 1));
    }

    /**
     * Checks operations {@code 0 .. operationCount-1} of {@code graph}: one orbit of operations
     * (under the whole symmetry group) at a time.
     */
    public static LivenessResult check(StateGraph graph, Symmetry symmetry, Fairness fairness, int operationCount) {
        Objects.requireNonNull(fairness, "fairness");
        if (operationCount < 0 || operationCount > LivenessChecker.MAX_OPERATIONS) {
            throw new IllegalArgumentException("operationCount must be in 0.." + LivenessChecker.MAX_OPERATIONS
                    + ", got " + operationCount);
        }
        int[] orbitOf = operationOrbits(symmetry, operationCount);
        Lasso[] lassos = new Lasso[operationCount];
        Lasso[] unminimised = new Lasso[operationCount];
        int violated = 0;
        int done = 0;
        for (int op = 0; op < operationCount; op++) {
            int orbit = 0;
            for (int o = 0; o < operationCount; o++) {
                if (orbitOf[o] == orbitOf[op]) {
                    orbit |= 1 << o;
                }
            }
            if ((done & orbit) != 0) {
                continue;
            }
            done |= orbit;
            QuotientLivenessChecker c = new QuotientLivenessChecker(graph, symmetry, orbit);
            int[] found = {-1};
            Lasso l = c.fairLasso(fairness, found);
            if (l != null) {
                lassos[found[0]] = l;
                unminimised[found[0]] = c.lastFound;
                violated |= orbit;
            }
        }
        return new LivenessResult(fairness, lassos, violated, unminimised);
    }

    /** Product nodes (quotient node, pending operation): the size of the graph the SCC search runs on. */
    public int productNodeCount() {
        return prod.nodeCount();
    }

    public int productEdgeCount() {
        return prod.edgeCount();
    }

    /**
     * A lasso for one of this product's operations (its concrete id goes to {@code found[0]}), or
     * null when none of them can stay pending on a reachable fair cycle.
     */
    public Lasso fairLasso(Fairness fairness, int[] found) {
        Objects.requireNonNull(fairness, "fairness");
        if (prod.nodeCount() == 0 || markFairComponents(fairness) == 0) {
            return null;
        }
        return lasso(fairness, found);
    }

    // ---- operation orbits under the whole symmetry group ----------------------------------

    /** orbit id per operation: closure under the transpositions of interchangeable slots. */
    private static int[] operationOrbits(Symmetry sym, int ops) {
        int[] parent = new int[ops];
        for (int o = 0; o < ops; o++) {
            parent[o] = o;
        }
        int slots = sym.slots();
        for (int a = 0; a < slots; a++) {
            for (int b = a + 1; b < slots; b++) {
                if (sym.interchangeable(a, b)) {
                    int t = Permutation.swap(a, b);
                    for (int o = 0; o < ops; o++) {
                        union(parent, o, sym.permuteOperation(o, t));
                    }
                }
            }
        }
        for (int o = 0; o < ops; o++) {
            parent[o] = find(parent, o);
        }
        return parent;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    // ---- fair SCCs of the product ---------------------------------------------------------

    /** Labels the product nodes of fair SCC k with {@code -2 - k}, every other with OUT; returns the count. */
    private int markFairComponents(Fairness fairness) {
        Arrays.fill(region, 0);
        int fair = 0;
        if (fairness == Fairness.STRONG || fairness == Fairness.HW) {
            workNodes.clear();
            workSegments.clear();
            int[] nextRegion = {1};
            tarjan.run(region, 0, Tarjan.EdgeFilter.ALL);
            fair = processComponents(fairness, 0, nextRegion);
            while (!workSegments.isEmpty()) {
                int top = workSegments.size();
                int regionId = workSegments.getInt(top - 1);
                int to = workSegments.getInt(top - 2);
                int from = workSegments.getInt(top - 3);
                workSegments.size(top - 3);
                tarjan.run(region, regionId, workNodes.elements(), from, to, Tarjan.EdgeFilter.ALL);
                workNodes.size(from);
                fair = processComponents(fairness, fair, nextRegion);
            }
        } else {
            tarjan.run(region, 0, Tarjan.EdgeFilter.ALL);
            fair = processComponents(fairness, 0, null);
        }
        for (int q = 0; q < region.length; q++) {
            if (region[q] >= 0) {
                region[q] = OUT;
            }
        }
        return fair;
    }

    /** Classifies the components of the last Tarjan run; strong fairness queues refinements. */
    private int processComponents(Fairness fairness, int fair, int[] nextRegion) {
        int[] nodes = tarjan.componentNodeArray();
        for (int c = 0, count = tarjan.componentCount(); c < count; c++) {
            if (!tarjan.isNontrivial(c)) {
                continue;
            }
            int from = tarjan.componentStart(c);
            int to = tarjan.componentEnd(c);
            if (fairness == Fairness.NONE) {
                label(nodes, from, to, fair++);
                continue;
            }
            long bad = offendingActors(c, nodes, from, to, fairness);
            boolean hw = fairness == Fairness.HW;
            if (bad == 0 && (!hw || badSuccess == 0)) {
                label(nodes, from, to, fair++);
            } else if (fairness == Fairness.STRONG || (hw && badSuccess != 0)) {
                // hw: no fair cycle visits a node where an offending orbit could succeed
                long refine = hw ? badSuccess : bad;
                int regionId = nextRegion[0]++;
                int segmentStart = workNodes.size();
                for (int i = from; i < to; i++) {
                    int q = nodes[i];
                    long offends = hw ? frameEvents(g.succeedingEvents(prodState[q]), frame[q])
                            : frameMask(enabledActors(prodState[q]), frame[q]);
                    if ((offends & refine) != 0) {
                        region[q] = OUT;
                    } else {
                        region[q] = regionId;
                        workNodes.add(q);
                    }
                }
                if (workNodes.size() > segmentStart) {
                    workSegments.add(segmentStart);
                    workSegments.add(workNodes.size());
                    workSegments.add(regionId);
                }
            }
        }
        return fair;
    }

    private void label(int[] nodes, int from, int to, int k) {
        for (int i = from; i < to; i++) {
            region[nodes[i]] = -2 - k;
        }
    }

    /**
     * The actors (base frame of the component) that make the concrete SCC over component
     * {@code c} unfair: weak, the orbits enabled at every node that never step; strong, the
     * orbits enabled at some node that never step. Leaves every node's frame in {@link #frame}.
     */
    private long offendingActors(int c, int[] nodes, int from, int to, Fairness fairness) {
        for (int i = from; i < to; i++) {
            frame[nodes[i]] = NO_PERM;
        }
        // frames: BFS spanning tree from the component's first node
        int base = nodes[from];
        frame[base] = Permutation.IDENTITY;
        queue[0] = base;
        int tail = 1;
        for (int head = 0; head < tail; head++) {
            int q = queue[head];
            for (int e = prod.firstEdge(q), end = prod.endEdge(q); e < end; e++) {
                int r = prod.edgeDst(e);
                if (frame[r] == NO_PERM && tarjan.componentOf(r) == c) {
                    frame[r] = Permutation.compose(Permutation.inverse(g.edgePerm(quotientEdge(q, e))), frame[q]);
                    queue[tail++] = r;
                }
            }
        }
        // orbits of H (generated by the non-tree cycles), enabled and stepping actors in the base frame
        for (int a = 0; a < uf.length; a++) {
            uf[a] = a;
        }
        seen.clear();
        long everywhere = -1L;
        long somewhere = 0L;
        long steps = 0L;
        long successSomewhere = 0L;
        long successSteps = 0L;
        boolean hw = fairness == Fairness.HW;
        for (int i = from; i < to; i++) {
            int q = nodes[i];
            int lq = frame[q];
            long en = frameMask(enabledActors(prodState[q]), lq);
            everywhere &= en;
            somewhere |= en;
            if (hw) {
                successSomewhere |= frameEvents(g.succeedingEvents(prodState[q]), lq);
            }
            for (int e = prod.firstEdge(q), end = prod.endEdge(q); e < end; e++) {
                int r = prod.edgeDst(e);
                if (tarjan.componentOf(r) != c) {
                    continue;
                }
                int ge = quotientEdge(q, e);
                long stepper = 1L << sym.permuteActor(g.edgeActor(ge), lq);
                steps |= stepper;
                int ev = hw ? g.edgeEvent(ge) : -1;
                if (ev >= 0) {
                    successSteps |= 1L << frameEvent(ev, lq);
                }
                int predicted = Permutation.compose(Permutation.inverse(g.edgePerm(ge)), lq);
                int h = Permutation.compose(Permutation.inverse(frame[r]), predicted);
                if (h != Permutation.IDENTITY && seen.add(h)) {
                    for (int a = 0; a < actors; a++) {
                        union(uf, a, sym.permuteActor(a, h));
                    }
                }
            }
        }
        long[] orbit = new long[actors];
        for (int a = 0; a < actors; a++) {
            orbit[find(uf, a)] |= 1L << a;
        }
        long bad = 0L;
        badSuccess = 0L;
        for (int a = 0; a < actors; a++) {
            long o = orbit[a];
            if (o == 0) {
                continue;
            }
            for (int site = 0; hw && site < sites; site++) {
                long events = 0L; // the orbit's actors at this attempt site
                for (long bits = o; bits != 0; bits &= bits - 1) {
                    events |= 1L << (Long.numberOfTrailingZeros(bits) * sites + site);
                }
                if ((events & successSteps) == 0 && (events & successSomewhere) != 0) {
                    badSuccess |= events;
                }
            }
            if ((o & steps) != 0) {
                continue;
            }
            boolean offends = fairness == Fairness.STRONG ? (o & somewhere) != 0 : (o & ~everywhere) == 0;
            if (offends) {
                bad |= o;
            }
        }
        return bad;
    }

    private long enabledActors(int c) {
        return g.enabledActors(c);
    }

    /** {@code mask} of actors mapped through permutation {@code p}. */
    private long frameMask(long mask, int p) {
        if (p == Permutation.IDENTITY) {
            return mask;
        }
        long out = 0L;
        for (long bits = mask; bits != 0; bits &= bits - 1) {
            out |= 1L << sym.permuteActor(Long.numberOfTrailingZeros(bits), p);
        }
        return out;
    }

    /** Success event {@code ev} (actor * sites + site) with its actor mapped through {@code p}. */
    private int frameEvent(int ev, int p) {
        return sym.permuteActor(ev / sites, p) * sites + ev % sites;
    }

    /** A mask of success events mapped through permutation {@code p}. */
    private long frameEvents(long mask, int p) {
        if (p == Permutation.IDENTITY) {
            return mask;
        }
        long out = 0L;
        for (long bits = mask; bits != 0; bits &= bits - 1) {
            out |= 1L << frameEvent(Long.numberOfTrailingZeros(bits), p);
        }
        return out;
    }

    // ---- lasso ----------------------------------------------------------------------------

    /** One step of a lifted walk: a product edge taken from a node whose frame is {@code frame}. */
    private record Step(int prodEdge, int frame) {
    }

    /**
     * The lasso for some operation of this product (its id in the concrete frame written to
     * {@code found[0]}), or null if no fair SCC is reachable.
     */
    private Lasso lasso(Fairness fairness, int[] found) {
        int n = g.nodeCount();
        int[] parent = new int[n];
        Arrays.fill(parent, UNSEEN);
        int[] q = new int[n];
        int tail = 0;
        for (int v = 0, init = g.initialCount(); v < init; v++) {
            parent[v] = ROOT;
            q[tail++] = v;
        }
        int target = -1;
        int start = -1;
        for (int head = 0; head < tail && target < 0; head++) {
            int c = q[head];
            for (int p = offset[c]; p < offset[c + 1]; p++) {
                if (region[p] <= -2) {
                    target = p;
                    break;
                }
            }
            if (target >= 0) {
                start = c;
                break;
            }
            for (int e = g.firstEdge(c), end = g.endEdge(c); e < end; e++) {
                int d = g.edgeDst(e);
                if (parent[d] == UNSEEN) {
                    parent[d] = e;
                    q[tail++] = d;
                }
            }
        }
        if (target < 0) {
            return null;
        }
        IntArrayList stem = new IntArrayList();
        int x = start;
        while (parent[x] >= 0) {
            stem.add(parent[x]);
            x = g.edgeSource(parent[x]);
        }
        int init = x;
        for (int i = 0, j = stem.size() - 1; i < j; i++, j--) {
            int t = stem.getInt(i);
            stem.set(i, stem.getInt(j));
            stem.set(j, t);
        }
        // lift the stem
        int tau = Permutation.inverse(g.initialPerm(init));
        IntArrayList actions = new IntArrayList();
        IntArrayList actorsOut = new IntArrayList();
        IntArrayList nodeKeysState = new IntArrayList();
        IntArrayList nodeKeysFrame = new IntArrayList();
        IntArrayList stepEdge = new IntArrayList(); // the quotient edge of every step
        nodeKeysState.add(init);
        nodeKeysFrame.add(tau);
        for (int i = 0; i < stem.size(); i++) {
            int e = stem.getInt(i);
            actions.add(sym.permuteAction(g.edgeAction(e), tau));
            actorsOut.add(sym.permuteActor(g.edgeActor(e), tau));
            stepEdge.add(e);
            tau = Permutation.compose(Permutation.inverse(g.edgePerm(e)), tau);
            nodeKeysState.add(g.edgeDst(e));
            nodeKeysFrame.add(tau);
        }
        int tau0 = tau;
        found[0] = sym.permuteOperation(prodOp[target], tau0);
        // the cycle's walk in the lifted graph, then repeated until the frame comes back
        java.util.List<Step> walk = buildWalk(fairness, target, tau0);
        int end = walk.isEmpty() ? tau0 : after(walk.get(walk.size() - 1));
        int mu = Permutation.compose(Permutation.inverse(tau0), end);
        int copies = Permutation.order(mu);
        int muK = Permutation.IDENTITY;
        for (int k = 0; k < copies; k++) {
            for (Step s : walk) {
                int f = Permutation.compose(s.frame(), muK);
                int ge = quotientEdge(s.prodEdge());
                actions.add(sym.permuteAction(g.edgeAction(ge), f));
                actorsOut.add(sym.permuteActor(g.edgeActor(ge), f));
                stepEdge.add(ge);
                nodeKeysState.add(g.edgeDst(ge));
                nodeKeysFrame.add(Permutation.compose(Permutation.inverse(g.edgePerm(ge)), f));
            }
            muK = Permutation.compose(muK, mu);
        }
        // node ids: the initial node keeps its id, other (state, frame) pairs count from nodeCount
        Long2IntOpenHashMap ids = new Long2IntOpenHashMap();
        ids.defaultReturnValue(-1);
        ids.put(key(init, Permutation.inverse(g.initialPerm(init))), init);
        int[] nodes = new int[nodeKeysState.size()];
        for (int i = 0; i < nodes.length; i++) {
            long k = key(nodeKeysState.getInt(i), nodeKeysFrame.getInt(i));
            int id = ids.get(k);
            if (id < 0) {
                id = n + ids.size() - 1;
                ids.put(k, id);
            }
            nodes[i] = id;
        }
        Lasso raw = new Lasso(nodes, actions.toIntArray(), actorsOut.toIntArray(), stem.size());
        lastFound = raw;
        long[] enabled = new long[nodes.length];
        long[] succeeding = new long[nodes.length];
        int[] events = new int[nodes.length - 1];
        for (int i = 0; i < nodes.length; i++) {
            int c = nodeKeysState.getInt(i);
            int f = nodeKeysFrame.getInt(i);
            enabled[i] = frameMask(enabledActors(c), f);
            succeeding[i] = frameEvents(g.succeedingEvents(c), f);
            if (i < events.length) {
                int ev = g.edgeEvent(stepEdge.getInt(i));
                events[i] = ev < 0 ? -1 : frameEvent(ev, f);
            }
        }
        return LassoMinimizer.minimize(new LassoMinimizer.Facts(raw, enabled, succeeding, events), fairness).lasso();
    }

    private static long key(int state, int frame) {
        return ((long) state << 32) | (frame & 0xFFFFFFFFL);
    }

    /** The frame after a step. */
    private int after(Step s) {
        return Permutation.compose(Permutation.inverse(g.edgePerm(quotientEdge(s.prodEdge()))), s.frame());
    }

    /** Concrete actors enabled at lifted node (product node {@code p}, frame {@code f}). */
    private long concreteEnabled(int p, int f) {
        return frameMask(enabledActors(prodState[p]), f);
    }

    /** Concrete actors whose attempt would succeed at lifted node (product node {@code p}, frame {@code f}). */
    private long concreteSucceeding(int p, int f) {
        return frameEvents(g.succeedingEvents(prodState[p]), f);
    }

    /**
     * A walk in the lifted fair SCC from {@code (s, tau0)} back to a node over {@code s} that
     * satisfies the fairness goals (see the class comment).
     */
    private java.util.List<Step> buildWalk(Fairness fairness, int s, int tau0) {
        int label = region[s];
        java.util.List<Step> walk = new java.util.ArrayList<>();
        int cur = s;
        int curFrame = tau0;
        FairnessDebt debt = new FairnessDebt(fairness, concreteEnabled(s, tau0), concreteSucceeding(s, tau0));
        while (true) {
            if (debt.settled() && cur == s && !walk.isEmpty()) {
                return walk;
            }
            debt.nextRound("product node " + s);
            int before = walk.size();
            if (!debt.settled()) {
                liftedPath(cur, curFrame, label, debt.missing(), debt.missingSuccess(), debt.disabledGoal(), walk);
            } else {
                quotientPathBack(cur, curFrame, s, label, walk);
            }
            for (int i = before; i < walk.size(); i++) {
                Step st = walk.get(i);
                int ge = quotientEdge(st.prodEdge());
                int ev = g.edgeEvent(ge);
                debt.step(sym.permuteActor(g.edgeActor(ge), st.frame()), ev < 0 ? -1 : frameEvent(ev, st.frame()),
                        concreteEnabled(prod.edgeDst(st.prodEdge()), after(st)),
                        concreteSucceeding(prod.edgeDst(st.prodEdge()), after(st)));
            }
            Step last = walk.get(walk.size() - 1);
            cur = prod.edgeDst(last.prodEdge());
            curFrame = after(last);
        }
    }

    /**
     * Shortest path in the lifted graph, inside fair SCC {@code label}, from (from, frame) to the
     * nearest goal: an edge whose concrete actor is in {@code edgeGoal}, a success edge whose concrete
     * event (actor, site) is in {@code successGoal}, or a node other than the
     * start where an actor of {@code nodeGoal} is disabled. Appends it (at least one step, unless
     * the goal is a node reached by the path) to {@code out}.
     */
    private void liftedPath(int from, int fromFrame, int label, long edgeGoal, long successGoal, long nodeGoal,
                            java.util.List<Step> out) {
        Long2IntOpenHashMap index = new Long2IntOpenHashMap();
        index.defaultReturnValue(-1);
        IntArrayList nodeP = new IntArrayList();
        IntArrayList nodeF = new IntArrayList();
        IntArrayList parentIdx = new IntArrayList();
        IntArrayList parentEdge = new IntArrayList();
        index.put(key(from, fromFrame), 0);
        nodeP.add(from);
        nodeF.add(fromFrame);
        parentIdx.add(-1);
        parentEdge.add(-1);
        int reached = -1;
        int lastEdge = -1;
        search:
        for (int head = 0; head < nodeP.size(); head++) {
            int p = nodeP.getInt(head);
            int f = nodeF.getInt(head);
            if (nodeGoal != 0 && head != 0 && (nodeGoal & ~concreteEnabled(p, f)) != 0) {
                reached = head;
                break;
            }
            for (int e = prod.firstEdge(p), end = prod.endEdge(p); e < end; e++) {
                int r = prod.edgeDst(e);
                if (region[r] != label) {
                    continue;
                }
                int ge = quotientEdge(p, e);
                long a = 1L << sym.permuteActor(g.edgeActor(ge), f);
                int ev = successGoal == 0 ? -1 : g.edgeEvent(ge);
                if ((edgeGoal & a) != 0 || (ev >= 0 && (successGoal & (1L << frameEvent(ev, f))) != 0)) {
                    reached = head;
                    lastEdge = e;
                    break search;
                }
                int f2 = Permutation.compose(Permutation.inverse(g.edgePerm(ge)), f);
                long k = key(r, f2);
                if (index.get(k) < 0) {
                    index.put(k, nodeP.size());
                    nodeP.add(r);
                    nodeF.add(f2);
                    parentIdx.add(head);
                    parentEdge.add(e);
                }
            }
        }
        if (reached < 0) {
            throw new IllegalStateException("internal error: fairness goal not reachable in the lifted SCC of "
                    + "product node " + from);
        }
        int before = out.size();
        for (int i = reached; parentIdx.getInt(i) >= 0; i = parentIdx.getInt(i)) {
            out.add(before, new Step(parentEdge.getInt(i), nodeF.getInt(parentIdx.getInt(i))));
        }
        if (lastEdge >= 0) {
            out.add(new Step(lastEdge, nodeF.getInt(reached)));
        }
    }

    /** Shortest product path inside fair SCC {@code label} from {@code from} to {@code target} (at least one edge), lifted. */
    private void quotientPathBack(int from, int fromFrame, int target, int label, java.util.List<Step> out) {
        int[] parent = new int[prod.nodeCount()];
        Arrays.fill(parent, UNSEEN);
        IntArrayList q = new IntArrayList();
        parent[from] = ROOT;
        q.add(from);
        int lastEdge = -1;
        int reached = -1;
        search:
        for (int head = 0; head < q.size(); head++) {
            int u = q.getInt(head);
            for (int e = prod.firstEdge(u), end = prod.endEdge(u); e < end; e++) {
                int w = prod.edgeDst(e);
                if (region[w] != label) {
                    continue;
                }
                if (w == target) {
                    reached = u;
                    lastEdge = e;
                    break search;
                }
                if (parent[w] == UNSEEN) {
                    parent[w] = e;
                    q.add(w);
                }
            }
        }
        if (lastEdge < 0) {
            throw new IllegalStateException("internal error: product node " + target + " not reachable inside its SCC");
        }
        IntArrayList edges = new IntArrayList();
        edges.add(lastEdge);
        for (int x = reached; parent[x] >= 0; x = prod.edgeSource(parent[x])) {
            edges.add(parent[x]);
        }
        int f = fromFrame;
        for (int i = edges.size() - 1; i >= 0; i--) {
            Step s = new Step(edges.getInt(i), f);
            out.add(s);
            f = after(s);
        }
    }
}
