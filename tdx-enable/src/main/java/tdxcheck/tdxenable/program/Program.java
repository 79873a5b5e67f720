package tdxcheck.tdxenable.program;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An actor's straight-line program with forward jumps; immutable once built. */
public final class Program {
    private final Op[] ops;

    private Program(Op[] ops) {
        this.ops = ops;
    }

    public int size() {
        return ops.length;
    }

    public Op op(int pc) {
        return ops[pc];
    }

    /** A new, empty program; jumps are resolved by the model as it steps. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a program; labels may be used before they are placed. Ends with DONE unless told. */
    public static final class Builder {
        private final List<Op> ops = new ArrayList<>();
        private final List<String> pendingLabels = new ArrayList<>();
        private final Map<String, Integer> labels = new HashMap<>();
        private final Map<Integer, String> jumps = new HashMap<>();

        public Builder op(OpKind kind, String text) {
            return add(new Op(kind, Effect.NONE, null, false, null, -1, text));
        }

        public Builder readLock(String text) {
            return op(OpKind.READ_LOCK, text);
        }

        public Builder readUnlock(String text) {
            return op(OpKind.READ_UNLOCK, text);
        }

        public Builder each(Effect e, String text) {
            return add(new Op(OpKind.EACH_CPU, e, null, false, null, -1, text));
        }

        public Builder onCpu(Effect e, String text) {
            return add(new Op(OpKind.ON_CPU, e, null, false, null, -1, text));
        }

        public Builder register(Callbacks hp, Effect invoke, boolean ownLock, String text) {
            return add(new Op(OpKind.HP_REGISTER, invoke, hp, ownLock, null, -1, text));
        }

        public Builder remove(Callbacks hp, Effect teardown, boolean ownLock, String text) {
            return add(new Op(OpKind.HP_REMOVE, teardown, hp, ownLock, null, -1, text));
        }

        public Builder jumpIf(Cond c, String label) {
            jumps.put(ops.size(), label);
            return add(new Op(OpKind.JUMP_IF, Effect.NONE, null, false, c, -1, "if " + c));
        }

        public Builder jump(String label) {
            jumps.put(ops.size(), label);
            return add(new Op(OpKind.JUMP, Effect.NONE, null, false, null, -1, "goto " + label));
        }

        /** Places {@code name} at the next instruction. */
        public Builder label(String name) {
            pendingLabels.add(name);
            return this;
        }

        private Builder add(Op op) {
            for (String l : pendingLabels) {
                labels.put(l, ops.size());
            }
            pendingLabels.clear();
            ops.add(op);
            return this;
        }

        public Program build() {
            if (ops.isEmpty() || ops.get(ops.size() - 1).kind() != OpKind.DONE || !pendingLabels.isEmpty()) {
                op(OpKind.DONE, "done");
            }
            Op[] out = ops.toArray(new Op[0]);
            for (Map.Entry<Integer, String> j : jumps.entrySet()) {
                Integer t = labels.get(j.getValue());
                if (t == null) {
                    throw new IllegalStateException("undefined label " + j.getValue());
                }
                Op o = out[j.getKey()];
                out[j.getKey()] = new Op(o.kind(), o.effect(), o.hp(), o.ownLock(), o.cond(), t, o.text());
            }
            return new Program(out);
        }
    }
}
