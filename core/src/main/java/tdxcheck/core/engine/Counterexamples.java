package tdxcheck.core.engine;

import tdxcheck.core.property.Property;
import tdxcheck.core.spi.Model;

/**
 * Counterexamples from an action path found by another explorer (the JPF mode): the path is one
 * of canonical states when the explorer used the model's symmetry, so it is made concrete and
 * checked the way the engine's own traces are ({@link TraceBuilder}), and summarised in the
 * engine's words ({@link Summary}).
 */
public final class Counterexamples {
    private Counterexamples() {
    }

    /**
     * The concrete trace of {@code canonicalActions} from initial state {@code initialIndex}; the
     * path must be valid (every action enabled where taken), else IllegalStateException or
     * IllegalArgumentException name the step.
     */
    public static Trace fromPath(Model model, boolean symmetry, int initialIndex, int[] canonicalActions,
                                 Property property) {
        long[] end = canonicalEnd(model, symmetry, initialIndex, canonicalActions);
        return TraceBuilder.concretize(model, symmetry, initialIndex, canonicalActions, end, property.kind());
    }

    /** The one-line summary the engine gives a violation with this trace. */
    public static String summary(Model model, Property property, Trace t) {
        return Summary.of(model, property, t);
    }

    private static long[] canonicalEnd(Model model, boolean symmetry, int initialIndex, int[] actions) {
        if (initialIndex < 0 || initialIndex >= model.initialStateCount()) {
            throw new IllegalArgumentException("initial state " + initialIndex + " out of range");
        }
        long[] s = new long[model.stateWords()];
        long[] t = new long[model.stateWords()];
        int[] enabled = new int[Math.max(1, model.maxEnabled())];
        model.initialState(initialIndex, s);
        if (symmetry) {
            model.canonicalize(s);
        }
        for (int step = 0; step < actions.length; step++) {
            int n = model.enabledActions(s, enabled);
            if (!Replayer.contains(enabled, n, actions[step])) {
                throw new IllegalArgumentException("step " + (step + 1) + ": action " + actions[step]
                        + " is not enabled");
            }
            model.next(s, actions[step], t);
            if (symmetry) {
                model.canonicalize(t);
            }
            long[] x = s;
            s = t;
            t = x;
        }
        return s;
    }
}
