/**
 * Liveness checking on a kept state graph (engine-independent part).
 *
 * <p>Flow: the engine feeds a {@link tdxcheck.harness.liveness.StateGraphBuilder} through
 * {@link tdxcheck.harness.liveness.GraphSink} while it explores (nodes in id order, edges
 * grouped by non-decreasing source), {@code build()} yields a compact CSR
 * {@link tdxcheck.harness.liveness.StateGraph}, and
 * {@link tdxcheck.harness.liveness.LivenessChecker#check} returns a
 * {@link tdxcheck.harness.liveness.LivenessResult}: per operation of the liveness property
 * (bit i of the pending/progress masks) whether a reachable fair cycle keeps it pending with no
 * progress edge, and a {@link tdxcheck.harness.liveness.Lasso} (stem + cycle over real edges,
 * with action ids for replay and {@code loopBackIndex}) for every violated operation.
 * {@link tdxcheck.harness.liveness.Fairness} is per actor: weak (default), strong or none.
 * {@link tdxcheck.harness.liveness.Tarjan} is the iterative SCC search underneath.
 *
 * <p>Limits: at most {@link tdxcheck.harness.liveness.StateGraph#MAX_ACTORS} actors and
 * {@link tdxcheck.harness.liveness.LivenessChecker#MAX_OPERATIONS} operations; int node and
 * edge ids.
 */
package tdxcheck.harness.liveness;
