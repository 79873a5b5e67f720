package tdxcheck.app.check;

import java.util.LinkedHashMap;
import java.util.Map;
import tdxcheck.core.spi.Model;
import tdxcheck.core.spi.Permutation;
import tdxcheck.core.spi.StepLabel;
import tdxcheck.core.property.LivenessProperty;

/**
 * Test model for liveness under symmetry: K identical processes share one try-lock. Process i is
 * idle (0), trying (1) or holding the lock (2): idle -> trying, trying -> holding when the lock is
 * free, holding -> idle. Word 0 holds the K process states, 2 bits each. Canonicalisation sorts
 * them, so cycles of the quotient graph regularly go through non-identity permutations (one
 * process overtaking another). A trying process can starve under weak fairness (its acquire is
 * enabled only while the lock is free) but not under strong fairness. {@code withSpin} adds a
 * self-loop "spin" action to a trying process, which is enabled whenever it tries: then weak
 * fairness still lets it starve.
 */
final class SymmetricSpinLock implements Model {
    private final int k;
    private final boolean withSpin;

    SymmetricSpinLock(int k, boolean withSpin) {
        this.k = k;
        this.withSpin = withSpin;
    }

    int state(long[] s, int i) {
        return (int) (s[0] >>> (2 * i)) & 3;
    }

    private static void set(long[] s, int i, int v) {
        s[0] = (s[0] & ~(3L << (2 * i))) | ((long) v << (2 * i));
    }

    private boolean lockFree(long[] s) {
        for (int i = 0; i < k; i++) {
            if (state(s, i) == 2) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String name() {
        return "test:spin-lock(" + k + (withSpin ? ",spin" : "") + ")";
    }

    @Override
    public int stateWords() {
        return 1;
    }

    @Override
    public int actorCount() {
        return k;
    }

    @Override
    public String actorName(int actor) {
        return "p" + actor;
    }

    @Override
    public int initialStateCount() {
        return 1;
    }

    @Override
    public void initialState(int index, long[] out) {
        out[0] = 0;
    }

    @Override
    public int maxEnabled() {
        return 2 * k;
    }

    /** Action 2i: process i's step; action 2i+1: process i spins while trying. */
    @Override
    public int enabledActions(long[] s, int[] out) {
        int n = 0;
        boolean free = lockFree(s);
        for (int i = 0; i < k; i++) {
            int st = state(s, i);
            if (st != 1 || free) {
                out[n++] = 2 * i;
            }
            if (st == 1 && withSpin) {
                out[n++] = 2 * i + 1;
            }
        }
        return n;
    }

    @Override
    public void next(long[] s, int action, long[] out) {
        out[0] = s[0];
        int i = action >> 1;
        if ((action & 1) == 0) {
            set(out, i, (state(s, i) + 1) % 3);
        }
    }

    @Override
    public int actorOf(int action) {
        return action >> 1;
    }

    @Override
    public boolean isFinished(long[] state, int actor) {
        return false;
    }

    @Override
    public boolean hasSymmetry() {
        return k > 1;
    }

    @Override
    public void canonicalize(long[] s) {
        canonicalizeTracked(s);
    }

    @Override
    public int symmetrySlots() {
        return k;
    }

    @Override
    public boolean interchangeable(int a, int b) {
        return true;
    }

    /** Stable sort of the process states, descending (so a holder comes first). */
    @Override
    public int canonicalizeTracked(long[] s) {
        int[] st = new int[k];
        int[] origin = new int[k];
        for (int i = 0; i < k; i++) {
            st[i] = state(s, i);
            origin[i] = i;
        }
        for (int i = 1; i < k; i++) {
            int v = st[i];
            int o = origin[i];
            int j = i - 1;
            while (j >= 0 && st[j] < v) {
                st[j + 1] = st[j];
                origin[j + 1] = origin[j];
                j--;
            }
            st[j + 1] = v;
            origin[j + 1] = o;
        }
        int p = Permutation.IDENTITY;
        for (int pos = 0; pos < k; pos++) {
            set(s, pos, st[pos]);
            p = Permutation.set(p, origin[pos], pos);
        }
        return p;
    }

    @Override
    public int permuteActor(int actor, int p) {
        return Permutation.image(p, actor);
    }

    @Override
    public int permuteAction(int action, int p) {
        return 2 * Permutation.image(p, action >> 1) + (action & 1);
    }

    @Override
    public StepLabel describe(long[] before, int action, long[] after) {
        return new StepLabel("p" + (action >> 1) + ((action & 1) == 0 ? " step" : " spin"), "");
    }

    @Override
    public Map<String, String> fields(long[] s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            m.put("p" + i, String.valueOf(state(s, i)));
        }
        return m;
    }

    /** Operation i: process i is trying (its acquire is pending). */
    LivenessProperty acquires(boolean symmetric) {
        return new LivenessProperty() {
            @Override
            public String id() {
                return "acquires";
            }

            @Override
            public String description() {
                return "every trying process eventually holds the lock";
            }

            @Override
            public int operationCount() {
                return k;
            }

            @Override
            public String operationName(int op) {
                return "acquire(p" + op + ")";
            }

            @Override
            public int pendingMask(long[] s) {
                int m = 0;
                for (int i = 0; i < k; i++) {
                    if (state(s, i) == 1) {
                        m |= 1 << i;
                    }
                }
                return m;
            }

            @Override
            public int progressMask(long[] before, int action, long[] after) {
                return 0;
            }

            @Override
            public boolean symmetric() {
                return symmetric;
            }

            @Override
            public int permuteOperation(int op, int p) {
                return Permutation.image(p, op);
            }
        };
    }
}
