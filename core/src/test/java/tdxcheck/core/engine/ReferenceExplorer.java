package tdxcheck.core.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tdxcheck.core.spi.Model;
import tdxcheck.core.property.StateInvariant;

/**
 * A deliberately naive explorer, independent of the engine: boxed states in a HashMap, plain
 * BFS. It is the oracle the engine's counts, distances and violations are checked against.
 */
final class ReferenceExplorer {
    /** What the reference computed. {@code distance}: BFS distance of every reachable state. */
    record Ref(long distinct, long transitions, Map<List<Long>, Integer> distance, List<List<Long>> order,
               Set<List<Long>> deadlocks) {
        int maxDepth() {
            int d = 0;
            for (int v : distance.values()) {
                d = Math.max(d, v);
            }
            return d;
        }

        /** Shortest distance to a state breaking {@code inv}, or -1. */
        int distanceTo(StateInvariant inv) {
            int best = -1;
            for (Map.Entry<List<Long>, Integer> e : distance.entrySet()) {
                if (!inv.holds(unbox(e.getKey())) && (best < 0 || e.getValue() < best)) {
                    best = e.getValue();
                }
            }
            return best;
        }

        long violating(StateInvariant inv) {
            long n = 0;
            for (List<Long> s : distance.keySet()) {
                if (!inv.holds(unbox(s))) {
                    n++;
                }
            }
            return n;
        }

        int deadlockDistance() {
            int best = -1;
            for (List<Long> s : deadlocks) {
                int d = distance.get(s);
                if (best < 0 || d < best) {
                    best = d;
                }
            }
            return best;
        }
    }

    private ReferenceExplorer() {
    }

    static List<Long> box(long[] s) {
        List<Long> l = new ArrayList<>(s.length);
        for (long v : s) {
            l.add(v);
        }
        return l;
    }

    static long[] unbox(List<Long> l) {
        long[] s = new long[l.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = l.get(i);
        }
        return s;
    }

    /** Explores {@code m}; with {@code canonical}, every state is canonicalised (the quotient graph). */
    static Ref explore(Model m, boolean canonical) {
        Map<List<Long>, Integer> dist = new HashMap<>();
        List<List<Long>> order = new ArrayList<>();
        Set<List<Long>> deadlocks = new HashSet<>();
        ArrayDeque<List<Long>> queue = new ArrayDeque<>();
        for (int i = 0; i < m.initialStateCount(); i++) {
            long[] s = new long[m.stateWords()];
            m.initialState(i, s);
            if (canonical) {
                m.canonicalize(s);
            }
            List<Long> key = box(s);
            if (!dist.containsKey(key)) {
                dist.put(key, 0);
                order.add(key);
                queue.add(key);
            }
        }
        long transitions = 0;
        int[] en = new int[Math.max(1, m.maxEnabled())];
        while (!queue.isEmpty()) {
            List<Long> key = queue.poll();
            long[] s = unbox(key);
            int n = m.enabledActions(s, en);
            if (n == 0) {
                for (int a = 0; a < m.actorCount(); a++) {
                    if (!m.isFinished(s, a)) {
                        deadlocks.add(key);
                        break;
                    }
                }
            }
            for (int k = 0; k < n; k++) {
                long[] t = new long[m.stateWords()];
                m.next(s, en[k], t);
                if (canonical) {
                    m.canonicalize(t);
                }
                transitions++;
                List<Long> tk = box(t);
                if (!dist.containsKey(tk)) {
                    dist.put(tk, dist.get(key) + 1);
                    order.add(tk);
                    queue.add(tk);
                }
            }
        }
        return new Ref(dist.size(), transitions, dist, order, deadlocks);
    }
}
