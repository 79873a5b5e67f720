package tdxcheck.app;

import java.util.List;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Policy;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;

/**
 * One run to check, fully resolved: the family, the scenario, every parameter, the policy, the
 * properties (empty = all of the scenario's), the fairness of liveness properties and how to
 * search. The CLI, suite files, regress, bench and the JUnit API all build these and hand them to
 * {@link Runner}.
 *
 * @param target an explicit target (the JUnit API with user-written policy instances), or null to
 *               build it from the scenario
 */
public record RunRequest(Catalog catalog, String scenario, Params params, Policy policy, List<String> properties,
                         Fairness fairness, SearchConfig search, CheckTarget target) {
    public RunRequest {
        properties = List.copyOf(properties);
    }

    /** A request for {@code scenario} at its defaults under the catalog's default preset, all properties. */
    public static RunRequest defaults(Catalog catalog, String scenario) {
        return new RunRequest(catalog, scenario, catalog.scenario(scenario).defaults(),
                catalog.resolvePolicy(null, java.util.Map.of()), List.of(), Fairness.defaultFairness(),
                SearchConfig.defaults(), null);
    }

    public RunRequest withParams(Params p) {
        return new RunRequest(catalog, scenario, p, policy, properties, fairness, search, target);
    }

    public RunRequest withPolicy(Policy p) {
        return new RunRequest(catalog, scenario, params, p, properties, fairness, search, target);
    }

    public RunRequest withProperties(List<String> ids) {
        return new RunRequest(catalog, scenario, params, policy, ids, fairness, search, target);
    }

    public RunRequest withFairness(Fairness f) {
        return new RunRequest(catalog, scenario, params, policy, properties, f, search, target);
    }

    public RunRequest withSearch(SearchConfig s) {
        return new RunRequest(catalog, scenario, params, policy, properties, fairness, s, target);
    }

    public RunRequest withTarget(CheckTarget t) {
        return new RunRequest(catalog, scenario, params, policy, properties, fairness, search, t);
    }

    /** "fault-storm [upstream]", for progress lines. */
    public String label() {
        return scenario + " [" + policy.label() + "]";
    }
}
