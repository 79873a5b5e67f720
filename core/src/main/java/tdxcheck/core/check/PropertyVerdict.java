package tdxcheck.core.check;

import java.util.List;
import tdxcheck.core.engine.Trace;
import tdxcheck.core.engine.Verdict;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.property.Property;

/**
 * The decided verdict of one property in one check.
 *
 * @param reason        one line: the bound hit, the violation summary, or ""
 * @param violations    violating states found (more than 1 only with --all), or violated operations (liveness)
 * @param trace         the counterexample as a real, replayed path, or null
 * @param loopBackIndex for a lasso, the step the cycle returns to (0 = the initial state); else null
 * @param fairness      liveness: the fairness the verdict was decided under; else null
 * @param livelockClass liveness, VIOLATED: robust or adversarial; null when not known
 * @param byFairness    liveness: the outcome under every fairness asked for, the deciding one
 *                      first; empty for safety properties
 */
public record PropertyVerdict(Property property, Verdict verdict, String reason, long violations, Trace trace,
                              Integer loopBackIndex, Fairness fairness, LivelockClass livelockClass,
                              List<FairnessOutcome> byFairness) {
    public PropertyVerdict {
        byFairness = byFairness == null ? List.of() : List.copyOf(byFairness);
    }

    /** A verdict without fairness (safety properties). */
    public PropertyVerdict(Property property, Verdict verdict, String reason, long violations, Trace trace,
                           Integer loopBackIndex) {
        this(property, verdict, reason, violations, trace, loopBackIndex, null, null, List.of());
    }

    /** The outcome under {@code f}, or null when it was not asked for. */
    public FairnessOutcome under(Fairness f) {
        for (FairnessOutcome o : byFairness) {
            if (o.fairness() == f) {
                return o;
            }
        }
        return null;
    }
}
