package tdxcheck.model.tdx.policy;

/** A named preset: one policy on each axis. */
public record RetryPolicy(String id, String description, FaultRetryPolicy fault, ZapRetryPolicy zap) {
}
