package tdxcheck.core.check;

import tdxcheck.core.engine.Trace;
import tdxcheck.core.property.Property;
import tdxcheck.core.engine.Verdict;

/**
 * The decided verdict of one property in one check.
 *
 * @param reason        one line: the bound hit, the violation summary, or ""
 * @param violations    violating states found (more than 1 only with --all), or violated operations (liveness)
 * @param trace         the counterexample as a real, replayed path, or null
 * @param loopBackIndex for a lasso, the step the cycle returns to (0 = the initial state); else null
 */
public record PropertyVerdict(Property property, Verdict verdict, String reason, long violations, Trace trace,
                              Integer loopBackIndex) {
}
