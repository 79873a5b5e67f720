package tdxcheck.core.engine;

import java.util.ArrayList;
import java.util.List;
import tdxcheck.core.spi.Model;
import tdxcheck.core.property.PropertyKind;

/** Replays an action path through a model from an initial state, checking every action is enabled. */
public final class Replayer {
    private Replayer() {
    }

    /**
     * The state reached from initial state {@code initialIndex} by {@code actions}.
     *
     * @throws IllegalArgumentException if the initial index is out of range or an action is not
     *                                  enabled where it is taken (message names the step)
     */
    public static long[] replay(Model model, int initialIndex, int[] actions) {
        return walk(model, initialIndex, actions, null);
    }

    /**
     * The whole concrete trace from initial state {@code initialIndex} by {@code actions}: every
     * state on the way, each action checked to be enabled where it is taken.
     *
     * @throws IllegalArgumentException as {@link #replay}
     */
    public static Trace trace(Model model, PropertyKind kind, int initialIndex, int[] actions) {
        List<long[]> states = new ArrayList<>(actions.length + 1);
        walk(model, initialIndex, actions, states);
        return new Trace(kind, initialIndex, actions, states);
    }

    private static long[] walk(Model model, int initialIndex, int[] actions, List<long[]> states) {
        if (initialIndex < 0 || initialIndex >= model.initialStateCount()) {
            throw new IllegalArgumentException("initial state " + initialIndex + " out of range [0, "
                    + model.initialStateCount() + ")");
        }
        long[] state = new long[model.stateWords()];
        long[] next = new long[model.stateWords()];
        int[] enabled = new int[Math.max(1, model.maxEnabled())];
        model.initialState(initialIndex, state);
        if (states != null) {
            states.add(state.clone());
        }
        for (int step = 0; step < actions.length; step++) {
            int a = actions[step];
            int n = model.enabledActions(state, enabled);
            if (!contains(enabled, n, a)) {
                throw new IllegalArgumentException("step " + (step + 1) + ": action " + a
                        + " is not enabled (" + n + " enabled actions)");
            }
            model.next(state, a, next);
            if (states != null) {
                states.add(next.clone());
            }
            long[] t = state;
            state = next;
            next = t;
        }
        return state;
    }

    static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }
}
