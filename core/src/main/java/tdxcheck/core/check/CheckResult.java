package tdxcheck.core.check;

import java.util.List;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.engine.SearchResult;
import tdxcheck.core.engine.SearchStats;
import tdxcheck.core.spi.Model;

/**
 * What a check decided: one verdict per property of the target (in its order), the search's
 * statistics, and the memory of the kept state graph (liveness runs; else 0): its bytes, its
 * states, and the bytes of the store of the search that built it (the plain search's, or for
 * fairness hw the search of the model with momentary windows, which has states of its own).
 */
public record CheckResult(CheckTarget target, SearchResult search, List<PropertyVerdict> verdicts,
                          long graphBytes, long graphStates, long graphStoreBytes) {
    public CheckResult {
        verdicts = List.copyOf(verdicts);
    }

    /** A graph built by {@code search} itself (or none: {@code graphBytes} 0). */
    public CheckResult(CheckTarget target, SearchResult search, List<PropertyVerdict> verdicts, long graphBytes) {
        this(target, search, verdicts, graphBytes, search.stats().distinctStates(), search.stats().storeBytes());
    }

    public Model model() {
        return target.model();
    }

    public SearchStats stats() {
        return search.stats();
    }

    public PropertyVerdict verdict(String propertyId) {
        for (PropertyVerdict v : verdicts) {
            if (v.property().id().equals(propertyId)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no property " + propertyId);
    }
}
