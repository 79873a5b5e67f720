package tdxcheck.core.check;

import tdxcheck.core.engine.Trace;
import tdxcheck.core.engine.Verdict;
import tdxcheck.core.liveness.Fairness;

/**
 * The verdict of a liveness property under one fairness assumption.
 *
 * @param livelockClass for VIOLATED, robust or adversarial; null when not known (hw not decided)
 * @param violations    violated operations
 * @param trace         the lasso as a replayed concrete path, or null
 * @param loopBackIndex the step the lasso's cycle returns to, or null
 * @param states        distinct states of the graph this fairness was decided on (hw searches
 *                      the model with its momentary windows bounded: a graph of its own)
 * @param seconds       time of that search and of the check
 */
public record FairnessOutcome(Fairness fairness, Verdict verdict, LivelockClass livelockClass, String reason,
                              long violations, Trace trace, Integer loopBackIndex, long states, double seconds) {
    /** The reported lasso's cycle length, or null. */
    public Integer cycleSteps() {
        return trace == null || loopBackIndex == null ? null : trace.length() - loopBackIndex;
    }

    FairnessOutcome classed(LivelockClass c) {
        return new FairnessOutcome(fairness, verdict, c, reason, violations, trace, loopBackIndex, states, seconds);
    }
}
