package tdxcheck.core.property;

import java.util.ArrayList;
import java.util.List;

/**
 * A user-declared eventually-property: named operations, each with a "pending" state predicate
 * and an optional "progress" action flag. It is violated by a reachable fair cycle in which an
 * operation is pending in every state and no step is a progress step for it. Use it to ask "does
 * X always finish?" about an operation the built-in properties do not name:
 *
 * <pre>
 * Eventually.builder("zap-finishes", "the zap eventually unlocks mmu_lock")
 *     .operation("zap", s -&gt; TdxWords.zapPc(s) != ZapPc.IDLE, (b, a, t) -&gt; TdxWords.zapPc(t) == ZapPc.DONE)
 *     .build();
 * </pre>
 */
public final class Eventually implements LivenessProperty {
    /** A predicate on a packed state; called while the graph is built, so it must not allocate. */
    @FunctionalInterface
    public interface Pending {
        boolean test(long[] state);
    }

    /** Flags a transition as progress for the operation. */
    @FunctionalInterface
    public interface Progress {
        boolean test(long[] before, int action, long[] after);
    }

    private record Operation(String name, Pending pending, Progress progress) {
    }

    private final String id;
    private final String description;
    private final Operation[] ops;

    private Eventually(String id, String description, List<Operation> ops) {
        this.id = id;
        this.description = description;
        this.ops = ops.toArray(new Operation[0]);
    }

    public static Builder builder(String id, String description) {
        return new Builder(id, description);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int operationCount() {
        return ops.length;
    }

    @Override
    public String operationName(int op) {
        return ops[op].name();
    }

    @Override
    public int pendingMask(long[] state) {
        int m = 0;
        for (int i = 0; i < ops.length; i++) {
            if (ops[i].pending().test(state)) {
                m |= 1 << i;
            }
        }
        return m;
    }

    @Override
    public int progressMask(long[] before, int action, long[] after) {
        int m = 0;
        for (int i = 0; i < ops.length; i++) {
            Progress p = ops[i].progress();
            if (p != null && p.test(before, action, after)) {
                m |= 1 << i;
            }
        }
        return m;
    }

    public static final class Builder {
        private final String id;
        private final String description;
        private final List<Operation> ops = new ArrayList<>();

        private Builder(String id, String description) {
            this.id = id;
            this.description = description;
        }

        /** An operation; {@code progress} may be null when pending alone says when it completes. */
        public Builder operation(String name, Pending pending, Progress progress) {
            if (ops.size() == 32) {
                throw new IllegalArgumentException("at most 32 operations per property");
            }
            ops.add(new Operation(name, pending, progress));
            return this;
        }

        public Eventually build() {
            if (ops.isEmpty()) {
                throw new IllegalArgumentException(id + ": an eventually-property needs at least one operation");
            }
            return new Eventually(id, description, ops);
        }
    }
}
