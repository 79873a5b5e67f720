package tdxcheck.core.spi;

import java.util.Map;

/**
 * A finite transition system explored by the checker.
 *
 * <p>A state is a fixed-width array of {@code long} words ({@link #stateWords()}). The words are
 * the canonical encoding: two states are equal iff their words are equal (after
 * {@link #canonicalize}). The engine never mutates a state it has handed out or received; a
 * model writes successors into a caller-provided buffer so the search loop allocates nothing per
 * transition. Every method must be a pure function of its arguments and safe to call from
 * several threads at once (no scratch fields).
 *
 * <p>Actions are small non-negative ints. {@link #enabledActions} lists them in a deterministic
 * order; {@link #next} is deterministic. Every action belongs to one actor
 * ({@link #actorOf}), which is what fairness and the report lanes are about.
 */
public interface Model {

    /** Short identifier, e.g. {@code frozen-spte-race} or {@code fixture:counter(5)}. */
    String name();

    /** Number of 64-bit words in a packed state; fixed for the lifetime of the model. */
    int stateWords();

    int actorCount();

    /** Stable display name of an actor, e.g. {@code vcpu0}, {@code guest1}, {@code zap}. */
    String actorName(int actor);

    int initialStateCount();

    /** Writes initial state {@code index} (in {@code [0, initialStateCount())}) into {@code out}. */
    void initialState(int index, long[] out);

    /** Upper bound on the number of actions enabled in any state; sizes the caller's buffers. */
    int maxEnabled();

    /**
     * Writes the enabled action ids of {@code state} into {@code out} in a deterministic order and
     * returns how many there are. Zero means the state is terminal (finished or deadlocked).
     */
    int enabledActions(long[] state, int[] out);

    /** Writes the successor of {@code state} under {@code action} into {@code out}. */
    void next(long[] state, int action, long[] out);

    /** The actor that performs {@code action}. */
    int actorOf(int action);

    /**
     * Whether {@code actor} has finished in {@code state}. A state with no enabled action and an
     * unfinished actor is a deadlock. Actors of a model that runs forever are never finished.
     */
    boolean isFinished(long[] state, int actor);

    /**
     * Symmetry hook: rewrite {@code state} in place to the representative of its symmetry class
     * (e.g. identical vCPUs sorted). Must be idempotent, and the model's behaviour must be
     * invariant under the symmetry. Default: no symmetry.
     */
    default void canonicalize(long[] state) {
    }

    /** Whether {@link #canonicalize} does anything for this instance. */
    default boolean hasSymmetry() {
        return false;
    }

    /**
     * Number of symmetry slots (at most {@link Permutation#MAX_SLOTS}) that
     * {@link #canonicalizeTracked} permutes, or 0 when the model cannot say which permutation its
     * canonicalisation applied. Liveness runs use the symmetry quotient only when this is
     * positive; the set of initial states must then be closed under the symmetry.
     */
    default int symmetrySlots() {
        return 0;
    }

    /** Whether slots {@code a} and {@code b} are interchangeable (the symmetry group swaps them). */
    default boolean interchangeable(int a, int b) {
        return a == b;
    }

    /**
     * Like {@link #canonicalize}, and returns the {@link Permutation} it applied: slot i of the
     * state before is slot {@code Permutation.image(p, i)} after. Only called when
     * {@link #symmetrySlots()} is positive.
     */
    default int canonicalizeTracked(long[] state) {
        throw new UnsupportedOperationException(name() + " does not track its symmetry permutations");
    }

    /** The actor that {@code actor} becomes under permutation {@code p} of the symmetry slots. */
    default int permuteActor(int actor, int p) {
        return actor;
    }

    /**
     * The action that {@code action} becomes under permutation {@code p}: if {@code action} is
     * enabled in s, the returned one is enabled in p(s) and leads to p(next(s, action)).
     */
    default int permuteAction(int action, int p) {
        return action;
    }

    // ---- partial-order reduction of the safety search (opt-in, --por); default: no reduction info ----

    /**
     * Whether {@link #isLocal} can ever answer true. Default false: the search then expands every
     * enabled action, as without reduction.
     */
    default boolean hasLocalActions() {
        return false;
    }

    /**
     * Whether {@code action}, enabled in {@code state}, is local there: a claim the partial-order
     * reduction relies on, for {@code state} and every state reached from it by steps of the other
     * actors until {@code action} is taken:
     * <ul>
     *   <li>{@code action} is the only action of its actor enabled, stays enabled and stays local;</li>
     *   <li>it commutes with every enabled action {@code b} of another actor (the same state in both
     *   orders) and neither disables the other; except that {@code b} may end the run (a state
     *   with no enabled action, e.g. the VM killed) if it does so before and after {@code action}
     *   with the same value of every property;</li>
     *   <li>it is invisible to the safety properties: every state invariant has the same value
     *   before and after it, no transition check objects to it, and every other enabled
     *   action's transition check answers the same before and after it.</li>
     * </ul>
     * A false answer is always safe. Called on the search hot path: no allocation.
     */
    default boolean isLocal(long[] state, int action) {
        return false;
    }

    // ---- hooks of the hardware fairness mode (fairness "hw"); defaults: no windows, no attempts ----

    /**
     * Whether some state of this model can put an actor inside a momentary window
     * ({@link #inMomentaryWindow}). Default false: the hw fairness mode then adds no window bound.
     */
    default boolean hasMomentaryWindows() {
        return false;
    }

    /**
     * Whether {@code actor} is inside a momentary window in {@code state}: a hold that the real
     * system keeps only for a few instructions (a lock taken and released inside one
     * non-preemptible call) although the model spends more than one step in it. Under fairness
     * {@code hw} the other actors may take at most {@code --window-steps} steps before the actor
     * takes its next step. The actor must have an enabled action in every such state.
     */
    default boolean inMomentaryWindow(long[] state, int actor) {
        return false;
    }

    /**
     * What the transition {@code before -action-> after} is for a retry loop: {@link Attempt#NONE}
     * when it is no attempt of an operation that a loop retries, else {@link Attempt#succeeds} or
     * {@link Attempt#fails} of a site (which retried operation; e.g. a try-lock that returned
     * BUSY). Fairness {@code hw} assumes strong fairness on success per actor and site: an attempt
     * that would succeed infinitely often succeeds infinitely often. Must be invariant under the
     * symmetry. Called during the search: no allocation.
     */
    default int attemptOutcome(long[] before, int action, long[] after) {
        return Attempt.NONE;
    }

    /** Number of attempt sites per actor ({@link #attemptOutcome}); at most 15. */
    default int attemptSites() {
        return 1;
    }

    /**
     * Who made {@code action} fail in {@code state} (e.g. "epoch held shared by vcpu0"), for
     * traces; null when the model cannot say. Not used by the search.
     */
    default String blockedBy(long[] state, int action) {
        return null;
    }

    /**
     * Whether swapping symmetry slots {@code a} and {@code b} leaves the canonical {@code state}
     * unchanged (their records are equal). Needed only to make extra per-actor data canonical
     * (the momentary-window counters of fairness {@code hw}); models with symmetry and momentary
     * windows must implement it.
     */
    default boolean identicalSlots(long[] state, int a, int b) {
        throw new UnsupportedOperationException(name() + " cannot compare symmetry slots");
    }

    /** Human-readable description of one transition, for traces (not used by the search). */
    StepLabel describe(long[] before, int action, long[] after);

    /**
     * The state as named fields, in a stable display order, for traces and reports (not used by
     * the search). Lock owners belong here so a trace can show them after each step.
     */
    Map<String, String> fields(long[] state);

    /**
     * Resource lanes for reports: what a reader must see held over time that is no lock (a frozen
     * entry, an open window, a flag), in a stable display order, lane name to holder text, e.g.
     * "spte[pde]" to "frozen by vcpu0"; "-" when nobody holds it. A holder text that names exactly
     * one actor is drawn in that actor's colour. Every state of one model returns the same lanes.
     * Default: none. Not used by the search.
     */
    default Map<String, String> resources(long[] state) {
        return Map.of();
    }

    /**
     * A note a report shows on one step of a counterexample, or null: what a reader must know
     * about the step that the model cannot show by itself (for a lasso, {@code inCycle} says the
     * step is part of the repeated cycle). Not used by the search.
     */
    default String stepNote(long[] before, int action, long[] after, boolean inCycle) {
        return null;
    }

    /** Canonical byte encoding of a state: its words, little-endian. */
    default byte[] encode(long[] state) {
        byte[] b = new byte[state.length * 8];
        for (int w = 0; w < state.length; w++) {
            long v = state[w];
            for (int i = 0; i < 8; i++) {
                b[w * 8 + i] = (byte) (v >>> (8 * i));
            }
        }
        return b;
    }
}
