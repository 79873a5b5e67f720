package tdxcheck.core.engine;

import tdxcheck.core.property.Property;

/**
 * What the search decided about one property.
 *
 * @param property      the property
 * @param checked       false for properties this search does not decide (liveness: the graph goes
 *                      to a liveness checker); verdict is then INCONCLUSIVE
 * @param verdict       HOLDS, VIOLATED or INCONCLUSIVE
 * @param reason        one line: the bound hit (INCONCLUSIVE), the violation summary, or ""
 * @param violations    violating states (transitions, for TRANSITION) found; more than 1 only with --all
 * @param counterexample the first (with BFS: a shortest) violation, or null
 */
public record PropertyOutcome(Property property, boolean checked, Verdict verdict, String reason, long violations,
                              Trace counterexample) {
}
