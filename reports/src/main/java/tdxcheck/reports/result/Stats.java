package tdxcheck.reports.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Search statistics. The first four fields are the contract; the rest are additions.
 * {@code graphBytes} is the memory of the kept state graph (liveness runs; 0 otherwise);
 * {@code plan} the effective search plan, with the reason for each overridden setting (e.g. one
 * thread because the liveness graph is built on one thread), or null in older results.
 * {@code bound} names the bound that cut the search short (null when exhaustive: then the counts
 * are complete). {@code fingerprintBits} and {@code collisionProbability} state how far the
 * fingerprinted seen-set can be trusted, as TLC states it (optimistic estimate n(g-n)/2^bits for n
 * distinct states and g generated); {@code collisions} is the count --exact measured (null
 * without --exact).
 */
@JsonPropertyOrder({"distinctStates", "generated", "maxDepth", "seconds", "statesPerSecond", "threads",
        "symmetry", "graphBytes", "plan", "bound", "fingerprintBits", "collisionProbability", "collisions"})
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Stats(long distinctStates, long generated, int maxDepth, double seconds, double statesPerSecond,
                    int threads, boolean symmetry, long graphBytes, String plan, String bound,
                    Integer fingerprintBits, Double collisionProbability, Long collisions) {
    /** Without a plan (results written before the plan was recorded). */
    public Stats(long distinctStates, long generated, int maxDepth, double seconds, double statesPerSecond,
                 int threads, boolean symmetry, long graphBytes) {
        this(distinctStates, generated, maxDepth, seconds, statesPerSecond, threads, symmetry, graphBytes, null);
    }

    /** Without the bound and fingerprint figures (results written before they were recorded). */
    public Stats(long distinctStates, long generated, int maxDepth, double seconds, double statesPerSecond,
                 int threads, boolean symmetry, long graphBytes, String plan) {
        this(distinctStates, generated, maxDepth, seconds, statesPerSecond, threads, symmetry, graphBytes, plan,
                null, null, null, null);
    }

    /**
     * TLC's optimistic fingerprint-collision probability: each of the {@code generated -
     * distinct} revisits could have matched any of {@code distinct} stored fingerprints of
     * {@code bits} bits.
     */
    public static double collisionProbability(long distinct, long generated, int bits) {
        return distinct * (double) Math.max(0, generated - distinct) / Math.pow(2, bits);
    }
}
