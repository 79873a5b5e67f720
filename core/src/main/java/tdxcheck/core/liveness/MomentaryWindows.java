package tdxcheck.core.liveness;

import java.util.Map;
import java.util.Objects;
import tdxcheck.core.spi.Model;
import tdxcheck.core.spi.Permutation;
import tdxcheck.core.spi.StepLabel;

/**
 * The model as fairness {@link Fairness#HW} explores it: a momentary window
 * ({@link Model#inMomentaryWindow}) closes before the other actors take more than {@code budget}
 * steps. Each actor gets a counter, appended to the state after the model's words: while the
 * actor is inside a window, the steps the others took since its own last step (at most the
 * budget); zero otherwise. Once some actor's counter reaches the budget, only actors whose budget
 * is spent may step (the model guarantees a window's actor an enabled step), so the window's
 * next step comes before any other actor's.
 *
 * <p>Per step, not per window: an actor that stays in a window for several steps (a call that
 * takes its locks, then completes) is never kept waiting for more than {@code budget} steps of
 * the others between two of its own steps. The counters are bounded, so the graph stays finite;
 * they at most multiply the states by {@code (budget + 1)} per actor inside a window.
 *
 * <p>Symmetry: the counters move with their actors ({@link Model#permuteActor}); where the
 * model's canonical form leaves interchangeable slots with equal records
 * ({@link Model#identicalSlots}), the slots are ordered by their actors' counters, so that the
 * whole state stays canonical (a unique representative per orbit), which the quotient liveness
 * proof needs. This assumes a slot's actors come in the same order as the slots (vcpu i before
 * vcpu j iff guest i before guest j), as in the TDX model. A model that cannot compare slots is
 * explored without symmetry.
 *
 * <p>Used only for the hw liveness search; safety properties are decided on the model itself.
 */
public final class MomentaryWindows implements Model {
    private final Model inner;
    private final int budget;
    private final int bits;
    private final long mask;
    private final int innerWords;
    private final int actors;
    private final boolean symmetry;

    public MomentaryWindows(Model inner, int budget) {
        this.inner = Objects.requireNonNull(inner, "model");
        if (budget < 1 || budget > 255) {
            throw new IllegalArgumentException("window budget must be in 1..255, got " + budget);
        }
        this.budget = budget;
        this.bits = 32 - Integer.numberOfLeadingZeros(budget);
        this.mask = (1L << bits) - 1;
        this.innerWords = inner.stateWords();
        this.actors = inner.actorCount();
        this.symmetry = inner.symmetrySlots() > 0 && canCompareSlots(inner);
    }

    private static boolean canCompareSlots(Model m) {
        long[] s = new long[m.stateWords()];
        m.initialState(0, s);
        try {
            m.identicalSlots(s, 0, 0);
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /** The wrapped model. */
    public Model inner() {
        return inner;
    }

    /** Steps the other actors may take while an actor is inside a momentary window. */
    public int budget() {
        return budget;
    }

    private int perWord() {
        return 64 / bits;
    }

    /** The window counter of {@code actor} in {@code s}. */
    public int counter(long[] s, int actor) {
        int w = innerWords + actor / perWord();
        int sh = (actor % perWord()) * bits;
        return (int) ((s[w] >>> sh) & mask);
    }

    private void setCounter(long[] s, int actor, int value) {
        int w = innerWords + actor / perWord();
        int sh = (actor % perWord()) * bits;
        s[w] = (s[w] & ~(mask << sh)) | ((long) value << sh);
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public int stateWords() {
        return innerWords + (actors + perWord() - 1) / perWord();
    }

    @Override
    public int actorCount() {
        return actors;
    }

    @Override
    public String actorName(int actor) {
        return inner.actorName(actor);
    }

    @Override
    public int initialStateCount() {
        return inner.initialStateCount();
    }

    @Override
    public void initialState(int index, long[] out) {
        inner.initialState(index, out);
        for (int w = innerWords; w < out.length; w++) {
            out[w] = 0L;
        }
    }

    @Override
    public int maxEnabled() {
        return inner.maxEnabled();
    }

    @Override
    public int enabledActions(long[] s, int[] out) {
        int n = inner.enabledActions(s, out);
        long spent = 0L;
        for (int a = 0; a < actors; a++) {
            if (counter(s, a) >= budget) {
                spent |= 1L << a;
            }
        }
        if (spent == 0) {
            return n;
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            if ((spent & (1L << inner.actorOf(out[i]))) != 0) {
                out[k++] = out[i];
            }
        }
        return k;
    }

    /**
     * Actors the window bound holds back in {@code s} although the model would let them move:
     * they count as enabled for weak fairness (a momentary delay does not disable an actor).
     * Allocates only in states where a budget is spent.
     */
    public long waitingActors(long[] s) {
        long spent = 0L;
        for (int a = 0; a < actors; a++) {
            if (counter(s, a) >= budget) {
                spent |= 1L << a;
            }
        }
        if (spent == 0) {
            return 0L;
        }
        int[] buf = new int[Math.max(1, inner.maxEnabled())];
        int n = inner.enabledActions(s, buf);
        long enabled = 0L;
        for (int i = 0; i < n; i++) {
            enabled |= 1L << inner.actorOf(buf[i]);
        }
        return enabled & ~spent;
    }

    @Override
    public void next(long[] s, int action, long[] out) {
        inner.next(s, action, out);
        int self = inner.actorOf(action);
        for (int a = 0; a < actors; a++) {
            int v = 0;
            if (a != self && inner.inMomentaryWindow(out, a) && inner.inMomentaryWindow(s, a)) {
                v = Math.min(budget, counter(s, a) + 1);
            }
            setCounter(out, a, v);
        }
    }

    @Override
    public int actorOf(int action) {
        return inner.actorOf(action);
    }

    @Override
    public boolean isFinished(long[] s, int actor) {
        return inner.isFinished(s, actor);
    }

    @Override
    public boolean hasSymmetry() {
        return symmetry;
    }

    @Override
    public int symmetrySlots() {
        return symmetry ? inner.symmetrySlots() : 0;
    }

    @Override
    public boolean interchangeable(int a, int b) {
        return inner.interchangeable(a, b);
    }

    @Override
    public void canonicalize(long[] s) {
        if (symmetry) {
            canonicalizeTracked(s);
        }
    }

    /**
     * The model's canonical form, the counters moved with their actors, then equal slots ordered
     * by their counters (transpositions while they make the counter vector smaller: with the
     * actor order above this sorts the slots by their counters, a unique result).
     */
    @Override
    public int canonicalizeTracked(long[] s) {
        int p = inner.canonicalizeTracked(s);
        if (p != Permutation.IDENTITY) {
            permuteCounters(s, p);
        }
        int slots = inner.symmetrySlots();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < slots; i++) {
                for (int j = i + 1; j < slots; j++) {
                    if (inner.interchangeable(i, j) && inner.identicalSlots(s, i, j)) {
                        int t = Permutation.swap(i, j);
                        if (swapLowers(s, t)) {
                            permuteCounters(s, t);
                            p = Permutation.compose(p, t);
                            changed = true;
                        }
                    }
                }
            }
        }
        return p;
    }

    /** Whether the counter vector (actor order) gets lexicographically smaller under {@code t}. */
    private boolean swapLowers(long[] s, int t) {
        for (int b = 0; b < actors; b++) {
            // after the swap, actor b holds the counter of the actor that t maps to b
            int src = inner.permuteActor(b, Permutation.inverse(t));
            int now = counter(s, b);
            int then = counter(s, src);
            if (now != then) {
                return then < now;
            }
        }
        return false;
    }

    /** Moves each actor's counter to its image under {@code p}, cycle by cycle (no allocation). */
    private void permuteCounters(long[] s, int p) {
        long done = 0L;
        for (int a = 0; a < actors; a++) {
            if ((done & (1L << a)) != 0) {
                continue;
            }
            int carry = counter(s, a);
            int x = a;
            do {
                done |= 1L << x;
                int y = inner.permuteActor(x, p);
                int next = counter(s, y);
                setCounter(s, y, carry);
                carry = next;
                x = y;
            } while (x != a);
        }
    }

    @Override
    public int permuteActor(int actor, int p) {
        return inner.permuteActor(actor, p);
    }

    @Override
    public int permuteAction(int action, int p) {
        return inner.permuteAction(action, p);
    }

    @Override
    public boolean hasMomentaryWindows() {
        return inner.hasMomentaryWindows();
    }

    @Override
    public boolean inMomentaryWindow(long[] state, int actor) {
        return inner.inMomentaryWindow(state, actor);
    }

    @Override
    public int attemptOutcome(long[] before, int action, long[] after) {
        return inner.attemptOutcome(before, action, after);
    }

    @Override
    public int attemptSites() {
        return inner.attemptSites();
    }

    @Override
    public String blockedBy(long[] state, int action) {
        return inner.blockedBy(state, action);
    }

    @Override
    public boolean identicalSlots(long[] state, int a, int b) {
        return inner.identicalSlots(state, a, b);
    }

    @Override
    public StepLabel describe(long[] before, int action, long[] after) {
        return inner.describe(before, action, after);
    }

    @Override
    public Map<String, String> fields(long[] state) {
        return inner.fields(state);
    }

    @Override
    public Map<String, String> resources(long[] state) {
        return inner.resources(state);
    }
}
