package tdxcheck.app;

import java.util.List;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Policy;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.liveness.FairnessPlan;

/**
 * One run to check, fully resolved: the family, the scenario, every parameter, the policy, the
 * properties (empty = all of the scenario's), the fairness (one or a list) of liveness properties and how to
 * search. The CLI, suite files, regress, bench and the JUnit API all build these and hand them to
 * {@link Runner}.
 *
 * @param target an explicit target (the JUnit API with user-written policy instances), or null to
 *               build it from the scenario
 */
public record RunRequest(Catalog catalog, String scenario, Params params, Policy policy, List<String> properties,
                         FairnessPlan fairness, SearchConfig search, CheckTarget target) {
    public RunRequest {
        properties = List.copyOf(properties);
    }

    /** One fairness, the default momentary-window budget. */
    public RunRequest(Catalog catalog, String scenario, Params params, Policy policy, List<String> properties,
                      Fairness fairness, SearchConfig search, CheckTarget target) {
        this(catalog, scenario, params, policy, properties, FairnessPlan.of(fairness), search, target);
    }

    public RunRequest withSearch(SearchConfig s) {
        return new RunRequest(catalog, scenario, params, policy, properties, fairness, s, target);
    }

    /** "fault-storm [upstream]", for progress lines. */
    public String label() {
        return scenario + " [" + policy.label() + "]";
    }
}
