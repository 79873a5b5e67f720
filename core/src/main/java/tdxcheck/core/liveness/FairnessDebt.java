package tdxcheck.core.liveness;

/**
 * What a cycle under construction still owes fairness, as actor bitmasks: weak fairness wants a
 * step of every actor enabled at every node walked so far; strong fairness a step of every actor
 * enabled at some node walked so far; hw wants weak fairness plus every success event
 * (actor, attempt site) that was possible at some node walked so far. Both lasso builders (concrete and
 * quotient) extend their walk until nothing is missing and the walk is back at its start. One
 * instance per lasso.
 */
final class FairnessDebt {
    /** Each goal fixes at least one of at most 2 x 64 goals for good, a close follows each batch. */
    private static final int MAX_ROUNDS = 8 * StateGraph.MAX_ACTORS + 8;

    private final Fairness fairness;
    private long enabledEverywhere;
    private long enabledSomewhere;
    private long stepped;
    private long successSomewhere;
    private long succeeded;
    private int rounds;

    FairnessDebt(Fairness fairness, long enabledAtStart, long successAtStart) { // success: event masks
        this.fairness = fairness;
        this.enabledEverywhere = enabledAtStart;
        this.enabledSomewhere = enabledAtStart;
        this.successSomewhere = successAtStart;
    }

    /** Actors that still have to step in the walk for it to be fair. */
    long missing() {
        return switch (fairness) {
            case WEAK, HW -> enabledEverywhere & ~stepped;
            case STRONG -> enabledSomewhere & ~stepped;
            case NONE -> 0L;
        };
    }

    /** Success events (actor, site) the walk still has to take (hw only). */
    long missingSuccess() {
        return fairness == Fairness.HW ? successSomewhere & ~succeeded : 0L;
    }

    /** Whether the walk owes nothing. */
    boolean settled() {
        return missing() == 0 && missingSuccess() == 0;
    }

    /** Actors whose being disabled at some node also settles the debt (weak fairness and hw). */
    long disabledGoal() {
        return fairness == Fairness.WEAK || fairness == Fairness.HW ? missing() : 0L;
    }

    /**
     * The walk took a step of {@code actor} (success event {@code event}, -1 for none) into a node
     * where {@code enabledAfter} are enabled and the events {@code successAfter} are possible.
     */
    void step(int actor, int event, long enabledAfter, long successAfter) {
        stepped |= 1L << actor;
        if (event >= 0) {
            succeeded |= 1L << event;
        }
        enabledEverywhere &= enabledAfter;
        enabledSomewhere |= enabledAfter;
        successSomewhere |= successAfter;
    }

    /** Counts one extension of the walk; a walk that needs too many means a checker bug. */
    void nextRound(String where) {
        if (++rounds > MAX_ROUNDS) {
            throw new IllegalStateException("internal error: no fair cycle through " + where);
        }
    }
}
