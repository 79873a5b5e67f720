package tdxcheck.tdbuild;

import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.check.Checker;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.tdbuild.guard.BuildGuard;
import tdxcheck.tdbuild.guard.Guards;

/** Runs the family as regress does: single-threaded, unbounded, BFS (shortest counterexamples). */
final class Checks {
    static final TdBuildCatalog CATALOG = new TdBuildCatalog();

    private Checks() {
    }

    static Params params(String scenario, String vpInitTdr) {
        return CATALOG.scenario(scenario).defaults().with("vp-init-tdr", vpInitTdr);
    }

    static CheckResult run(String scenario, String guard) {
        return run(CATALOG.scenario(scenario).defaults(), Guards.byId(guard));
    }

    static CheckResult run(String scenario, String guard, String vpInitTdr) {
        return run(params(scenario, vpInitTdr), Guards.byId(guard));
    }

    static CheckResult run(Params p, BuildGuard guard) {
        CheckTarget t = TdBuildCatalog.build(p, guard);
        return Checker.check(t, SearchConfig.builder().threads(1).build(), Fairness.defaultFairness());
    }
}
