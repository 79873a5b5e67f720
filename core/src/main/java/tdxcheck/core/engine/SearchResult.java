package tdxcheck.core.engine;

import java.util.List;
import tdxcheck.core.spi.Model;

/**
 * The outcome of a search: the effective {@link SearchPlan}, one {@link PropertyOutcome} per
 * property (in the order given), the statistics, the bound that cut the search short (null if
 * none), and whether the whole reachable space was explored (false also when the search stopped
 * because every checked property was already violated).
 */
public record SearchResult(Model model, SearchConfig config, SearchPlan plan, List<PropertyOutcome> outcomes,
                           SearchStats stats, String boundReason, boolean exhausted) {
    public SearchResult {
        outcomes = List.copyOf(outcomes);
    }

    public PropertyOutcome outcome(String propertyId) {
        for (PropertyOutcome o : outcomes) {
            if (o.property().id().equals(propertyId)) {
                return o;
            }
        }
        throw new IllegalArgumentException("no property " + propertyId);
    }
}
