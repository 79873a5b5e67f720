package tdxcheck.dpamt;

import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.check.Checker;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.dpamt.policy.PamtPolicy;
import tdxcheck.dpamt.policy.Policies;

/** Runs the family as regress does: single-threaded, unbounded, BFS (shortest counterexamples). */
final class Checks {
    static final DpamtCatalog CATALOG = new DpamtCatalog();

    private Checks() {
    }

    static Params params(String scenario, String key, String value) {
        Params p = CATALOG.scenario(scenario).defaults();
        return key == null ? p : p.withText(key, value);
    }

    static CheckResult run(String scenario, String policy) {
        return run(CATALOG.scenario(scenario).defaults(), Policies.byId(policy));
    }

    static CheckResult run(Params p, PamtPolicy policy) {
        CheckTarget t = DpamtCatalog.build(p, policy);
        return Checker.check(t, SearchConfig.builder().threads(1).build(), Fairness.defaultFairness());
    }
}
