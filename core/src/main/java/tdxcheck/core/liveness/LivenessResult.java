package tdxcheck.core.liveness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Per-operation verdicts of a liveness check, with a lasso for every violated operation and a
 * chosen counterexample: the shortest lasso among the violated operations (fewest steps; ties go
 * to the lowest operation index).
 */
public final class LivenessResult {
    private final Fairness fairness;
    private final Lasso[] lassos; // null entry = no lasso for the operation
    private final int violated;
    private final Lasso[] found; // the lassos as first built, before LassoMinimizer

    LivenessResult(Fairness fairness, Lasso[] lassos) {
        this(fairness, lassos, maskOf(lassos));
    }

    LivenessResult(Fairness fairness, Lasso[] lassos, int violatedMask) {
        this(fairness, lassos, violatedMask, lassos);
    }

    /**
     * With violated operations that have no lasso of their own: under symmetry reduction one
     * lasso stands for a whole orbit of operations (the others' lassos are its images).
     */
    LivenessResult(Fairness fairness, Lasso[] lassos, int violatedMask, Lasso[] found) {
        this.fairness = fairness;
        this.lassos = lassos.clone();
        this.found = found.clone();
        int m = violatedMask | maskOf(lassos);
        this.violated = lassos.length >= 32 ? m : m & ((1 << lassos.length) - 1);
    }

    private static int maskOf(Lasso[] lassos) {
        int mask = 0;
        for (int op = 0; op < lassos.length; op++) {
            if (lassos[op] != null) {
                mask |= 1 << op;
            }
        }
        return mask;
    }

    public Fairness fairness() {
        return fairness;
    }

    public int operationCount() {
        return lassos.length;
    }

    /** Whether operation {@code op} can stay pending forever on a reachable fair cycle. */
    public boolean violated(int op) {
        if (op < 0 || op >= lassos.length) {
            throw new ArrayIndexOutOfBoundsException(op);
        }
        return (violated & (1 << op)) != 0;
    }

    /** Whether no operation is violated. */
    public boolean holds() {
        return violated == 0;
    }

    /** Violated operations as a bitmask (bit i = operation i). */
    public int violatedMask() {
        return violated;
    }

    /** Violated operation indices, ascending. */
    public int[] violatedOperations() {
        return java.util.stream.IntStream.range(0, lassos.length).filter(this::violated).toArray();
    }

    /**
     * The lasso of operation {@code op}, empty if it holds (or, after a symmetry-reduced check, if
     * another operation of its orbit carries the lasso).
     */
    public Optional<Lasso> lasso(int op) {
        return Optional.ofNullable(lassos[op]);
    }

    /** The operation whose lasso is reported: the shortest; ties go to the lowest index. */
    public OptionalInt counterexampleOperation() {
        int best = -1;
        for (int op = 0; op < lassos.length; op++) {
            if (lassos[op] != null
                    && (best < 0 || lassos[op].stepCount() < lassos[best].stepCount())) {
                best = op;
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    /** The lasso of {@code op} as the checker first built it, before minimisation; empty like {@link #lasso}. */
    public Optional<Lasso> unminimised(int op) {
        return Optional.ofNullable(found[op]);
    }

    /** The reported counterexample (see {@link #counterexampleOperation()}). */
    public Optional<Lasso> counterexample() {
        OptionalInt op = counterexampleOperation();
        return op.isPresent() ? Optional.of(lassos[op.getAsInt()]) : Optional.empty();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int op = 0; op < lassos.length; op++) {
            parts.add(op + "=" + (violated(op) ? "VIOLATED" : "HOLDS"));
        }
        return "LivenessResult[" + fairness.id() + ", " + String.join(", ", parts) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LivenessResult other && fairness == other.fairness && violated == other.violated
                && Arrays.equals(lassos, other.lassos);
    }

    @Override
    public int hashCode() {
        return 31 * fairness.hashCode() + Arrays.hashCode(lassos);
    }
}
