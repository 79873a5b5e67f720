package tdxcheck.app.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.check.PropertyVerdict;
import tdxcheck.core.check.Swarm;
import tdxcheck.core.engine.Replayer;
import tdxcheck.core.engine.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.engine.SearchListener;
import tdxcheck.core.engine.SearchResult;
import tdxcheck.core.engine.Strategy;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Policy;
import tdxcheck.app.TestRuns;
import tdxcheck.core.catalog.Params;
import tdxcheck.tdx.TdxCatalog;
import tdxcheck.model.tdx.TdxScenarios;
import tdxcheck.model.tdx.policy.FaultRetryPolicy;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.model.tdx.policy.ZapRetryPolicy;
import tdxcheck.core.property.Property;
import tdxcheck.core.property.PropertyKind;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;

/**
 * Every optimisation is verdict-preserving: symmetry reduction on/off, 1 or 2 threads, BFS or
 * DFS, exact mode on/off give the same verdict for every property (and the same number of
 * violated liveness operations) on every scenario x fault-retry x zap-retry combination. Runs
 * that explore the whole space with the same symmetry setting also agree on the distinct-state
 * count. Each property set is checked twice: every property (as {@code verify} runs them; the
 * liveness graph makes the search single-threaded) and the safety properties alone (so two
 * threads really run in parallel).
 *
 * <p>The default build runs every combination against a representative set of configurations;
 * the full cross-product of the four switches (and pending events, and strong fairness) is
 * tagged heavy ({@code mvn -Pbench verify}).
 */
class OptimisationEquivalenceTest {

    /** One way to run the search. */
    record Cfg(boolean symmetry, int threads, Strategy strategy, boolean exact) {
        SearchConfig.Builder builder() {
            return SearchConfig.builder().symmetry(symmetry).threads(threads).strategy(strategy).exact(exact);
        }

        @Override
        public String toString() {
            return (symmetry ? "sym" : "nosym") + "/t" + threads + "/" + strategy + (exact ? "/exact" : "");
        }
    }

    private static final Cfg REFERENCE = new Cfg(false, 1, Strategy.BFS, false);

    /** The default build's configurations: the reference, each switch on its own, and all of them on. */
    private static final List<Cfg> REPRESENTATIVE = List.of(REFERENCE,
            new Cfg(true, 1, Strategy.BFS, false),
            new Cfg(false, 2, Strategy.BFS, false),
            new Cfg(true, 2, Strategy.BFS, false),
            new Cfg(false, 1, Strategy.DFS, false),
            new Cfg(false, 1, Strategy.BFS, true),
            new Cfg(true, 1, Strategy.DFS, true));

    private static List<Cfg> allConfigs() {
        List<Cfg> l = new ArrayList<>();
        for (boolean sym : new boolean[] {false, true}) {
            for (int t : new int[] {1, 2}) {
                for (Strategy s : Strategy.values()) {
                    for (boolean exact : new boolean[] {false, true}) {
                        l.add(new Cfg(sym, t, s, exact));
                    }
                }
            }
        }
        return l;
    }

    /** What one run decided, and its count if it explored everything. */
    record Outcome(Map<String, String> verdicts, long states, boolean exhausted, boolean symmetry) {
    }

    private static Outcome run(String scenario, Params params, String fault, String zap, boolean safetyOnly,
                               Cfg cfg, Fairness fairness) {
        CheckTarget t = TdxCatalog.build(scenario, params, Policies.fault(fault), Policies.zap(zap));
        if (safetyOnly) {
            List<Property> keep = new ArrayList<>();
            for (Property p : t.properties()) {
                if (p.kind() != PropertyKind.LIVENESS) {
                    keep.add(p);
                }
            }
            t = new CheckTarget(t.model(), keep);
        }
        SearchResult[] captured = new SearchResult[1];
        SearchConfig config = cfg.builder().listener(new SearchListener() {
            @Override
            public void finished(SearchResult result) {
                captured[0] = result;
            }
        }).build();
        Run r = TestRuns.verify(scenario, params, TestRuns.policy(null, fault, zap), t, config, fairness);
        Map<String, String> v = new LinkedHashMap<>();
        for (PropertyResult p : r.results()) {
            String key = p.verdict().name();
            if (p.counterexample() != null && p.counterexample().kind() != null
                    && p.property().equals("no-busy-livelock")) {
                key += " (" + p.violations() + " operations)";
            }
            v.put(p.property(), key);
        }
        assertNotNull(captured[0]);
        return new Outcome(v, captured[0].stats().distinctStates(), captured[0].exhausted(),
                captured[0].stats().symmetry());
    }

    private static void agree(String scenario, Params params, String fault, String zap, List<Cfg> cfgs,
                              Fairness fairness) {
        for (boolean safetyOnly : new boolean[] {false, true}) {
            Outcome ref = run(scenario, params, fault, zap, safetyOnly, REFERENCE, fairness);
            Map<Boolean, Long> counts = new LinkedHashMap<>();
            for (Cfg cfg : cfgs) {
                Outcome o = cfg.equals(REFERENCE) ? ref : run(scenario, params, fault, zap, safetyOnly, cfg, fairness);
                String where = scenario + " " + fault + "+" + zap + (safetyOnly ? " safety" : " all") + " " + cfg;
                assertEquals(ref.verdicts(), o.verdicts(), where + ": verdicts");
                if (o.exhausted()) {
                    Long c = counts.putIfAbsent(o.symmetry(), o.states());
                    if (c != null) {
                        assertEquals(c.longValue(), o.states(), where + ": distinct states");
                    }
                }
            }
        }
    }

    static Stream<Arguments> combinations() {
        List<Arguments> l = new ArrayList<>();
        for (TdxScenarios.Info i : TdxScenarios.ALL) {
            for (FaultRetryPolicy fr : Policies.faultPolicies()) {
                for (ZapRetryPolicy zr : Policies.zapPolicies()) {
                    l.add(Arguments.of(i.id(), fr.id(), zr.id()));
                }
            }
        }
        return l.stream();
    }

    private static Params defaults(String scenario, boolean pendingEvents) {
        return TestRuns.TDX.scenario(scenario).defaults().with("pending-events", pendingEvents);
    }

    @ParameterizedTest(name = "{0} {1}+{2}")
    @MethodSource("combinations")
    void representativeConfigurationsAgree(String scenario, String fault, String zap) {
        agree(scenario, defaults(scenario, false), fault, zap, REPRESENTATIVE, Fairness.WEAK);
    }

    @Tag("heavy")
    @ParameterizedTest(name = "{0} {1}+{2}")
    @MethodSource("combinations")
    void everyConfigurationAgrees(String scenario, String fault, String zap) {
        List<Cfg> all = allConfigs();
        assertTrue(all.size() == 16);
        agree(scenario, defaults(scenario, false), fault, zap, all, Fairness.WEAK);
        agree(scenario, defaults(scenario, true), fault, zap, all, Fairness.WEAK);
        agree(scenario, defaults(scenario, false), fault, zap, REPRESENTATIVE, Fairness.STRONG);
    }

    /**
     * Swarm mode never trades a verdict: on every scenario x policy, randomised DFS runs deep
     * enough to cover these small spaces find exactly the safety violations of the exhaustive
     * search, with traces that replay, and never say HOLDS; the same seed gives the same verdicts.
     */
    @ParameterizedTest(name = "{0} {1}+{2}")
    @MethodSource("combinations")
    void swarmFindsTheExhaustiveViolationsAndNeverHolds(String scenario, String fault, String zap) {
        Params params = defaults(scenario, false);
        Outcome ref = run(scenario, params, fault, zap, true, REFERENCE, Fairness.WEAK);
        CheckTarget t = TdxCatalog.build(scenario, params, Policies.fault(fault), Policies.zap(zap));
        SearchConfig cfg = SearchConfig.builder().maxDepth(1_000_000).maxStates(1_000_000).build();
        CheckResult a = Swarm.check(t, cfg, 3, 11);
        CheckResult b = Swarm.check(t, cfg, 3, 11);
        for (PropertyVerdict v : a.verdicts()) {
            String id = v.property().id();
            assertTrue(v.verdict() != Verdict.HOLDS, id + ": a swarm never says HOLDS");
            assertEquals(v.verdict(), b.verdict(id).verdict(), id + ": same seed, same verdict");
            if (v.property().kind() == PropertyKind.LIVENESS) {
                assertEquals(Verdict.INCONCLUSIVE, v.verdict());
                continue;
            }
            boolean violated = ref.verdicts().get(id).equals("VIOLATED");
            assertEquals(violated ? Verdict.VIOLATED : Verdict.INCONCLUSIVE, v.verdict(), scenario + " " + fault + "+"
                    + zap + " " + id);
            if (violated) {
                assertNotNull(v.trace(), id + ": a counterexample");
                long[] end = Replayer.trace(t.model(), v.property().kind(), v.trace().initialIndex(),
                        v.trace().actions()).state(v.trace().length());
                assertTrue(java.util.Arrays.equals(end, v.trace().state(v.trace().length())), id + ": replays");
            }
        }
    }
}
