package tdxcheck.core.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import tdxcheck.core.property.PropertyKind;

/**
 * A concrete counterexample: initial-state index, the action ids taken, and every concrete state
 * on the way ({@code states().size() == length() + 1}). Replaying the actions from the initial
 * state through the model gives exactly these states (see {@link Replayer}).
 */
public final class Trace {
    private final PropertyKind kind;
    private final int initialIndex;
    private final int[] actions;
    private final List<long[]> states;

    public Trace(PropertyKind kind, int initialIndex, int[] actions, List<long[]> states) {
        if (states.size() != actions.length + 1) {
            throw new IllegalArgumentException("a trace of " + actions.length + " steps needs "
                    + (actions.length + 1) + " states, got " + states.size());
        }
        this.kind = kind;
        this.initialIndex = initialIndex;
        this.actions = actions.clone();
        List<long[]> copy = new ArrayList<>(states.size());
        for (long[] s : states) {
            copy.add(s.clone());
        }
        this.states = Collections.unmodifiableList(copy);
    }

    public PropertyKind kind() {
        return kind;
    }

    public int initialIndex() {
        return initialIndex;
    }

    /** Number of steps. */
    public int length() {
        return actions.length;
    }

    public int action(int step) {
        return actions[step];
    }

    public int[] actions() {
        return actions.clone();
    }

    /** Concrete state after {@code step} steps (0 = the initial state); do not modify. */
    public long[] state(int step) {
        return states.get(step);
    }

    public List<long[]> states() {
        return states;
    }

    public long[] finalState() {
        return states.get(actions.length);
    }

    @Override
    public String toString() {
        return kind + " trace from initial " + initialIndex + ": " + Arrays.toString(actions);
    }
}
