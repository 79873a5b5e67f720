package tdxcheck.model.tdx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tdxcheck.core.spi.Model;

/**
 * A deliberately simple breadth-first explorer for model tests, independent of the engine:
 * boxed states in a HashMap, parent links, shortest path to the first state or transition that
 * violates a predicate.
 */
final class ReferenceBfs {
    interface Bad {
        boolean test(long[] before, int action, long[] after);
    }

    record Found(List<Integer> actions, List<long[]> states) {
    }

    record Outcome(int states, long transitions, Found found) {
    }

    private record Key(long[] w) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(w, k.w);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(w);
        }
    }

    private ReferenceBfs() {
    }

    /** Every reachable concrete state of {@code m} (no symmetry), in BFS order. */
    static List<long[]> reachable(Model m) {
        Map<Key, Boolean> seen = new HashMap<>();
        List<long[]> order = new ArrayList<>();
        long[] init = new long[m.stateWords()];
        m.initialState(0, init);
        seen.put(new Key(init), Boolean.TRUE);
        order.add(init);
        int[] acts = new int[m.maxEnabled()];
        for (int i = 0; i < order.size(); i++) {
            long[] s = order.get(i);
            int n = m.enabledActions(s, acts);
            for (int k = 0; k < n; k++) {
                long[] t = new long[s.length];
                m.next(s, acts[k], t);
                if (seen.putIfAbsent(new Key(t), Boolean.TRUE) == null) {
                    order.add(t);
                }
            }
        }
        return order;
    }

    static Outcome run(Model m, Bad bad) {
        Map<Key, Key> parent = new HashMap<>();
        Map<Key, Integer> via = new HashMap<>();
        ArrayDeque<long[]> q = new ArrayDeque<>();
        long[] init = new long[m.stateWords()];
        m.initialState(0, init);
        parent.put(new Key(init), null);
        q.add(init);
        int[] acts = new int[m.maxEnabled()];
        long transitions = 0;
        while (!q.isEmpty()) {
            long[] s = q.poll();
            int n = m.enabledActions(s, acts);
            for (int i = 0; i < n; i++) {
                long[] t = new long[s.length];
                m.next(s, acts[i], t);
                transitions++;
                Key kt = new Key(t);
                boolean isNew = !parent.containsKey(kt);
                if (isNew) {
                    parent.put(kt, new Key(s));
                    via.put(kt, acts[i]);
                    q.add(t);
                }
                if (bad != null && bad.test(s, acts[i], t)) {
                    List<Integer> path = new ArrayList<>();
                    List<long[]> states = new ArrayList<>();
                    path.add(acts[i]);
                    states.add(t);
                    Key k = new Key(s);
                    while (parent.get(k) != null) {
                        path.add(0, via.get(k));
                        states.add(0, k.w());
                        k = parent.get(k);
                    }
                    states.add(0, k.w());
                    return new Outcome(parent.size(), transitions, new Found(path, states));
                }
            }
        }
        return new Outcome(parent.size(), transitions, null);
    }
}
