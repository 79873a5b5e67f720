package tdxcheck.app.jpf;

import java.util.List;
import tdxcheck.app.RunRequest;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Policy;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;

/** The run requests the JPF mode builds: a scenario, its parameters, a policy and properties. */
public final class Requests {
    private Requests() {
    }

    /** {@code scenario} with {@code params} under {@code policy}, the given properties (empty: all). */
    public static RunRequest of(Catalog catalog, String scenario, Params params, Policy policy, List<String> properties) {
        return new RunRequest(catalog, scenario, params, policy, properties, Fairness.defaultFairness(),
                SearchConfig.defaults(), null);
    }

    /** {@code r} with only {@code properties}. */
    public static RunRequest withProperties(RunRequest r, List<String> properties) {
        return new RunRequest(r.catalog(), r.scenario(), r.params(), r.policy(), properties, r.fairness(), r.search(),
                r.target());
    }
}
