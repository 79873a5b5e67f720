package tdxcheck.core.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tdxcheck.core.property.Property;
import tdxcheck.core.property.StateInvariant;
import tdxcheck.core.property.TransitionCheck;
import tdxcheck.core.spi.Model;

/**
 * The dynamic check of a model's partial-order claims ({@link Model#isLocal}), for tests: over
 * every reachable concrete state (no symmetry, boxed states, no engine), every action the model
 * calls local is checked against what the reduction relies on: it is its actor's only enabled
 * action; against every enabled action {@code b} of another actor, both orders reach the same
 * state, neither disables the other (unless {@code b} ends the run in either order with the same
 * property values), the action is still local after {@code b}, and {@code b}'s transition checks
 * answer the same before and after it; every state invariant has the same value
 * before and after it and no transition check objects to it. Slow by design; small models only.
 */
public final class LocalActionCheck {
    /**
     * @param states        reachable states visited
     * @param localPairs    (state, local action) pairs checked
     * @param failures      one line per broken claim (at most {@value #MAX_FAILURES})
     */
    public record Report(int states, long localPairs, List<String> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    private static final int MAX_FAILURES = 20;

    private LocalActionCheck() {
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

    /** Checks every local claim of {@code m} against {@code properties}; stops exploring past {@code maxStates}. */
    public static Report check(Model m, List<? extends Property> properties, int maxStates) {
        List<StateInvariant> inv = new ArrayList<>();
        List<TransitionCheck> tc = new ArrayList<>();
        for (Property p : properties) {
            if (p instanceof StateInvariant s) {
                inv.add(s);
            } else if (p instanceof TransitionCheck t) {
                tc.add(t);
            }
        }
        List<String> failures = new ArrayList<>();
        Set<Key> seen = new HashSet<>();
        ArrayDeque<long[]> queue = new ArrayDeque<>();
        for (int i = 0; i < m.initialStateCount(); i++) {
            long[] s = new long[m.stateWords()];
            m.initialState(i, s);
            if (seen.add(new Key(s))) {
                queue.add(s);
            }
        }
        long pairs = 0;
        int[] en = new int[m.maxEnabled()];
        while (!queue.isEmpty() && seen.size() <= maxStates && failures.size() < MAX_FAILURES) {
            long[] s = queue.poll();
            int n = m.enabledActions(s, en);
            int[] enabled = Arrays.copyOf(en, n);
            for (int a : enabled) {
                long[] t = next(m, s, a);
                if (seen.add(new Key(t))) {
                    queue.add(t);
                }
                if (m.isLocal(s, a)) {
                    pairs++;
                    checkLocal(m, inv, tc, s, a, t, enabled, failures);
                }
            }
        }
        if (seen.size() > maxStates) {
            failures.add(m.name() + ": more than " + maxStates + " reachable states: not checked to the end");
        }
        return new Report(seen.size(), pairs, failures.subList(0, Math.min(failures.size(), MAX_FAILURES)));
    }

    private static void checkLocal(Model m, List<StateInvariant> inv, List<TransitionCheck> tc, long[] s, int a,
                                   long[] t, int[] enabled, List<String> failures) {
        String at = m.name() + ": " + m.actorName(m.actorOf(a)) + " action " + a + " in " + m.fields(s) + ": ";
        for (StateInvariant p : inv) {
            if (p.holds(s) != p.holds(t)) {
                failures.add(at + "visible to " + p.id());
            }
        }
        for (TransitionCheck p : tc) {
            if (!p.allowed(s, a, t)) {
                failures.add(at + p.id() + " objects to it");
            }
        }
        int[] enT = enabled(m, t);
        for (int b : enabled) {
            if (b == a) {
                continue;
            }
            if (m.actorOf(b) == m.actorOf(a)) {
                failures.add(at + "not its actor's only enabled action (also " + b + ")");
                continue;
            }
            String with = m.actorName(m.actorOf(b)) + " action " + b;
            long[] u = next(m, s, b);
            if (!contains(enT, b)) {
                failures.add(at + "disables " + with);
                continue;
            }
            if (!contains(enabled(m, u), a)) {
                // allowed only for a step that ends the run (e.g. kills the VM) in either order,
                // with the same property values: the reduced search reaches that end after a
                if (!endsAlike(m, inv, tc, s, b, u, t, next(m, t, b))) {
                    failures.add(at + "disabled by " + with);
                }
                continue;
            }
            if (!Arrays.equals(next(m, t, b), next(m, u, a))) {
                failures.add(at + "does not commute with " + with);
            }
            if (!m.isLocal(u, a)) {
                failures.add(at + "no longer local after " + with);
            }
            long[] tb = next(m, t, b);
            for (TransitionCheck p : tc) {
                if (p.allowed(s, b, u) != p.allowed(t, b, tb)) {
                    failures.add(at + "changes what " + p.id() + " says of " + with);
                }
            }
        }
    }

    /**
     * Whether {@code b} ends the run both from {@code s} (into {@code u}) and after the local step
     * (from {@code t} into {@code tb}): no action enabled in either, the same deadlock status,
     * every invariant and {@code b}'s transition checks answering the same.
     */
    private static boolean endsAlike(Model m, List<StateInvariant> inv, List<TransitionCheck> tc, long[] s, int b,
                                     long[] u, long[] t, long[] tb) {
        if (enabled(m, u).length != 0 || enabled(m, tb).length != 0 || deadlocked(m, u) != deadlocked(m, tb)) {
            return false;
        }
        for (StateInvariant p : inv) {
            if (p.holds(u) != p.holds(tb)) {
                return false;
            }
        }
        for (TransitionCheck p : tc) {
            if (p.allowed(s, b, u) != p.allowed(t, b, tb)) {
                return false;
            }
        }
        return true;
    }

    private static boolean deadlocked(Model m, long[] s) {
        for (int actor = 0; actor < m.actorCount(); actor++) {
            if (!m.isFinished(s, actor)) {
                return true;
            }
        }
        return false;
    }

    private static long[] next(Model m, long[] s, int a) {
        long[] out = new long[m.stateWords()];
        m.next(s, a, out);
        return out;
    }

    private static int[] enabled(Model m, long[] s) {
        int[] en = new int[m.maxEnabled()];
        return Arrays.copyOf(en, m.enabledActions(s, en));
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
