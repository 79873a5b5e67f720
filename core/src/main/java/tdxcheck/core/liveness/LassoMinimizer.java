package tdxcheck.core.liveness;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;

/**
 * Shortens a lasso that a liveness checker built by chaining shortest paths to its fairness goals.
 * Equal node ids in a lasso are equal concrete states (both checkers number them so), so:
 * <ul>
 *   <li><b>cycle</b>: where the cycle visits a state twice it is two cycles glued at that state;
 *   either one that is still fair by itself (under the same fairness, with the same per-state
 *   enabled actors and possible successes) is a counterexample too, since the operation is
 *   pending in all its states and none of its steps is progress. Repeated until no split is fair:
 *   the shortest fair cycle made of the found cycle's own steps;</li>
 *   <li><b>stem</b>: a rotation of a fair cycle is fair, so the stem stops at its first state
 *   that lies on the cycle, and the cycle is rotated to start there; with the state graph at hand
 *   ({@link #shortestStem}) the stem becomes a shortest path from any initial state to any state
 *   of the cycle (BFS over the whole graph).</li>
 * </ul>
 * Steps carry their per-position facts along: the enabled actors of the state a step leaves
 * (including actors held back by a momentary window), the success events possible there, and the
 * step's own success event (-1: none).
 */
public final class LassoMinimizer {
    private LassoMinimizer() {
    }

    /**
     * A lasso with the facts fairness needs about each of its states and steps.
     *
     * @param enabled    per state position (stepCount + 1): actors enabled there
     * @param succeeding per state position: success events possible there (hw)
     * @param events     per step: the step's success event, or -1
     */
    public record Facts(Lasso lasso, long[] enabled, long[] succeeding, int[] events) {
    }

    /** The shortest fair cycle made of the lasso's own cycle steps, with the stem cut at the cycle. */
    public static Facts minimize(Facts f, Fairness fairness) {
        Facts cur = cutStem(f);
        while (true) {
            Facts next = bestSplit(cur, fairness);
            if (next == null) {
                return cur;
            }
            cur = cutStem(next);
        }
    }

    /**
     * The stem replaced by a shortest path from an initial node of {@code g} to any state of the
     * cycle (the lasso's node ids must be {@code g}'s: the concrete checker's lassos), the cycle
     * rotated to start where it arrives.
     */
    public static Lasso shortestStem(Lasso l, StateGraph g) {
        int n = g.nodeCount();
        Int2IntOpenHashMap posInCycle = new Int2IntOpenHashMap();
        posInCycle.defaultReturnValue(-1);
        int[] nodes = l.nodes();
        for (int i = l.loopBackIndex(); i < l.stepCount(); i++) {
            posInCycle.putIfAbsent(nodes[i], i - l.loopBackIndex());
        }
        int[] parent = new int[n];
        java.util.Arrays.fill(parent, -2);
        int[] queue = new int[n];
        int tail = 0;
        for (int v = 0; v < g.initialCount(); v++) {
            parent[v] = -1;
            queue[tail++] = v;
        }
        int found = -1;
        for (int head = 0; head < tail && found < 0; head++) {
            int u = queue[head];
            if (posInCycle.get(u) >= 0) {
                found = u;
                break;
            }
            for (int e = g.firstEdge(u), end = g.endEdge(u); e < end; e++) {
                int w = g.edgeDst(e);
                if (parent[w] == -2) {
                    parent[w] = e;
                    queue[tail++] = w;
                }
            }
        }
        if (found < 0) {
            return l;
        }
        int stemLen = 0;
        for (int x = found; parent[x] >= 0; x = g.edgeSource(parent[x])) {
            stemLen++;
        }
        if (stemLen >= l.loopBackIndex()) {
            return l;
        }
        int cyc = l.cycleLength();
        int rot = posInCycle.get(found);
        int steps = stemLen + cyc;
        int[] outNodes = new int[steps + 1];
        int[] outActions = new int[steps];
        int[] outActors = new int[steps];
        int x = found;
        for (int i = stemLen - 1; i >= 0; i--) {
            int e = parent[x];
            outNodes[i + 1] = x;
            outActions[i] = g.edgeAction(e);
            outActors[i] = g.edgeActor(e);
            x = g.edgeSource(e);
        }
        outNodes[0] = x;
        int[] actions = l.stepActions();
        int[] actors = l.stepActors();
        for (int k = 0; k < cyc; k++) {
            int src = l.loopBackIndex() + (rot + k) % cyc;
            outActions[stemLen + k] = actions[src];
            outActors[stemLen + k] = actors[src];
            outNodes[stemLen + k + 1] = nodes[l.loopBackIndex() + (rot + k + 1) % cyc];
        }
        return new Lasso(outNodes, outActions, outActors, stemLen);
    }

    /** Cut the stem at its first state that is on the cycle; rotate the cycle to start there. */
    static Facts cutStem(Facts f) {
        Lasso l = f.lasso();
        int lb = l.loopBackIndex();
        int cyc = l.cycleLength();
        Int2IntOpenHashMap posInCycle = new Int2IntOpenHashMap();
        posInCycle.defaultReturnValue(-1);
        for (int i = lb; i < l.stepCount(); i++) {
            posInCycle.putIfAbsent(l.node(i), i - lb);
        }
        for (int s = 0; s < lb; s++) {
            int rot = posInCycle.get(l.node(s));
            if (rot >= 0) {
                int[] order = new int[s + cyc];
                for (int i = 0; i < s; i++) {
                    order[i] = i;
                }
                for (int k = 0; k < cyc; k++) {
                    order[s + k] = lb + (rot + k) % cyc;
                }
                return rebuild(f, order, s);
            }
        }
        return f;
    }

    /** Work budget of one split search (position visits), so that huge cycles stay linear. */
    private static final long SPLIT_BUDGET = 4_000_000L;

    /**
     * The shortest fair one of the two cycles at every repeated state of the cycle, or null.
     * Only states the cycle visits twice are split points (found by sorting positions by state).
     */
    private static Facts bestSplit(Facts f, Fairness fairness) {
        Lasso l = f.lasso();
        int lb = l.loopBackIndex();
        int end = l.stepCount();
        int len = l.cycleLength();
        long[] byNode = new long[len]; // (node, position) sorted: equal nodes adjacent
        for (int i = 0; i < len; i++) {
            byNode[i] = ((long) l.node(lb + i) << 32) | (lb + i);
        }
        java.util.Arrays.sort(byNode);
        int bestLen = len;
        int[] best = null;
        long work = 0;
        for (int a = 0; a < len && work < SPLIT_BUDGET; a++) {
            for (int b = a + 1; b < len && (byNode[b] >>> 32) == (byNode[a] >>> 32) && work < SPLIT_BUDGET; b++) {
                int i = (int) byNode[a];
                int j = (int) byNode[b];
                int inner = j - i;
                work += len;
                if (inner < bestLen && fair(f, fairness, positions(i, j))) {
                    bestLen = inner;
                    best = positions(i, j);
                }
                int outer = len - inner;
                if (outer > 0 && outer < bestLen) {
                    int[] o = new int[outer];
                    int k = 0;
                    for (int p = lb; p < i; p++) {
                        o[k++] = p;
                    }
                    for (int p = j; p < end; p++) {
                        o[k++] = p;
                    }
                    if (fair(f, fairness, o)) {
                        bestLen = outer;
                        best = o;
                    }
                }
            }
        }
        if (best == null) {
            return null;
        }
        int[] order = new int[lb + best.length];
        for (int i = 0; i < lb; i++) {
            order[i] = i;
        }
        // a cycle through positions i..j-1 not starting at the loop-back state: the stem walks the
        // old cycle up to its start (kept short by the next cutStem / shortestStem)
        int first = best[0];
        int k = lb;
        int[] longer = new int[lb + (first - lb) + best.length];
        System.arraycopy(order, 0, longer, 0, lb);
        for (int p = lb; p < first; p++) {
            longer[k++] = p;
        }
        for (int p : best) {
            longer[k++] = p;
        }
        return rebuild(f, longer, lb + (first - lb));
    }

    private static int[] positions(int from, int to) {
        int[] p = new int[to - from];
        for (int i = 0; i < p.length; i++) {
            p[i] = from + i;
        }
        return p;
    }

    /** Whether the cycle of the steps at {@code positions} (in order, closing) is fair by itself. */
    static boolean fair(Facts f, Fairness fairness, int[] positions) {
        Lasso l = f.lasso();
        long everywhere = -1L;
        long somewhere = 0L;
        long stepped = 0L;
        long successSomewhere = 0L;
        long succeeded = 0L;
        for (int p : positions) {
            everywhere &= f.enabled()[p];
            somewhere |= f.enabled()[p];
            successSomewhere |= f.succeeding()[p];
            stepped |= 1L << l.actor(p);
            if (f.events()[p] >= 0) {
                succeeded |= 1L << f.events()[p];
            }
        }
        return switch (fairness) {
            case NONE -> true;
            case WEAK -> (everywhere & ~stepped) == 0;
            case STRONG -> (somewhere & ~stepped) == 0;
            case HW -> (everywhere & ~stepped) == 0 && (successSomewhere & ~succeeded) == 0;
        };
    }

    /**
     * The lasso of the steps at {@code order} (step positions of {@code f}, consecutive in the
     * new lasso: each step starts where the previous one ended), the cycle from {@code loopBack}.
     */
    private static Facts rebuild(Facts f, int[] order, int loopBack) {
        Lasso l = f.lasso();
        int steps = order.length;
        int[] nodes = new int[steps + 1];
        int[] actions = new int[steps];
        int[] actors = new int[steps];
        long[] enabled = new long[steps + 1];
        long[] succeeding = new long[steps + 1];
        int[] events = new int[steps];
        for (int k = 0; k < steps; k++) {
            int p = order[k];
            nodes[k] = l.node(p);
            enabled[k] = f.enabled()[p];
            succeeding[k] = f.succeeding()[p];
            actions[k] = l.action(p);
            actors[k] = l.actor(p);
            events[k] = f.events()[p];
        }
        for (int k = 0; k < steps; k++) {
            int next = k + 1 < steps ? l.node(order[k + 1]) : nodes[loopBack];
            if (l.node(order[k] + 1) != next) {
                throw new IllegalStateException("internal error: minimised lasso does not chain at step " + k);
            }
        }
        nodes[steps] = nodes[loopBack];
        enabled[steps] = enabled[loopBack];
        succeeding[steps] = succeeding[loopBack];
        return new Facts(new Lasso(nodes, actions, actors, loopBack), enabled, succeeding, events);
    }
}
