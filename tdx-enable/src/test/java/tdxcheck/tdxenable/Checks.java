package tdxcheck.tdxenable;

import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.check.Checker;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.tdxenable.order.EnableOrder;
import tdxcheck.tdxenable.order.Orders;

/** Runs the family as regress does: single-threaded, unbounded, BFS (shortest counterexamples). */
final class Checks {
    static final TdxEnableCatalog CATALOG = new TdxEnableCatalog();

    private Checks() {
    }

    static CheckResult run(String scenario, String order) {
        return run(CATALOG.scenario(scenario).defaults(), Orders.byId(order));
    }

    static CheckResult run(Params p, EnableOrder order) {
        CheckTarget t = TdxEnableCatalog.build(p, order);
        return Checker.check(t, SearchConfig.builder().threads(1).build(), Fairness.defaultFairness());
    }
}
