package tdxcheck.tdbuild;

import java.util.ArrayList;
import java.util.List;

/**
 * The ops one thread runs, with the KVM locks it holds at each pc. Locks are a function of the pc
 * (a jump to an ioctl's start or to the end holds nothing), so the state stores only pcs and the
 * lock owners are derived: there is one place that says who holds what.
 */
public final class Program {
    private final Op[] ops;
    private final int[] held;

    private Program(Op[] ops, int[] held) {
        this.ops = ops;
        this.held = held;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return ops.length;
    }

    public Op op(int pc) {
        return ops[pc];
    }

    /** The KVM locks (a {@link KvmLocks} mask) held by a thread whose next op is {@code pc}. */
    public int held(int pc) {
        return held[pc];
    }

    /** The pc of the final END op. */
    public int end() {
        return ops.length - 1;
    }

    /** Writes a program op by op, tracking the held locks. */
    public static final class Builder {
        private final List<Op> ops = new ArrayList<>();
        private final List<Integer> held = new ArrayList<>();
        private int now;
        private Ioctl ioctl;
        private int start;

        private Builder add(OpKind k, int lock, Seamcall c, String text, int heldAfter) {
            ops.add(new Op(k, lock, c, ioctl, start, text));
            held.add(now);
            now = heldAfter;
            return this;
        }

        /** Starts an ioctl: userspace re-issues it from here after -EBUSY. */
        public Builder begin(Ioctl io) {
            if (now != 0) {
                throw new IllegalStateException("an ioctl starts holding no lock");
            }
            ioctl = io;
            start = ops.size();
            return this;
        }

        public Builder createVcpu(String text) {
            return add(OpKind.CREATE_VCPU, -1, null, text, now);
        }

        public Builder lock(int lock, String text) {
            if ((now & (1 << lock)) != 0) {
                throw new IllegalStateException(KvmLocks.name(lock) + " taken twice");
            }
            return add(OpKind.LOCK, lock, null, text, now | (1 << lock));
        }

        public Builder unlock(int lock, String text) {
            return add(OpKind.UNLOCK, lock, null, text, now & ~(1 << lock));
        }

        public Builder checkNotRunnable(String text) {
            return add(OpKind.CHECK_NOT_RUNNABLE, -1, null, text, now);
        }

        /** The two steps of a SEAMCALL. */
        public Builder seamcall(Seamcall c, String text) {
            add(OpKind.SEAMCALL, -1, c, text, now);
            return add(OpKind.DONE, -1, c, text, now);
        }

        public Builder map(String text) {
            return add(OpKind.MAP, -1, null, text, now);
        }

        /** The ioctl returns 0: every lock is dropped. */
        public Builder ret(String text) {
            return add(OpKind.RETURN, -1, null, text, 0);
        }

        public Program build() {
            ioctl = null;
            start = ops.size();
            add(OpKind.END, -1, null, "done", 0);
            int[] h = new int[held.size()];
            for (int i = 0; i < h.length; i++) {
                h[i] = held.get(i);
            }
            return new Program(ops.toArray(new Op[0]), h);
        }
    }
}
