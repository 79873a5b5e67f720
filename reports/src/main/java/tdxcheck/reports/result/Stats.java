package tdxcheck.reports.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Search statistics. The first four fields are the contract; the rest are additions.
 * {@code graphBytes} is the memory of the kept state graph (liveness runs; 0 otherwise).
 */
@JsonPropertyOrder({"distinctStates", "generated", "maxDepth", "seconds", "statesPerSecond", "threads",
        "symmetry", "graphBytes"})
public record Stats(long distinctStates, long generated, int maxDepth, double seconds, double statesPerSecond,
                    int threads, boolean symmetry, long graphBytes) {
}
