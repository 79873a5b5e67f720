package tdxcheck.dpamt;

import java.util.LinkedHashMap;
import java.util.Map;
import tdxcheck.core.spi.Model;
import tdxcheck.core.spi.StepLabel;
import tdxcheck.dpamt.policy.PamtPolicy;

import static tdxcheck.dpamt.PamtWords.*;

/**
 * Dynamic PAMT get/put as a transition system (tdx-facts §7b). Module side: each 2M range has a
 * PAMT node with a sharex try-lock; TDH.PHYMEM.PAMT.ADD and .REMOVE take it exclusive (ADD also
 * walks its backing pages at 4K S), PAGE.AUG / PAGE.REMOVE take it shared when the 4K walk passes
 * it ({@link Walk4k}). ADD fails with TDX_HPA_RANGE_NOT_FREE on a node that has its page pair,
 * REMOVE with TDX_PAMT_PAGE_NOT_EMPTY while a 4K entry is in use. KVM side: the per-2MB refcount
 * and the policy's spinlock. Action id = thread index (each thread has one next step).
 */
public final class PamtModel implements Model {
    private static final int NONE = 0;
    private static final int SHARED = 1;
    private static final int EXCLUSIVE = 2;

    private final PamtShape shape;
    private final PamtPolicy policy;

    public PamtModel(PamtShape shape, PamtPolicy policy) {
        this.shape = shape;
        this.policy = policy;
    }

    public PamtShape shape() {
        return shape;
    }

    public PamtPolicy policy() {
        return policy;
    }

    @Override
    public String name() {
        return "dpamt[" + policy.id() + "](users=" + shape.threads() + ",ranges=" + shape.ranges() + ",rounds="
                + shape.rounds() + ",backing=" + shape.backing().id() + ",walk-4k=" + shape.walk().id() + ")";
    }

    @Override
    public int stateWords() {
        return 1;
    }

    @Override
    public int actorCount() {
        return shape.threads();
    }

    @Override
    public String actorName(int actor) {
        return "user" + actor;
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
        return shape.threads();
    }

    private boolean locked() {
        return policy.spinlock(0) != PamtPolicy.NO_LOCK;
    }

    /** Whether thread {@code u} holds spinlock {@code lock}. */
    private boolean holdsSpinlock(long[] s, int u, int lock) {
        return locked() && step(s, u).underSpinlock() && policy.spinlock(shape.rangeOf(u)) == lock;
    }

    /** How thread {@code u} holds range {@code node}'s 2M PAMT node lock now. */
    public int holdMode(long[] s, int u, int node) {
        int r = shape.rangeOf(u);
        return switch (step(s, u)) {
            case ADD_DONE -> r == node ? EXCLUSIVE : shape.backingOf(r) == node ? SHARED : NONE;
            case PREM_DONE -> r == node ? EXCLUSIVE : NONE;
            case AUG_DONE, REM_DONE -> r == node && shape.walk() == Walk4k.NODE_SHARED ? SHARED : NONE;
            default -> NONE;
        };
    }

    /** The node lock thread {@code t}'s acquire fails on, or -1 (no allocation). */
    public int failingNode(long[] s, int t) {
        int r = shape.rangeOf(t);
        switch (step(s, t)) {
            case ADD -> {
                if (conflict(s, t, r, EXCLUSIVE)) {
                    return r;
                }
                int b = shape.backingOf(r);
                return b >= 0 && conflict(s, t, b, SHARED) ? b : -1;
            }
            case PREM -> {
                return conflict(s, t, r, EXCLUSIVE) ? r : -1;
            }
            case AUG, REM -> {
                return shape.walk() == Walk4k.NODE_SHARED && conflict(s, t, r, SHARED) ? r : -1;
            }
            default -> {
                return -1;
            }
        }
    }

    private boolean conflict(long[] s, int t, int node, int mode) {
        for (int u = 0; u < shape.threads(); u++) {
            if (u != t) {
                int h = holdMode(s, u, node);
                if (h != NONE && (mode == EXCLUSIVE || h == EXCLUSIVE)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean rangeOp(Step st) {
        return st == Step.ADD || st == Step.ADD_DONE || st == Step.PREM || st == Step.PREM_DONE;
    }

    /**
     * Whether thread {@code t}'s acquire fails because of a holder of the other kind: PAMT.ADD or
     * .REMOVE of a range against PAGE.AUG or .REMOVE of a 4K page in it, either way round.
     */
    public boolean collision(long[] s, int t) {
        int node = failingNode(s, t);
        if (node < 0) {
            return false;
        }
        boolean mine = rangeOp(step(s, t));
        for (int u = 0; u < shape.threads(); u++) {
            if (u != t && holdMode(s, u, node) != NONE && rangeOp(step(s, u)) != mine) {
                return true;
            }
        }
        return false;
    }

    /** Whether some thread's 4K page in range {@code r} is assigned (AUG done, REMOVE not done). */
    private boolean pageInUse(long[] s, int r) {
        for (int u = 0; u < shape.threads(); u++) {
            Step st = step(s, u);
            if (shape.rangeOf(u) == r && (st == Step.REM || st == Step.REM_DONE)) {
                return true;
            }
        }
        return false;
    }

    /** What thread {@code t}'s next step ends in (hot path: no allocation). */
    public Outcome outcome(long[] s, int t) {
        int r = shape.rangeOf(t);
        return switch (step(s, t)) {
            case ADD -> failingNode(s, t) >= 0 ? Outcome.ADD_BUSY : Outcome.LOCKS_TAKEN;
            case ADD_DONE -> pamt(s, r) ? Outcome.ADD_NOT_FREE : Outcome.SUCCESS;
            case AUG, REM -> {
                if (failingNode(s, t) >= 0) {
                    yield step(s, t) == Step.AUG ? Outcome.AUG_BUSY
                            : retried(s, t) ? Outcome.REMOVE_BUSY_BUG : Outcome.REMOVE_BUSY_RETRY;
                }
                yield pamt(s, r) ? Outcome.LOCKS_TAKEN : Outcome.NO_PAMT_BUG;
            }
            case AUG_DONE, REM_DONE -> Outcome.SUCCESS;
            case PREM -> failingNode(s, t) >= 0 ? Outcome.PUT_BUSY : Outcome.LOCKS_TAKEN;
            case PREM_DONE -> pageInUse(s, r) ? Outcome.PUT_NOT_EMPTY : Outcome.SUCCESS;
            default -> Outcome.NONE;
        };
    }

    private boolean enabled(long[] s, int t) {
        Step st = step(s, t);
        if (st == Step.FINISHED) {
            return false;
        }
        if (st == Step.GET_LOCK || st == Step.PUT_LOCK) {
            int lock = policy.spinlock(shape.rangeOf(t));
            for (int u = 0; u < shape.threads(); u++) {
                if (u != t && holdsSpinlock(s, u, lock)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int enabledActions(long[] s, int[] out) {
        if (bugged(s)) {
            return 0;
        }
        int n = 0;
        for (int t = 0; t < shape.threads(); t++) {
            if (enabled(s, t)) {
                out[n++] = t;
            }
        }
        return n;
    }

    @Override
    public int actorOf(int action) {
        return action;
    }

    @Override
    public boolean isFinished(long[] s, int actor) {
        return bugged(s) || step(s, actor) == Step.FINISHED;
    }

    @Override
    public void next(long[] s, int t, long[] out) {
        out[0] = s[0];
        int r = shape.rangeOf(t);
        int ref = ref(s, r);
        Outcome o = outcome(s, t);
        switch (step(s, t)) {
            case GET_FAST -> {
                if (ref > 0) {
                    setRef(out, r, ref + 1);
                    setStep(out, t, Step.AUG);
                } else {
                    setStep(out, t, locked() ? Step.GET_LOCK : Step.ADD);
                }
            }
            case GET_LOCK -> setStep(out, t, Step.GET_CHECK);
            case GET_CHECK -> {
                if (ref > 0) {
                    setRef(out, r, ref + 1);
                    setStep(out, t, Step.AUG);
                } else {
                    setStep(out, t, Step.ADD);
                }
            }
            case ADD -> setStep(out, t, o == Outcome.ADD_BUSY ? Step.GET_FAST : Step.ADD_DONE);
            case ADD_DONE -> {
                if (o == Outcome.ADD_NOT_FREE) {
                    setStep(out, t, Step.GET_FAST);
                } else {
                    setPamt(out, r, true);
                    setStep(out, t, Step.GET_INC);
                }
            }
            case GET_INC -> {
                setRef(out, r, ref + 1);
                setStep(out, t, Step.AUG);
            }
            case AUG, REM -> {
                switch (o) {
                    case NO_PAMT_BUG, REMOVE_BUSY_BUG -> setBugged(out);
                    case AUG_BUSY -> {
                        // RET_PF_RETRY: the fault runs again; the step stays where it is
                    }
                    case REMOVE_BUSY_RETRY -> setRetried(out, t, true);
                    default -> {
                        setRetried(out, t, false);
                        setStep(out, t, step(s, t) == Step.AUG ? Step.AUG_DONE : Step.REM_DONE);
                    }
                }
            }
            case AUG_DONE -> setStep(out, t, Step.REM);
            case REM_DONE -> setStep(out, t, Step.PUT_FAST);
            case PUT_FAST -> {
                if (locked()) {
                    if (ref != 1) {
                        setRef(out, r, ref - 1);
                        nextRound(out, t);
                    } else {
                        setStep(out, t, Step.PUT_LOCK);
                    }
                } else {
                    setRef(out, r, ref - 1);
                    if (ref - 1 == 0) {
                        setStep(out, t, Step.PREM);
                    } else {
                        nextRound(out, t);
                    }
                }
            }
            case PUT_LOCK -> setStep(out, t, Step.PUT_CHECK);
            case PUT_CHECK -> {
                setRef(out, r, ref - 1);
                if (ref - 1 == 0) {
                    setStep(out, t, Step.PREM);
                } else {
                    nextRound(out, t);
                }
            }
            case PREM -> {
                if (o == Outcome.PUT_BUSY) {
                    setRef(out, r, ref + 1);
                    nextRound(out, t);
                } else {
                    setStep(out, t, Step.PREM_DONE);
                }
            }
            case PREM_DONE -> {
                if (o == Outcome.PUT_NOT_EMPTY) {
                    setRef(out, r, ref + 1);
                } else {
                    setPamt(out, r, false);
                }
                nextRound(out, t);
            }
            default -> throw new IllegalStateException("no step from " + step(s, t));
        }
    }

    private void nextRound(long[] out, int t) {
        int k = round(out, t) + 1;
        if (k < shape.rounds()) {
            setRound(out, t, k);
            setStep(out, t, Step.GET_FAST);
        } else {
            setRound(out, t, 0);
            setStep(out, t, Step.FINISHED);
        }
    }

    @Override
    public StepLabel describe(long[] before, int t, long[] after) {
        Step st = step(before, t);
        int r = shape.rangeOf(t);
        String text = st.text() + (st.completes() ? " completes" : "") + " (range " + r + ")";
        Outcome o = outcome(before, t);
        String outcome = o.text();
        switch (st) {
            case GET_FAST, GET_CHECK -> outcome = ref(before, r) > 0 ? "refcount " + ref(before, r) + " -> "
                    + (ref(before, r) + 1) : "refcount is 0";
            case GET_INC -> outcome = "refcount 0 -> 1";
            case PUT_FAST -> {
                int k = ref(before, r);
                outcome = locked() && k == 1 ? "refcount is 1: slow path" : "refcount " + k + " -> " + (k - 1);
            }
            case PUT_CHECK -> outcome = "refcount " + ref(before, r) + " -> " + (ref(before, r) - 1);
            default -> {
            }
        }
        if (o == Outcome.ADD_BUSY || o == Outcome.AUG_BUSY || o == Outcome.REMOVE_BUSY_RETRY
                || o == Outcome.REMOVE_BUSY_BUG || o == Outcome.PUT_BUSY) {
            outcome = outcome + " (2M node of range " + failingNode(before, t) + ")";
        }
        return new StepLabel(text, outcome);
    }

    @Override
    public Map<String, String> fields(long[] s) {
        Map<String, String> f = new LinkedHashMap<>();
        for (int r = 0; r < shape.ranges(); r++) {
            f.put("range" + r + ".refcount", Integer.toString(ref(s, r)));
            f.put("range" + r + ".pamt", pamt(s, r) ? "page pair added" : "none (NDA)");
            StringBuilder h = new StringBuilder();
            for (int u = 0; u < shape.threads(); u++) {
                int m = holdMode(s, u, r);
                if (m != NONE) {
                    h.append(h.length() == 0 ? "" : ", ").append(m == EXCLUSIVE ? "EX: " : "S: ").append(actorName(u))
                            .append(" (").append(step(s, u).text()).append(')');
                }
            }
            f.put("range" + r + ".node-lock", h.length() == 0 ? "-" : h.toString());
        }
        if (locked()) {
            int locks = policy.spinlock(shape.ranges() - 1) + 1;
            for (int l = 0; l < locks; l++) {
                String owner = "-";
                for (int u = 0; u < shape.threads(); u++) {
                    if (holdsSpinlock(s, u, l)) {
                        owner = actorName(u);
                    }
                }
                f.put(locks == 1 ? "pamt_lock" : "pamt_lock[range" + l + "]", owner);
            }
        }
        f.put("vm_bugged", bugged(s) ? "yes" : "no");
        for (int u = 0; u < shape.threads(); u++) {
            Step st = step(s, u);
            f.put(actorName(u) + ".next", st == Step.FINISHED ? "done"
                    : st.text() + (st.completes() ? " completes" : "") + (shape.rounds() > 1 ? " [round " + round(s, u) + "]" : ""));
        }
        return f;
    }
}
