package tdxcheck.core.liveness;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * A liveness counterexample: a stem from an initial state followed by a cycle, as a path of
 * real edges of the state graph.
 *
 * <p>{@code nodes[0]} is an initial state; step {@code i} (0-based, {@code 0 <= i <
 * stepCount()}) goes from {@code nodes[i]} to {@code nodes[i+1]} by {@code stepActions[i]} of
 * actor {@code stepActors[i]}. The first {@code loopBackIndex} steps are the stem; the remaining
 * steps are the cycle, which starts and ends in {@code nodes[loopBackIndex]}: after the last step
 * the system is again in the state it was in after step {@code loopBackIndex} (1-based: "back to
 * step k" with k = loopBackIndex, k = 0 meaning the initial state). The cycle has at least one
 * step (a self-loop is a one-step cycle).
 *
 * <p>Arrays are copied in and out; the record is immutable.
 */
public record Lasso(int[] nodes, int[] stepActions, int[] stepActors, int loopBackIndex) {

    public Lasso {
        if (nodes == null || stepActions == null || stepActors == null) {
            throw new IllegalArgumentException("null array");
        }
        int steps = stepActions.length;
        if (stepActors.length != steps || nodes.length != steps + 1) {
            throw new IllegalArgumentException("need steps+1 nodes and one action and actor per"
                    + " step: nodes=" + nodes.length + ", actions=" + steps + ", actors="
                    + stepActors.length);
        }
        if (loopBackIndex < 0 || loopBackIndex >= steps) {
            throw new IllegalArgumentException("loopBackIndex " + loopBackIndex
                    + " must leave a nonempty cycle in " + steps + " steps");
        }
        if (nodes[steps] != nodes[loopBackIndex]) {
            throw new IllegalArgumentException("cycle does not close: last node " + nodes[steps]
                    + " != node " + nodes[loopBackIndex] + " at loopBackIndex " + loopBackIndex);
        }
        nodes = nodes.clone();
        stepActions = stepActions.clone();
        stepActors = stepActors.clone();
    }

    /** The node sequence, {@code stepCount() + 1} long (a copy). */
    @Override
    public int[] nodes() {
        return nodes.clone();
    }

    /** The action id of every step (a copy). */
    @Override
    public int[] stepActions() {
        return stepActions.clone();
    }

    /** The actor of every step (a copy). */
    @Override
    public int[] stepActors() {
        return stepActors.clone();
    }

    /** The action ids of all steps, stem then cycle: the replay path. */
    public List<Integer> actions() {
        return new IntListView(stepActions);
    }

    public int stepCount() {
        return stepActions.length;
    }

    /** Steps before the cycle (equals {@link #loopBackIndex()}). */
    public int stemLength() {
        return loopBackIndex;
    }

    /** Steps of the cycle (at least 1). */
    public int cycleLength() {
        return stepActions.length - loopBackIndex;
    }

    /** Node after {@code step} steps ({@code node(0)} is the initial state). */
    public int node(int step) {
        return nodes[step];
    }

    /** Action id of step {@code step} (0-based). */
    public int action(int step) {
        return stepActions[step];
    }

    /** Actor of step {@code step} (0-based). */
    public int actor(int step) {
        return stepActors[step];
    }

    /** The node where the cycle starts and ends. */
    public int cycleStart() {
        return nodes[loopBackIndex];
    }

    /** Stem nodes: the initial state through the cycle start ({@code loopBackIndex + 1} nodes). */
    public int[] stemNodes() {
        return Arrays.copyOfRange(nodes, 0, loopBackIndex + 1);
    }

    /** Cycle nodes from the cycle start, without repeating it at the end. */
    public int[] cycleNodes() {
        return Arrays.copyOfRange(nodes, loopBackIndex, nodes.length - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lasso other
                && loopBackIndex == other.loopBackIndex
                && Arrays.equals(nodes, other.nodes)
                && Arrays.equals(stepActions, other.stepActions)
                && Arrays.equals(stepActors, other.stepActors);
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(nodes);
        h = 31 * h + Arrays.hashCode(stepActions);
        h = 31 * h + Arrays.hashCode(stepActors);
        return 31 * h + loopBackIndex;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Lasso[").append(nodes[0]);
        for (int i = 0; i < stepActions.length; i++) {
            if (i == loopBackIndex) {
                sb.append(" |");
            }
            sb.append(" -a").append(stepActors[i]).append(':').append(stepActions[i])
                    .append("-> ").append(nodes[i + 1]);
        }
        return sb.append(", back to step ").append(loopBackIndex).append(']').toString();
    }

    /** Read-only boxed view over an int array (boxing only when a caller reads it). */
    private static final class IntListView extends AbstractList<Integer> implements RandomAccess {
        private final int[] values;

        IntListView(int[] values) {
            this.values = values;
        }

        @Override
        public Integer get(int i) {
            return values[i];
        }

        @Override
        public int size() {
            return values.length;
        }
    }
}
