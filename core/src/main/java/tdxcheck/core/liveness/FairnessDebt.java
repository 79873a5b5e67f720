package tdxcheck.core.liveness;

/**
 * What a cycle under construction still owes fairness, as actor bitmasks: weak fairness wants a
 * step of every actor enabled at every node walked so far; strong fairness a step of every actor
 * enabled at some node walked so far. Both lasso builders (concrete and quotient) extend their walk
 * until nothing is missing and the walk is back at its start. One instance per lasso.
 */
final class FairnessDebt {
    /** Each goal fixes at least one of at most 64 actors for good, a close follows each batch. */
    private static final int MAX_ROUNDS = 4 * StateGraph.MAX_ACTORS + 8;

    private final Fairness fairness;
    private long enabledEverywhere;
    private long enabledSomewhere;
    private long stepped;
    private int rounds;

    FairnessDebt(Fairness fairness, long enabledAtStart) {
        this.fairness = fairness;
        this.enabledEverywhere = enabledAtStart;
        this.enabledSomewhere = enabledAtStart;
    }

    /** Actors that still have to step in the walk for it to be fair. */
    long missing() {
        return switch (fairness) {
            case WEAK -> enabledEverywhere & ~stepped;
            case STRONG -> enabledSomewhere & ~stepped;
            case NONE -> 0L;
        };
    }

    /** Actors whose being disabled at some node also settles the debt (weak fairness only). */
    long disabledGoal() {
        return fairness == Fairness.WEAK ? missing() : 0L;
    }

    /** The walk took a step of {@code actor} into a node where {@code enabledAfter} are enabled. */
    void step(int actor, long enabledAfter) {
        stepped |= 1L << actor;
        enabledEverywhere &= enabledAfter;
        enabledSomewhere |= enabledAfter;
    }

    /** Counts one extension of the walk; a walk that needs too many means a checker bug. */
    void nextRound(String where) {
        if (++rounds > MAX_ROUNDS) {
            throw new IllegalStateException("internal error: no fair cycle through " + where);
        }
    }
}
