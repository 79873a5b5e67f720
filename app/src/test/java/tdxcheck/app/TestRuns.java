package tdxcheck.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Policy;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.fixtures.FixtureCatalog;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.reports.result.Run;
import tdxcheck.tdx.TdxCatalog;

/** Test shorthands over {@link Runner}: TDX policies and params by value, runs of explicit targets. */
public final class TestRuns {
    public static final TdxCatalog TDX = new TdxCatalog();
    public static final FixtureCatalog FIXTURES = new FixtureCatalog();

    private TestRuns() {
    }

    /** A TDX policy: a preset (axes null), or the two axes (preset null; a matching preset is named). */
    public static Policy policy(String preset, String fault, String zap) {
        Map<String, String> axes = new LinkedHashMap<>();
        if (fault != null) {
            axes.put(TdxCatalog.FAULT_RETRY.name(), fault);
        }
        if (zap != null) {
            axes.put(TdxCatalog.ZAP_RETRY.name(), zap);
        }
        return TDX.resolvePolicy(preset, axes);
    }

    /** TDX params. */
    public static Params params(int vcpus, int gpas, int threshold, boolean pendingEvents) {
        return TDX.scenario("fault-storm").defaults().with("vcpus", vcpus).with("gpas", gpas)
                .with("threshold", threshold).with("pending-events", pendingEvents);
    }

    /** The TDX catalog when it knows the scenario, else the fixtures. */
    public static Catalog catalogOf(String scenario) {
        return TDX.scenarios().stream().anyMatch(s -> s.id().equals(scenario)) ? TDX : FIXTURES;
    }

    /** Runs an explicit target through the one request path. */
    public static Run verify(String scenario, Params params, Policy policy, CheckTarget target, SearchConfig cfg,
                             Fairness fairness) {
        return Runner.run(new RunRequest(catalogOf(scenario), scenario, params, policy, List.of(), fairness, cfg,
                target));
    }

    /** Runs an explicit target, liveness under every fairness of {@code plan}. */
    public static Run verify(String scenario, Params params, Policy policy, CheckTarget target, SearchConfig cfg,
                             tdxcheck.core.liveness.FairnessPlan plan) {
        return Runner.run(new RunRequest(catalogOf(scenario), scenario, params, policy, List.of(), plan, cfg,
                target));
    }

    /** A fixture run with no parameters and no policy. */
    public static Run verifyFixture(String scenario, CheckTarget target, SearchConfig cfg, Fairness fairness) {
        return Runner.run(new RunRequest(FIXTURES, scenario, Params.of(List.of(), Map.of()),
                new Policy(FixtureCatalog.NONE, Map.of()), List.of(), fairness, cfg, target));
    }
}
