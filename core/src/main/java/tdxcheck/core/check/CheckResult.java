package tdxcheck.core.check;

import java.util.List;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.engine.SearchResult;
import tdxcheck.core.engine.SearchStats;
import tdxcheck.core.spi.Model;

/**
 * What a check decided: one verdict per property of the target (in its order), the search's
 * statistics, and the memory of the kept state graph (liveness runs; else 0).
 */
public record CheckResult(CheckTarget target, SearchResult search, List<PropertyVerdict> verdicts,
                          long graphBytes) {
    public CheckResult {
        verdicts = List.copyOf(verdicts);
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
