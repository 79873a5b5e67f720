package tdxcheck.harness.liveness;

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
    private final Lasso[] lassos; // null entry = the operation holds

    LivenessResult(Fairness fairness, Lasso[] lassos) {
        this.fairness = fairness;
        this.lassos = lassos.clone();
    }

    public Fairness fairness() {
        return fairness;
    }

    public int operationCount() {
        return lassos.length;
    }

    /** Whether operation {@code op} can stay pending forever on a reachable fair cycle. */
    public boolean violated(int op) {
        return lassos[op] != null;
    }

    /** Whether no operation is violated. */
    public boolean holds() {
        for (Lasso l : lassos) {
            if (l != null) {
                return false;
            }
        }
        return true;
    }

    /** Violated operations as a bitmask (bit i = operation i). */
    public int violatedMask() {
        int mask = 0;
        for (int op = 0; op < lassos.length; op++) {
            if (lassos[op] != null) {
                mask |= 1 << op;
            }
        }
        return mask;
    }

    /** Violated operation indices, ascending. */
    public int[] violatedOperations() {
        return java.util.stream.IntStream.range(0, lassos.length).filter(this::violated).toArray();
    }

    /** The lasso of operation {@code op}, empty if it holds. */
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

    /** The reported counterexample (see {@link #counterexampleOperation()}). */
    public Optional<Lasso> counterexample() {
        OptionalInt op = counterexampleOperation();
        return op.isPresent() ? Optional.of(lassos[op.getAsInt()]) : Optional.empty();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int op = 0; op < lassos.length; op++) {
            parts.add(op + "=" + (lassos[op] == null ? "HOLDS" : "VIOLATED"));
        }
        return "LivenessResult[" + fairness.id() + ", " + String.join(", ", parts) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LivenessResult other && fairness == other.fairness
                && Arrays.equals(lassos, other.lassos);
    }

    @Override
    public int hashCode() {
        return 31 * fairness.hashCode() + Arrays.hashCode(lassos);
    }
}
