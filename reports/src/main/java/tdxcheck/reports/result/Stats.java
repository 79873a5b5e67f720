package tdxcheck.reports.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Search statistics. The first four fields are the contract; the rest are additions.
 * {@code graphBytes} is the memory of the kept state graph (liveness runs; 0 otherwise);
 * {@code plan} the effective search plan, with the reason for each overridden setting (e.g. one
 * thread because the liveness graph is built on one thread), or null in older results.
 */
@JsonPropertyOrder({"distinctStates", "generated", "maxDepth", "seconds", "statesPerSecond", "threads",
        "symmetry", "graphBytes", "plan"})
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Stats(long distinctStates, long generated, int maxDepth, double seconds, double statesPerSecond,
                    int threads, boolean symmetry, long graphBytes, String plan) {
    /** Without a plan (results written before the plan was recorded). */
    public Stats(long distinctStates, long generated, int maxDepth, double seconds, double statesPerSecond,
                 int threads, boolean symmetry, long graphBytes) {
        this(distinctStates, generated, maxDepth, seconds, statesPerSecond, threads, symmetry, graphBytes, null);
    }
}
