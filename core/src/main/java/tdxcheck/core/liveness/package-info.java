/**
 * Liveness checking on a kept state graph (engine-independent part).
 *
 * <p>Flow: the engine feeds a {@link tdxcheck.core.liveness.StateGraphBuilder} through
 * {@link tdxcheck.core.liveness.GraphSink} while it explores (nodes in id order, edges
 * grouped by non-decreasing source), {@code build()} yields a compact CSR
 * {@link tdxcheck.core.liveness.StateGraph}, and
 * {@link tdxcheck.core.liveness.LivenessChecker#check} returns a
 * {@link tdxcheck.core.liveness.LivenessResult}: per operation of the liveness property
 * (bit i of the pending/progress masks) whether a reachable fair cycle keeps it pending with no
 * progress edge, and a {@link tdxcheck.core.liveness.Lasso} (stem + cycle over real edges,
 * with action ids for replay and {@code loopBackIndex}) for every violated operation.
 * {@link tdxcheck.core.liveness.Fairness} is per actor: weak (default), strong or none.
 * {@link tdxcheck.core.liveness.Tarjan} is the iterative SCC search underneath.
 *
 * <p>Limits: at most {@link tdxcheck.core.liveness.StateGraph#MAX_ACTORS} actors and
 * {@link tdxcheck.core.liveness.LivenessChecker#MAX_OPERATIONS} operations; int node and
 * edge ids.
 */
package tdxcheck.core.liveness;
